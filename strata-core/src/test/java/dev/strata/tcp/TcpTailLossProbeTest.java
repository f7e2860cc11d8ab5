package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.link.LinkParams;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A loss at the tail of a flight, where no later segment brings duplicate ACKs: with {@link TcpConfig#tailLossProbe()}
 * the probe after about two round trips repairs it (RFC 8985 §7); without, only the retransmission timer does.
 */
class TcpTailLossProbeTest {

    /** Ten full segments: the whole initial window, then the sender has nothing more to send. */
    private static final int SIZE = 10 * 1448;

    private record Run(long doneNanos, long probes, long timeouts, int dropped, boolean intact) {}

    private static Run transfer(boolean probe) {
        TcpConfig config = TcpConfig.DEFAULT.toBuilder()
                .tailLossProbe(probe)
                .noDelay(true)
                .minRtoNanos(1_000_000_000L)
                .build();
        LinkParams link = LinkParams.parse("delay=10ms", LinkParams.IDEAL);
        TcpPair p = new TcpPair(1, link, link, config, config);
        // Drop the first arrival of the segment that carries the last octet of the data.
        SegmentDropper drop = SegmentDropper.install(p.server, (from, to, dropped) -> dropped == 0 && to == SIZE);
        // One small exchange first, so that the sender has an RTT sample (a probe needs SRTT).
        p.sim.runUntil(() -> p.clientSide.connected && p.serverSide.connected, 10_000_000_000L);
        byte[] data = TcpFeatureTest.random(SIZE, 3);
        long start = p.sim.now();
        p.clientSide.send(data, false);
        p.sim.runUntil(() -> p.serverSide.received.size() >= SIZE, 60_000_000_000L);
        TcpCounters c = p.client.tcp().counters;
        boolean intact = Arrays.equals(p.serverSide.received.toByteArray(), data);
        return new Run(p.sim.now() - start, c.tailLossProbes, c.timeouts, drop.dropped, intact);
    }

    @Test
    void aLostLastSegmentIsRepairedByTheProbeBeforeTheTimer() {
        Run r = transfer(true);
        assertThat(r.dropped()).isEqualTo(1);
        assertThat(r.intact()).isTrue();
        assertThat(r.probes()).isEqualTo(1);
        assertThat(r.timeouts()).isZero();
        // Two round trips of 20 ms for the flight and the probe timeout of 2 * SRTT, far below the 1 s RTO.
        assertThat(r.doneNanos()).isLessThan(200_000_000L);
    }

    @Test
    void withoutTheProbeTheRetransmissionTimerRepairsIt() {
        Run r = transfer(false);
        assertThat(r.dropped()).isEqualTo(1);
        assertThat(r.intact()).isTrue();
        assertThat(r.probes()).isZero();
        assertThat(r.timeouts()).isEqualTo(1);
        assertThat(r.doneNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
    }
}
