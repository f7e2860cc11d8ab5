package dev.strata.tcp;

/**
 * CUBIC (RFC 9438): the window follows W_cubic(t) = C*(t-K)^3 + W_max in congestion avoidance, with the
 * Reno-friendly region, fast convergence and beta_cubic = 0.7.
 *
 * <p>Windows are octets at the interface; the formulas run in double precision in segments of the current SMSS, as
 * the RFC writes them. Fractions of an octet that one ACK earns are carried to the next ACK, so slow growth is not
 * lost to rounding.
 *
 * <p>Choices where the RFC leaves room:
 *
 * <ul>
 *   <li>ssthresh after a loss is max(cwnd * beta_cubic, 2*SMSS): cwnd rather than flight_size (RFC 9438 §4.6 allows
 *       it, as Linux and ns-3 do). The RFC's condition for this is that cwnd does not grow while the flow is
 *       application-limited: the connection must call {@link #onAck} only when it was cwnd-limited (RFC 7661).
 *   <li>The per-ACK increments of §4.3 (W_est) and §4.4-4.5 ((target - cwnd)/cwnd) are scaled by the segments the ACK
 *       acknowledged (segments_acked), so delayed ACKs do not halve the growth rate.
 *   <li>RTT in the target W_cubic(t + RTT) is the smoothed RTT (§4.2) of the samples passed to {@link #onAck}
 *       (gain 1/8 as RFC 6298); before the first sample, the minimum RTT; before any, 0.
 *   <li>An epoch that begins with cwnd at or above W_max (no congestion event yet, the first congestion avoidance
 *       after a timeout, or after a restart from idle) uses K = 0 and W_max = cwnd_epoch (§4.8, §4.10).
 *   <li>Idle: the epoch is shifted by the idle time so W_cubic does not grow while nothing is sent (§5.8); after more
 *       than an RTO the window restarts at min(IW, cwnd) (RFC 5681 §4.1, as Linux) and a new epoch begins when
 *       congestion avoidance resumes.
 *   <li>HyStart++ (RFC 9406) is not implemented; slow start is RFC 5681's, as ns-3's default.
 * </ul>
 */
public final class Cubic implements CongestionControl {

    /** RFC 9438 §5.1: C = 0.4 (segments per second cubed). */
    static final double C = 0.4;

    /** RFC 9438 §4.6: beta_cubic = 0.7. */
    static final double BETA = 0.7;

    /** RFC 9438 §4.3: alpha_cubic = 3 * (1 - beta_cubic) / (1 + beta_cubic). */
    static final double ALPHA = 3 * (1 - BETA) / (1 + BETA);

    private final boolean fastConvergence;

    /** W_max in octets; 0 before the first congestion event. */
    private double wMax;
    /** cwnd_prior (§4.1.2) in octets; 0 until set. */
    private double cwndPrior;

    private boolean inEpoch;
    private long epochStart;
    private double cwndEpoch;
    /** The W_max of the current epoch's curve, octets. */
    private double origin;
    /** K of the current epoch, seconds. */
    private double k;
    /** W_est (§4.3) in octets. */
    private double wEst;

    private boolean afterTimeout;

    private long srtt = -1;
    private double carry;
    private long lastCwnd = -1;

    /** A fresh instance with fast convergence (RFC 9438 §4.7). */
    public Cubic() {
        this(true);
    }

    /** A fresh instance; {@code fastConvergence} selects RFC 9438 §4.7. */
    public Cubic(boolean fastConvergence) {
        this.fastConvergence = fastConvergence;
    }

    @Override
    public String name() {
        return "cubic";
    }

    @Override
    public long onAck(
            long cwnd, long ssthresh, long ackedBytes, int smss, long rttNanos, long minRttNanos, long nowNanos) {
        if (ackedBytes <= 0) {
            return cwnd;
        }
        if (rttNanos >= 0) {
            srtt = srtt < 0 ? rttNanos : srtt + (rttNanos - srtt) / 8;
        }
        if (cwnd < ssthresh) {
            // RFC 9438 §4.10: slow start as RFC 5681 §3.1 eq. 2; the epoch starts when it ends.
            inEpoch = false;
            return cwnd + Math.min(ackedBytes, smss);
        }
        if (!inEpoch) {
            startEpoch(cwnd, smss, nowNanos);
        }
        if (cwnd != lastCwnd) {
            carry = 0;
        }
        double t = (nowNanos - epochStart) / 1e9;
        double rtt = (srtt >= 0 ? srtt : Math.max(minRttNanos, 0)) / 1e9;

        // RFC 9438 §4.3 Figure 4: W_est += alpha_cubic * segments_acked / cwnd; alpha_cubic = 1 once W_est has
        // reached cwnd_prior.
        double alpha = wEst >= cwndPrior ? 1.0 : ALPHA;
        wEst += alpha * ackedBytes * smss / cwnd;

        double next;
        if (wCubic(t, smss) < wEst) {
            // RFC 9438 §4.3: the Reno-friendly region, cwnd = W_est.
            next = Math.max(cwnd, wEst);
        } else {
            // RFC 9438 §4.2: target = W_cubic(t + RTT), within [cwnd, 1.5 * cwnd].
            double target = Math.clamp(wCubic(t + rtt, smss), (double) cwnd, 1.5 * cwnd);
            // RFC 9438 §4.4 (concave, cwnd < W_max) and §4.5 (convex): cwnd += (target - cwnd) / cwnd per segment.
            next = cwnd + (target - cwnd) / cwnd * ackedBytes + carry;
        }
        long result = (long) next;
        carry = next - result;
        lastCwnd = result;
        return result;
    }

