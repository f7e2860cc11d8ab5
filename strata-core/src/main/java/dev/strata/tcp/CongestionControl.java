package dev.strata.tcp;

/**
 * A congestion control algorithm: how the congestion window grows on ACKs and how far it falls on a loss.
 *
 * <p>As in Linux's split, the algorithm owns growth (slow start and congestion avoidance) and the reduction factor;
 * the connection owns loss detection and the recovery mechanics (RFC 6675 with SACK, RFC 6582 without, and RFC 6937
 * PRR for the window during recovery). All sizes are octets; times are nanoseconds of the connection's clock. One
 * instance serves one connection and may keep state (CUBIC's W_max and epoch).
 */
public interface CongestionControl {

    /** The algorithm's name as the CLI and traces show it: {@code newreno}, {@code cubic}. */
    String name();

    /**
     * The window after {@code ackedBytes} newly acknowledged octets outside loss recovery: slow start below
     * {@code ssthresh} (RFC 5681 §3.1), congestion avoidance above.
     *
     * @param cwnd the current congestion window
     * @param ssthresh the current slow-start threshold
     * @param ackedBytes octets newly acknowledged by this ACK
     * @param smss the sender maximum segment size
     * @param rttNanos the latest RTT sample, or -1 when this ACK gave none
     * @param minRttNanos the smallest RTT seen, or -1
     * @param nowNanos the time now
     * @return the new congestion window
     */
    long onAck(long cwnd, long ssthresh, long ackedBytes, int smss, long rttNanos, long minRttNanos, long nowNanos);

    /**
     * The slow-start threshold after a loss detected by duplicate ACKs or SACK (RFC 5681 eq. 4 for Reno; beta 0.7
     * with fast convergence for CUBIC, RFC 9438 §4.6-4.7). The algorithm records what it needs (e.g. W_max).
     *
     * @param cwnd the window when the loss was detected
     * @param flightSize octets outstanding
     */
    long ssthreshAfterLoss(long cwnd, long flightSize, int smss, long nowNanos);

    /**
     * The window to use when loss recovery ends (RFC 6582 §3.2 step 3 for NewReno: ssthresh; CUBIC: ssthresh and a
     * new epoch).
     */
    long cwndAfterRecovery(long cwnd, long ssthresh, long flightSize, int smss, long nowNanos);

    /**
     * The slow-start threshold after a retransmission timeout (RFC 5681 eq. 4); the connection then sets the window
     * to one segment (the loss window).
     */
    long ssthreshAfterTimeout(long cwnd, long flightSize, int smss, long nowNanos);

    /**
     * The window when sending resumes after {@code idleNanos} without sending (RFC 5681 §4.1: restart window
     * min(IW, cwnd) when idle longer than an RTO; RFC 9438 §5.8 for CUBIC's epoch).
     */
    long cwndAfterIdle(long cwnd, long idleNanos, long rtoNanos, int smss, long nowNanos);

    /** The initial window (RFC 6928: min(10*SMSS, max(2*SMSS, 14600))). */
    static long initialWindow(int smss) {
        return Math.min(10L * smss, Math.max(2L * smss, 14600));
    }

    /** A new instance of the algorithm called {@code name} ({@code newreno} or {@code cubic}). */
    static CongestionControl named(String name) {
        return switch (name) {
            case "newreno", "reno" -> new NewReno();
            case "cubic" -> new Cubic();
            default -> throw new IllegalArgumentException("unknown congestion control '" + name + "'");
        };
    }
}
