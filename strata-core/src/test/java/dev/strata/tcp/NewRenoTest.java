package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewRenoTest {

    private static final int SMSS = 1460;
    private static final long S = 1_000_000_000L;

    private final NewReno reno = new NewReno();

    private long ack(long cwnd, long ssthresh, long acked) {
        return reno.onAck(cwnd, ssthresh, acked, SMSS, -1, -1, 0);
    }

    @Test
    void namedFactoryAndName() {
        assertThat(CongestionControl.named("newreno")).isInstanceOf(NewReno.class);
        assertThat(CongestionControl.named("reno").name()).isEqualTo("newreno");
        assertThatThrownBy(() -> CongestionControl.named("bbr")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void initialWindowPerRfc6928() {
        assertThat(CongestionControl.initialWindow(1460)).isEqualTo(14600);
        assertThat(CongestionControl.initialWindow(536)).isEqualTo(5360);
        assertThat(CongestionControl.initialWindow(8960)).isEqualTo(17920); // 2*SMSS above 14600
        assertThat(CongestionControl.initialWindow(65483)).isEqualTo(130966);
    }

    @Test
    void slowStartAddsMinOfAckedAndSmssPerAck() {
        assertThat(ack(14600, Long.MAX_VALUE, SMSS)).isEqualTo(14600 + SMSS);
        assertThat(ack(14600, Long.MAX_VALUE, 2 * SMSS)).isEqualTo(14600 + SMSS); // no ABC L=2
        assertThat(ack(14600, Long.MAX_VALUE, 100)).isEqualTo(14700);
        assertThat(ack(14600, Long.MAX_VALUE, 0)).isEqualTo(14600); // a duplicate ACK grows nothing
        // The ACK that crosses ssthresh still adds a full SMSS (no clamping, as ns-3).
        assertThat(ack(20000, 20500, SMSS)).isEqualTo(20000 + SMSS);
    }

    @Test
    void slowStartDoublesPerRoundTrip() {
        long cwnd = 10L * SMSS;
        for (int rtt = 0; rtt < 4; rtt++) {
            long segments = cwnd / SMSS;
            for (int i = 0; i < segments; i++) {
                cwnd = ack(cwnd, Long.MAX_VALUE, SMSS);
            }
        }
        assertThat(cwnd).isEqualTo(160L * SMSS);
    }

    @Test
    void congestionAvoidanceAddsSmssSquaredOverCwnd() {
        long cwnd = 20L * SMSS;
        assertThat(ack(cwnd, cwnd, SMSS)).isEqualTo(cwnd + SMSS / 20); // 1460*1460/29200 = 73
        assertThat(ack(cwnd, 10L * SMSS, 1)).isEqualTo(cwnd + 73); // per ACK, whatever it acked
        assertThat(ack(cwnd, 10L * SMSS, 0)).isEqualTo(cwnd);
        // at least one octet
        assertThat(ack(10_000_000L, 1, SMSS)).isEqualTo(10_000_001L);
    }

    @Test
    void congestionAvoidanceGrowsAboutOneSmssPerRoundTrip() {
        long cwnd = 50L * SMSS;
        long start = cwnd;
        for (int i = 0; i < 50; i++) {
            cwnd = ack(cwnd, SMSS, SMSS);
        }
        assertThat(cwnd - start).isBetween((long) (0.95 * SMSS), (long) SMSS);
    }

    @Test
    void lossHalvesTheFlightSizeWithATwoSegmentFloor() {
        assertThat(reno.ssthreshAfterLoss(100_000, 80_000, SMSS, 0)).isEqualTo(40_000);
        assertThat(reno.ssthreshAfterLoss(100_000, 2000, SMSS, 0)).isEqualTo(2 * SMSS);
        assertThat(reno.ssthreshAfterTimeout(100_000, 81_001, SMSS, 0)).isEqualTo(40_500);
        assertThat(reno.ssthreshAfterTimeout(SMSS, SMSS, SMSS, 0)).isEqualTo(2 * SMSS);
    }

    @Test
    void recoveryEndsAtSsthresh() {
        assertThat(reno.cwndAfterRecovery(90_000, 40_000, 10_000, SMSS, 0)).isEqualTo(40_000);
    }

    @Test
    void idleLongerThanAnRtoRestartsAtTheInitialWindow() {
        long cwnd = 100L * SMSS;
        assertThat(reno.cwndAfterIdle(cwnd, S, S, SMSS, 0)).isEqualTo(cwnd); // not longer than the RTO
        assertThat(reno.cwndAfterIdle(cwnd, S + 1, S, SMSS, 0)).isEqualTo(14600);
        assertThat(reno.cwndAfterIdle(3L * SMSS, 10 * S, S, SMSS, 0)).isEqualTo(3L * SMSS); // min(IW, cwnd)
    }
}