    /** RFC 9438 §4.2 Figure 2 and §4.8/§4.10: the epoch of a new congestion avoidance stage. */
    private void startEpoch(long cwnd, int smss, long nowNanos) {
        inEpoch = true;
        epochStart = nowNanos;
        cwndEpoch = cwnd;
        carry = 0;
        if (afterTimeout || wMax <= cwnd) {
            // §4.8 (after a timeout) and §4.10 (slow start ended without loss): K = 0, W_max = cwnd_epoch.
            wMax = cwnd;
            origin = cwnd;
            k = 0;
        } else {
            // Figure 2: K = cubic_root((W_max - cwnd_epoch) / C), in segments.
            origin = wMax;
            k = Math.cbrt((wMax - cwndEpoch) / smss / C);
        }
        afterTimeout = false;
        // §4.3: W_est = cwnd_epoch at the start of the stage.
        wEst = cwnd;
        if (cwndPrior <= 0) {
            // §4.10: no congestion event yet.
            cwndPrior = cwnd;
        }
    }

    /** RFC 9438 §4.2 Figure 1, in octets: (C * (t - K)^3) segments + W_max. */
    private double wCubic(double t, int smss) {
        double d = t - k;
        return C * d * d * d * smss + origin;
    }

    @Override
    public long ssthreshAfterLoss(long cwnd, long flightSize, int smss, long nowNanos) {
        // RFC 9438 §4.7, before the reduction of §4.6.
        if (fastConvergence && cwnd < wMax) {
            wMax = cwnd * (1 + BETA) / 2;
        } else {
            wMax = cwnd;
        }
        // RFC 9438 §4.6 Figure 5: cwnd_prior = cwnd; ssthresh = max(cwnd * beta_cubic, 2).
        cwndPrior = cwnd;
        inEpoch = false;
        return Math.max((long) (cwnd * BETA), 2L * smss);
    }

    @Override
    public long cwndAfterRecovery(long cwnd, long ssthresh, long flightSize, int smss, long nowNanos) {
        // The epoch begins at the first ACK in congestion avoidance (RFC 9438 §4.2, t_epoch).
        inEpoch = false;
        return ssthresh;
    }

    @Override
    public long ssthreshAfterTimeout(long cwnd, long flightSize, int smss, long nowNanos) {
        // RFC 9438 §4.8: ssthresh as §4.6; the next congestion avoidance stage uses K = 0 and W_max = cwnd_epoch.
        long ssthresh = ssthreshAfterLoss(cwnd, flightSize, smss, nowNanos);
        afterTimeout = true;
        return ssthresh;
    }

    @Override
    public long cwndAfterIdle(long cwnd, long idleNanos, long rtoNanos, int smss, long nowNanos) {
        if (inEpoch && idleNanos > 0) {
            // RFC 9438 §5.8: t must not include the time the flow was idle, so the epoch moves with it.
            epochStart = Math.min(epochStart + idleNanos, nowNanos);
        }
        long restart = NewReno.restartWindow(cwnd, idleNanos, rtoNanos, smss);
        if (restart < cwnd) {
            inEpoch = false;
        }
        return restart;
    }

    /** W_max in octets (0 before the first congestion event), for traces. */
    public long wMax() {
        return (long) wMax;
    }

    /** K of the current epoch in seconds (0 when none started). */
    double kSeconds() {
        return k;
    }

    /** W_est of the current epoch in octets. */
    double wEst() {
        return wEst;
    }

    /** cwnd_prior in octets. */
    double cwndPrior() {
        return cwndPrior;
    }

    /** True while a congestion avoidance epoch runs. */
    boolean inEpoch() {
        return inEpoch;
    }

    /** The start of the current epoch in nanoseconds. */
    long epochStart() {
        return epochStart;
    }
}
