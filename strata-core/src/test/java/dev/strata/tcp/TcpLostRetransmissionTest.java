package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.link.LinkParams;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A retransmission lost in SACK recovery: with {@link TcpConfig#lostRetransmissions()} the sender sees data sent
 * after it SACKed and sends it again at once; without, only the retransmission timer (1 s at least) recovers it.
 */
class TcpLostRetransmissionTest {

    private static final int SIZE = 400_000;
    /** The stream octet whose segment is dropped twice: the segment and its first retransmission. */
    private static final int LOST_AT = 100_000;

    private record Run(boolean intact, long lostRetransmissions, long timeouts, long doneNanos, int dropped) {}

    private static Run transfer(boolean detect) {
        TcpConfig config = TcpConfig.DEFAULT.toBuilder()
                .lostRetransmissions(detect)
                .minRtoNanos(1_000_000_000L)
                .build();
        LinkParams link = LinkParams.parse("delay=5ms,rate=100mbit", LinkParams.IDEAL);
        TcpPair p = new TcpPair(1, link, link, config, config);
        SegmentDropper drop =
                SegmentDropper.install(p.server, (from, to, dropped) -> dropped < 2 && from <= LOST_AT && LOST_AT < to);
        byte[] data = TcpFeatureTest.random(SIZE, 7);
        p.clientSide.send(data, true);
        p.serverSide.send(new byte[0], true);
        boolean closed = p.runUntilClosed(120_000_000_000L);
        byte[] got = p.serverSide.received.toByteArray();
        boolean intact = closed && java.util.Arrays.equals(TcpPair.sha256(got), TcpPair.sha256(data));
        TcpCounters c = p.client.tcp().counters;
        return new Run(intact, c.lostRetransmissions, c.timeouts, p.sim.now(), drop.dropped);
    }

    @Test
    void aLostRetransmissionIsSentAgainWithoutWaitingForTheTimer() {
        Run r = transfer(true);
        assertThat(r.dropped())
                .as("the segment and its first retransmission were dropped")
                .isEqualTo(2);
        assertThat(r.intact()).isTrue();
        assertThat(r.lostRetransmissions()).isEqualTo(1);
        assertThat(r.timeouts()).isZero();
    }

    @Test
    void withoutTheDetectionOnlyTheRetransmissionTimerRecoversIt() {
        Run on = transfer(true);
        Run off = transfer(false);
        assertThat(off.dropped()).isEqualTo(2);
        assertThat(off.intact()).isTrue();
        assertThat(off.lostRetransmissions()).isZero();
        assertThat(off.timeouts()).isEqualTo(1);
        // The timeout costs at least the minimum RTO of 1 s that the detection saves.
        assertThat(off.doneNanos() - on.doneNanos()).isGreaterThan(900_000_000L);
    }

    @Test
    void randomDataStillArrivesWholeUnderHeavyLossWithTheDetection() {
        // Loss both ways, so retransmissions and ACKs are lost too; the detection must never lose or corrupt data.
        LinkParams lossy = LinkParams.parse("loss=10%,delay=2ms,rate=50mbit", LinkParams.IDEAL);
        for (long seed = 1; seed <= 20; seed++) {
            TcpPair p = new TcpPair(seed, lossy, lossy, TcpConfig.DEFAULT, TcpConfig.DEFAULT);
            byte[] data = new byte[200_000];
            new Random(seed).nextBytes(data);
            p.clientSide.send(data, true);
            p.serverSide.send(new byte[0], true);
            assertThat(p.runUntilClosed(600_000_000_000L))
                    .as("seed %d closed", seed)
                    .isTrue();
            assertThat(p.serverSide.received.toByteArray()).as("seed %d", seed).isEqualTo(data);
        }
    }
}
