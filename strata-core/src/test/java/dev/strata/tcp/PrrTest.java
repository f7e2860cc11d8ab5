package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tcp.SackScoreboard.Hole;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrrTest {

    private static final int MSS = 1000;

    @Test
    void refusesAcksOutsideRecovery() {
        Prr prr = new Prr();
        assertThat(prr.active()).isFalse();
        assertThatThrownBy(() -> prr.onAck(MSS, 0, MSS)).isInstanceOf(IllegalStateException.class);
        prr.start(10 * MSS, 20 * MSS);
        assertThat(prr.active()).isTrue();
        prr.end();
        assertThatThrownBy(() -> prr.onAck(MSS, 0, MSS)).isInstanceOf(IllegalStateException.class);
    }

    /** RFC 6937's example: Reno's ssthresh 10 of RecoverFS 20 - one segment sent for every second one delivered. */
    @Test
    void proportionalPartSendsSsthreshOverRecoverFsPerDelivery() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        List<Long> sends = new ArrayList<>();
        for (int ack = 1; ack <= 20; ack++) {
            long sndcnt = prr.onAck(MSS, 15 * MSS, MSS); // pipe stays above ssthresh
            sends.add(sndcnt / MSS);
            prr.sent(sndcnt);
        }
        assertThat(sends)
                .containsExactly(1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L, 1L, 0L);
        assertThat(prr.out()).isEqualTo(10 * MSS);
        assertThat(prr.delivered()).isEqualTo(20 * MSS);
    }

    /** CUBIC's beta 0.7: 14 segments sent while 20 are delivered, spread as CEIL(k * 0.7) - CEIL((k - 1) * 0.7). */
    @Test
    void proportionalPartWithCubicsBeta() {
        Prr prr = new Prr();
        prr.start(14 * MSS, 20 * MSS);
        for (int k = 1; k <= 20; k++) {
            long sndcnt = prr.onAck(MSS, 19 * MSS, MSS);
            long expected = (long) Math.ceil(k * 0.7 - 1e-9) - (long) Math.ceil((k - 1) * 0.7 - 1e-9);
            assertThat(sndcnt).as("ack %d", k).isEqualTo(expected * MSS);
            prr.sent(sndcnt);
        }
        assertThat(prr.out()).isEqualTo(14 * MSS);
    }

    @Test
    void proportionalPartRoundsUpToWholeSegments() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        // Half a segment delivered: CEIL(500 * 10 / 20) = 250 octets, rounded up to one SMSS.
        assertThat(prr.onAck(500, 15 * MSS, MSS)).isEqualTo(MSS);
        prr.sent(MSS);
        // 1500 delivered: 750 allowed, still within the segment already sent.
        assertThat(prr.onAck(1000, 15 * MSS, MSS)).isZero();
        // 2500 delivered: 1250 allowed, a second segment.
        assertThat(prr.onAck(1000, 15 * MSS, MSS)).isEqualTo(MSS);
    }

    @Test
    void theFastRetransmitIsNeverHeldBack() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        // Entering recovery with pipe at ssthresh and nothing delivered: SSRB alone would give 0 (RFC 9937 §6).
        assertThat(prr.onAck(0, 10 * MSS, MSS)).isEqualTo(MSS);
        prr.sent(MSS);
        assertThat(prr.onAck(0, 10 * MSS, MSS)).isZero();
    }

    @Test
    void neverNegative() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        prr.sent(5 * MSS); // e.g. the fast retransmit and limited transmit went out before any delivery
        assertThat(prr.onAck(MSS, 15 * MSS, MSS)).isZero(); // CEIL(1 * 10 / 20) - 5 segments < 0
        assertThat(prr.onAck(-MSS, 15 * MSS, MSS)).isZero();
        assertThat(prr.delivered()).isEqualTo(MSS);
    }

    /**
     * RFC 6937's burst-loss case (pipe below ssthresh): PRR-SSRB lets pipe grow by one MSS per ACK (slow start, two
     * segments sent per segment delivered) up to ssthresh, then holds it there.
     */
    @Test
    void slowStartReductionBoundRebuildsPipeToSsthresh() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        long pipe = 5 * MSS; // 15 of 20 segments lost
        List<Long> pipes = new ArrayList<>();
        for (int ack = 0; ack < 10; ack++) {
            pipe -= MSS; // this ACK delivered one segment
            long sndcnt = prr.onAck(MSS, pipe, MSS);
            prr.sent(sndcnt);
            pipe += sndcnt;
            pipes.add(pipe / MSS);
        }
        assertThat(pipes).containsExactly(6L, 7L, 8L, 9L, 10L, 10L, 10L, 10L, 10L, 10L);
    }

    @Test
    void slowStartReductionBoundCatchesUpWhatTheProportionalPartHeldBack() {
        Prr prr = new Prr();
        prr.start(10 * MSS, 20 * MSS);
        // Four ACKs with pipe above ssthresh send 2 of 4 delivered; then the pipe collapses (further losses found).
        for (int i = 0; i < 4; i++) {
            prr.sent(prr.onAck(MSS, 15 * MSS, MSS));
        }
        assertThat(prr.out()).isEqualTo(2 * MSS);
        // limit = MAX(prr_delivered - prr_out, DeliveredData) + MSS = MAX(5 - 2, 1) + 1 = 4 segments
        assertThat(prr.onAck(MSS, 2 * MSS, MSS)).isEqualTo(4 * MSS);
        // ... but never beyond ssthresh - pipe
        Prr other = new Prr();
        other.start(10 * MSS, 20 * MSS);
        assertThat(other.onAck(8 * MSS, 9 * MSS, MSS)).isEqualTo(MSS);
    }

    /**
     * PRR driven by the SACK scoreboard through a single loss: 20 segments in flight, the first lost, the other 19
     * SACKed one per ACK. Recovery starts at the third SACK (DupThresh); PRR sends the retransmission at once and
     * then one new segment per two delivered, and the flight ends at ssthresh when the retransmission is ACKed.
     */
    @Test
    void singleLossWithTheScoreboard() {
        int iss = 1 << 30;
        int una = iss;
        int nxt = iss + 20 * MSS;
        SackScoreboard sb = new SackScoreboard();
        Prr prr = new Prr();
        boolean recovering = false;
        int highRxt = una;
        StringBuilder sent = new StringBuilder();
        for (int k = 1; k <= 19; k++) {
            long sackedBefore = sb.sackedBytes();
            // ACK k SACKs segments 1..k (one block).
            sb.update(una, nxt, new int[] {iss + MSS}, new int[] {iss + (k + 1) * MSS}, 1);
            long delivered = sb.sackedBytes() - sackedBefore;
            if (!recovering && sb.isLost(una, MSS, 3)) {
                recovering = true;
                long flight = Seq.distance(una, nxt);
                prr.start(new NewReno().ssthreshAfterLoss(flight, flight, MSS, 0), flight);
            }
            if (!recovering) {
                sent.append('.');
                continue;
            }
            long pipe = sb.pipe(una, nxt, highRxt, MSS, 3);
            long sndcnt = prr.onAck(delivered, pipe, MSS);
            StringBuilder now = new StringBuilder();
            while (sndcnt >= MSS) {
                Hole h = sb.nextLost(highRxt, nxt, MSS, 3);
                if (h != null) {
                    highRxt = h.seq() + h.length();
                    now.append('R');
                } else {
                    nxt += MSS; // new data
                    now.append('N');
                }
                prr.sent(MSS);
                sndcnt -= MSS;
            }
            sent.append(now.isEmpty() ? "-" : now);
        }
        // Acks 1, 2: not yet in recovery. Ack k >= 3 has pipe = 1 (the retransmission) + (19 - k) + new segments
        // sent. Ack 3: the fast retransmit (CEIL(1 * 10/20) = 1 segment). Acks 4-14: pipe > ssthresh, a new segment
        // on every second ACK (CEIL(d * 10/20) - prr_out). Ack 15: pipe = 10 = ssthresh, SSRB allows
        // ssthresh - pipe = 0. Acks 16-19: pipe = 9, SSRB sends one segment each, holding pipe at ssthresh.
        assertThat(sent.toString()).isEqualTo("..R-N-N-N-N-N--NNNN");
        assertThat(prr.out()).isEqualTo(10 * MSS);
        assertThat(prr.delivered()).isEqualTo(17 * MSS);
        assertThat(sb.pipe(una, nxt, highRxt, MSS, 3)).isEqualTo(prr.ssthresh());
        // The retransmission arrives and everything up to the new data is ACKed: 9 new segments remain in flight,
        // and the window after recovery (ssthresh) allows one more.
        una = iss + 20 * MSS;
        sb.update(una, nxt, new int[0], new int[0], 0);
        assertThat(sb.ranges()).isZero();
        assertThat(sb.pipe(una, nxt, una, MSS, 3)).isEqualTo(9 * MSS);
    }
}
