package dev.strata.tcp;

/**
 * Reno's window rules (RFC 5681): slow start adds min(acked, SMSS) per ACK, congestion avoidance about one SMSS per
 * RTT (SMSS*SMSS/cwnd per ACK, at least one octet), and the threshold halves on a loss. NewReno's recovery
 * (RFC 6582) lives in the connection.
 *
 * <p>Choices, made to match ns-3's {@code TcpNewReno} (the reference the simulator is compared with):
 *
 * <ul>
 *   <li>Slow start grows by min(N, SMSS) per ACK (RFC 5681 §3.1 eq. 2) without RFC 3465's L = 2 limit and without
 *       clamping at ssthresh: the ACK that crosses ssthresh still adds up to one SMSS.
 *   <li>Congestion avoidance adds max(1, SMSS*SMSS/cwnd) per ACK that acknowledges new data (RFC 5681 §3.1 eq. 3),
 *       truncated to whole octets as ns-3 does.
 *   <li>When recovery ends, cwnd = ssthresh: option (2) of RFC 6582 §3.2 step 3 (ns-3's choice as well). With PRR
 *       (RFC 6937) the flight size is already close to ssthresh when recovery ends, so the burst that option (2) can
 *       otherwise cause does not arise; without PRR the connection should limit the burst (RFC 6582 §3.2 step 3).
 * </ul>
 */
public final class NewReno implements CongestionControl {

    /** A fresh instance. */
    public NewReno() {}

    @Override
    public String name() {
        return "newreno";
    }

    @Override
    public long onAck(
            long cwnd, long ssthresh, long ackedBytes, int smss, long rttNanos, long minRttNanos, long nowNanos) {
        if (ackedBytes <= 0) {
            return cwnd;
        }
        if (cwnd < ssthresh) {
            // RFC 5681 §3.1 eq. 2: cwnd += min(N, SMSS)
            return cwnd + Math.min(ackedBytes, smss);
        }
        // RFC 5681 §3.1 eq. 3: cwnd += SMSS*SMSS/cwnd, at least 1 octet
        return cwnd + Math.max(1, (long) smss * smss / Math.max(cwnd, 1));
    }

    @Override
    public long ssthreshAfterLoss(long cwnd, long flightSize, int smss, long nowNanos) {
        return halfFlight(flightSize, smss);
    }

    @Override
    public long cwndAfterRecovery(long cwnd, long ssthresh, long flightSize, int smss, long nowNanos) {
        // RFC 6582 §3.2 step 3, option (2): "set cwnd to ssthresh"
        return ssthresh;
    }

    @Override
    public long ssthreshAfterTimeout(long cwnd, long flightSize, int smss, long nowNanos) {
        return halfFlight(flightSize, smss);
    }

    @Override
    public long cwndAfterIdle(long cwnd, long idleNanos, long rtoNanos, int smss, long nowNanos) {
        return restartWindow(cwnd, idleNanos, rtoNanos, smss);
    }

    /** RFC 5681 §3.1 eq. 4: ssthresh = max(FlightSize / 2, 2*SMSS). */
    static long halfFlight(long flightSize, int smss) {
        return Math.max(flightSize / 2, 2L * smss);
    }

    /** RFC 5681 §4.1: after more than an RTO without sending, cwnd = min(RW, cwnd) with RW = min(IW, cwnd). */
    static long restartWindow(long cwnd, long idleNanos, long rtoNanos, int smss) {
        if (idleNanos <= rtoNanos) {
            return cwnd;
        }
        return Math.min(CongestionControl.initialWindow(smss), cwnd);
    }
}
