package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CubicTest {

    private static final int SMSS = 1000;
    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** A sender that is always cwnd-limited, with a fixed RTT: each round trip acknowledges cwnd/SMSS segments. */
    private static final class Flow {
        final Cubic cc;
        final long rtt;
        long cwnd;
        long ssthresh;
        long now;

        Flow(Cubic cc, long cwnd, long ssthresh, long rtt, long now) {
            this.cc = cc;
            this.cwnd = cwnd;
            this.ssthresh = ssthresh;
            this.rtt = rtt;
            this.now = now;
        }

        /** One round trip: cwnd/SMSS ACKs of one SMSS each, evenly spread over the RTT. */
        void round() {
            long acks = Math.max(1, cwnd / SMSS);
            long start = now;
            for (long i = 1; i <= acks; i++) {
                now = start + rtt * i / acks;
                long before = cwnd;
                cwnd = cc.onAck(cwnd, ssthresh, SMSS, SMSS, rtt, rtt, now);
                assertThat(cwnd).isGreaterThanOrEqualTo(before); // never decreases on an ACK
            }
        }

        /** Slow start ACK by ACK (1 ms apart) until cwnd reaches ssthresh, so no ACK of the round runs past it. */
        void slowStartToSsthresh() {
            while (cwnd < ssthresh) {
                now += MS;
                cwnd = cc.onAck(cwnd, ssthresh, SMSS, SMSS, rtt, rtt, now);
            }
        }

        /** A loss detected now, recovery ending at once with cwnd = ssthresh. */
        void loss() {
            ssthresh = cc.ssthreshAfterLoss(cwnd, cwnd, SMSS, now);
            cwnd = cc.cwndAfterRecovery(cwnd, ssthresh, ssthresh, SMSS, now);
        }

        double segments() {
            return (double) cwnd / SMSS;
        }
    }

    /** RFC 9438 Figure 1 with Figure 2's K for cwnd_epoch = beta * W_max: the closed form, in segments. */
    private static double wCubic(double t, double wMaxSegments) {
        double k = Math.cbrt(wMaxSegments * (1 - 0.7) / 0.4);
        return 0.4 * Math.pow(t - k, 3) + wMaxSegments;
    }

    @Test
    void constantsAreTheRfcs() {
        assertThat(Cubic.C).isEqualTo(0.4);
        assertThat(Cubic.BETA).isEqualTo(0.7);
        assertThat(Cubic.ALPHA).isCloseTo(0.5294, within(1e-4));
        assertThat(new Cubic().name()).isEqualTo("cubic");
        assertThat(CongestionControl.named("cubic")).isInstanceOf(Cubic.class);
    }

    @Test
    void slowStartIsRfc5681s() {
        Cubic cc = new Cubic();
        assertThat(cc.onAck(10_000, 50_000, SMSS, SMSS, -1, -1, 0)).isEqualTo(11_000);
        assertThat(cc.onAck(10_000, 50_000, 3 * SMSS, SMSS, -1, -1, 0)).isEqualTo(11_000);
        assertThat(cc.onAck(10_000, 50_000, 10, SMSS, -1, -1, 0)).isEqualTo(10_010);
        assertThat(cc.onAck(10_000, 50_000, 0, SMSS, -1, -1, 0)).isEqualTo(10_000);
        assertThat(cc.inEpoch()).isFalse();
    }

    @Test
    void multiplicativeDecreaseUsesBetaOfCwndWithATwoSegmentFloor() {
        Cubic cc = new Cubic();
        assertThat(cc.ssthreshAfterLoss(100_000, 90_000, SMSS, 0)).isEqualTo(70_000);
        assertThat(cc.wMax()).isEqualTo(100_000);
        assertThat(cc.cwndPrior()).isEqualTo(100_000);
        assertThat(new Cubic().ssthreshAfterLoss(2500, 2500, SMSS, 0)).isEqualTo(2 * SMSS);
        assertThat(cc.cwndAfterRecovery(80_000, 70_000, 65_000, SMSS, 0)).isEqualTo(70_000);
    }

    @Test
    void kForAKnownWMax() {
        Cubic cc = new Cubic();
        long ssthresh = cc.ssthreshAfterLoss(100 * SMSS, 100 * SMSS, SMSS, 0);
        long cwnd = cc.cwndAfterRecovery(100 * SMSS, ssthresh, ssthresh, SMSS, 0);
        cc.onAck(cwnd, ssthresh, SMSS, SMSS, 100 * MS, 100 * MS, 5 * S);
        // K = cbrt(W_max * (1 - beta) / C) = cbrt(100 * 0.3 / 0.4) = cbrt(75)
        assertThat(cc.kSeconds()).isCloseTo(4.21716, within(1e-5));
        assertThat(cc.epochStart()).isEqualTo(5 * S);

        // RFC 9438 Figure 2 uses cwnd_epoch: with the window at 60 segments, K = cbrt((100 - 60) / 0.4) = cbrt(100).
        Cubic other = new Cubic();
        other.ssthreshAfterLoss(100 * SMSS, 100 * SMSS, SMSS, 0);
        other.onAck(60 * SMSS, 60 * SMSS, SMSS, SMSS, -1, -1, 0);
        assertThat(other.kSeconds()).isCloseTo(Math.cbrt(100), within(1e-9));
    }

    /**
     * A long RTT keeps CUBIC out of the Reno-friendly region: the window follows the closed form W_cubic(t), concave
     * below W_max before K and convex above it after.
     */
    @Test
    void trajectoryFollowsTheClosedFormCurve() {
        // RTT 200 ms: W_est grows 2.6 segments per second and stays below W_cubic for the whole run.
        Flow f = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, 200 * MS, 0);
        f.loss();
        assertThat(f.cwnd).isEqualTo(70 * SMSS);
        long epoch = f.now;
        double k = Math.cbrt(75);
        double maxError = 0;
        while (f.now - epoch < 7 * S) {
            f.round();
            double t = (f.now - epoch) / 1e9;
            double expected = wCubic(t, 100);
            maxError = Math.max(maxError, Math.abs(f.segments() - expected));
            assertThat(f.segments()).as("t = %.1f s", t).isCloseTo(expected, within(1.0));
            if (t < k - 0.5) {
                assertThat(f.segments()).isLessThan(100); // concave region
            }
            if (t > k + 1) {
                assertThat(f.segments()).isGreaterThan(100); // convex region
            }
        }
        assertThat(maxError).isLessThan(1.0);
        // t = 7 s: W_cubic = 0.4 * (7 - 4.217)^3 + 100 = 108.6 segments
        assertThat(f.segments()).isCloseTo(108.6, within(1.0));
    }

    /** With a short RTT, Reno's estimate grows faster than W_cubic: cwnd = W_est (RFC 9438 §4.3). */
    @Test
    void renoFriendlyRegionDominatesAtSmallRtts() {
        Flow f = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, MS, 0);
        f.loss();
        for (int r = 1; r <= 50; r++) {
            f.round();
            // W_est grows by alpha_cubic = 0.529 segments per RTT while below cwnd_prior = 100 segments.
            assertThat(f.segments()).as("round %d", r).isCloseTo(70 + Cubic.ALPHA * r, within(1.0));
        }
        // After 50 ms W_cubic has grown by only 0.4 * (K^3 - (K - 0.05)^3) = 1.1 segments.
        assertThat(f.segments()).isGreaterThan(wCubic(0.05, 100) + 20);
        // Once W_est reaches cwnd_prior (about round 57), alpha_cubic = 1: one segment per RTT, like Reno.
        while (f.segments() < 100) {
            f.round();
        }
        double at = f.segments();
        for (int r = 0; r < 20; r++) {
            f.round();
        }
        assertThat(f.segments() - at).isCloseTo(20, within(1.0));
        assertThat(f.cc.wEst()).isGreaterThanOrEqualTo(f.cc.cwndPrior());
    }

    @Test
    void fastConvergenceLowersWMaxWhenTheWindowShrinks() {
        Cubic cc = new Cubic();
        cc.ssthreshAfterLoss(100 * SMSS, 100 * SMSS, SMSS, 0);
        assertThat(cc.wMax()).isEqualTo(100 * SMSS);
        // The next loss comes below W_max: another flow took bandwidth, release it (RFC 9438 §4.7).
        long ssthresh = cc.ssthreshAfterLoss(80 * SMSS, 80 * SMSS, SMSS, S);
        assertThat(cc.wMax()).isEqualTo(68 * SMSS); // 80 * (1 + 0.7) / 2
        assertThat(ssthresh).isEqualTo(56 * SMSS);
        // A loss above W_max sets W_max to cwnd.
        cc.ssthreshAfterLoss(90 * SMSS, 90 * SMSS, SMSS, 2 * S);
        assertThat(cc.wMax()).isEqualTo(90 * SMSS);

        Cubic plain = new Cubic(false);
        plain.ssthreshAfterLoss(100 * SMSS, 100 * SMSS, SMSS, 0);
        plain.ssthreshAfterLoss(80 * SMSS, 80 * SMSS, SMSS, S);
        assertThat(plain.wMax()).isEqualTo(80 * SMSS);
    }

    @Test
    void fastConvergenceMovesThePlateauDown() {
        Flow f = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, 200 * MS, 0);
        f.loss();
        for (int r = 0; r < 10; r++) {
            f.round();
        }
        assertThat(f.segments()).isLessThan(100);
        double lossAt = f.segments();
        f.loss();
        double wMax = lossAt * 0.85;
        assertThat(f.cc.wMax() / (double) SMSS).isCloseTo(wMax, within(0.01));
        long epoch = f.now;
        f.round();
        // K from Figure 2 with cwnd_epoch = 0.7 * cwnd at loss: cbrt((W_max - cwnd_epoch) / C)
        double cwndEpoch = Math.floor(lossAt * 0.7 * SMSS) / SMSS;
        assertThat(f.cc.kSeconds()).isCloseTo(Math.cbrt((wMax - cwndEpoch) / 0.4), within(0.01));
        while (f.now - epoch < (long) (f.cc.kSeconds() * S)) {
            f.round();
        }
        assertThat(f.segments()).isCloseTo(wMax, within(1.0));
    }

    @Test
    void growthPerRoundTripIsAtMostHalfTheWindow() {
        Cubic cc = new Cubic();
        // W_max far above the window: the target is clamped to 1.5 * cwnd (RFC 9438 §4.2).
        cc.ssthreshAfterLoss(1000 * SMSS, 1000 * SMSS, SMSS, 0);
        Flow f = new Flow(cc, 10 * SMSS, 10 * SMSS, 100 * MS, 0);
        for (int r = 0; r < 20; r++) {
            long before = f.cwnd;
            f.round();
            assertThat(f.cwnd).isLessThanOrEqualTo(before * 3 / 2);
        }
    }

    @Test
    void afterATimeoutTheEpochStartsWithKZeroAtTheWindowThen() {
        Cubic cc = new Cubic();
        long ssthresh = cc.ssthreshAfterTimeout(100 * SMSS, 100 * SMSS, SMSS, 0);
        assertThat(ssthresh).isEqualTo(70 * SMSS);
        Flow f = new Flow(cc, SMSS, ssthresh, 100 * MS, 0);
        f.slowStartToSsthresh();
        long cwndEpoch = f.cwnd;
        long epoch = f.now;
        f.round();
        assertThat(cc.kSeconds()).isZero();
        assertThat(cc.wMax()).isEqualTo(cwndEpoch);
        // W_cubic(t) = C * t^3 + cwnd_epoch; the Reno estimate (0.53 segments per RTT) leads for the first seconds,
        // the cubic term after: at t = 6 s it is 86 segments above cwnd_epoch, W_est about 33.
        while (f.now - epoch < 6 * S) {
            f.round();
            double t = (f.now - epoch) / 1e9;
            double cubic = 0.4 * t * t * t + (double) cwndEpoch / SMSS;
            assertThat(f.segments()).isGreaterThanOrEqualTo(cubic - 1.0);
        }
        assertThat(f.segments()).isCloseTo(0.4 * 216 + (double) cwndEpoch / SMSS, within(1.5));
    }

    @Test
    void idleTimeDoesNotCountInTheEpoch() {
        Flow busy = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, 100 * MS, 0);
        Flow idle = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, 100 * MS, 0);
        busy.loss();
        idle.loss();
        for (int r = 0; r < 10; r++) {
            busy.round();
            idle.round();
        }
        assertThat(idle.cwnd).isEqualTo(busy.cwnd);
        // 500 ms idle, shorter than the RTO: no restart, but the epoch moves by 500 ms (RFC 9438 §5.8).
        long epochBefore = idle.cc.epochStart();
        idle.now += 500 * MS;
        idle.cwnd = idle.cc.cwndAfterIdle(idle.cwnd, 500 * MS, S, SMSS, idle.now);
        assertThat(idle.cc.epochStart()).isEqualTo(epochBefore + 500 * MS);
        for (int r = 0; r < 30; r++) {
            busy.round();
            idle.round();
            assertThat(idle.cwnd).isEqualTo(busy.cwnd);
        }
    }

    @Test
    void idleLongerThanAnRtoRestartsFromTheInitialWindow() {
        Flow f = new Flow(new Cubic(), 100 * SMSS, Long.MAX_VALUE, 100 * MS, 0);
        f.loss();
        f.round();
        long restart = f.cc.cwndAfterIdle(f.cwnd, 5 * S, S, SMSS, f.now + 5 * S);
        assertThat(restart).isEqualTo(CongestionControl.initialWindow(SMSS));
        assertThat(f.cc.inEpoch()).isFalse();
        // Slow start back to ssthresh, then a new epoch towards the old W_max.
        f.cwnd = restart;
        f.now += 5 * S;
        while (f.cwnd < f.ssthresh) {
            f.round();
        }
        f.round();
        assertThat(f.cc.inEpoch()).isTrue();
        assertThat(f.cc.wMax()).isEqualTo(100 * SMSS);
    }

    @Test
    void slowStartEndingWithoutLossStartsAConvexEpoch() {
        Cubic cc = new Cubic();
        Flow f = new Flow(cc, 10 * SMSS, 40 * SMSS, 100 * MS, 0);
        f.slowStartToSsthresh();
        long cwndEpoch = f.cwnd;
        f.round();
        // RFC 9438 §4.10: K = 0, W_max = cwnd at the start of congestion avoidance, cwnd_prior = cwnd.
        assertThat(cc.kSeconds()).isZero();
        assertThat(cc.wMax()).isEqualTo(cwndEpoch);
        assertThat(cc.cwndPrior()).isEqualTo((double) cwndEpoch);
    }

    @Test
    void fractionsOfAnOctetAccumulateAcrossAcks() {
        // ACKs of one octet each earn (target - cwnd) / cwnd < 1 octet apiece; the fractions must add up.
        Cubic cc = new Cubic();
        cc.ssthreshAfterLoss(10_000L * SMSS, 10_000L * SMSS, SMSS, 0);
        long cwnd = 7000L * SMSS;
        long now = 0;
        cwnd = cc.onAck(cwnd, 1, 1, SMSS, 10 * S, 10 * S, now);
        long start = cwnd;
        for (int i = 0; i < 100_000; i++) {
            now += 10_000;
            cwnd = cc.onAck(cwnd, 1, 1, SMSS, 10 * S, 10 * S, now);
        }
        // target = W_cubic(t + 10 s) = 9650 segments: each ACK earns 2650 / 7000 = 0.38 octets.
        assertThat(cwnd - start).isBetween(35_000L, 40_000L);
    }

    @Test
    void onAckDoesNotAllocate() {
        Cubic cc = new Cubic();
        cc.ssthreshAfterLoss(100 * SMSS, 100 * SMSS, SMSS, 0);
        long[] state = {70 * SMSS, 0};
        assertThat(Allocations.perCall(() -> {
                    state[1] += MS;
                    state[0] = cc.onAck(state[0], 1, SMSS, SMSS, 100 * MS, 100 * MS, state[1]);
                }))
                .isZero();
        NewReno reno = new NewReno();
        assertThat(Allocations.perCall(() -> state[0] = reno.onAck(state[0], 1, SMSS, SMSS, -1, -1, 0)))
                .isZero();
    }
}
