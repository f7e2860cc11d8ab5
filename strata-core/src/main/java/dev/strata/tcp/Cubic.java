package dev.strata.tcp;

/**
 * CUBIC (RFC 9438): the window follows W_cubic(t) = C*(t-K)^3 + W_max in congestion avoidance, with the
 * Reno-friendly region, fast convergence and beta_cubic = 0.7.
 */
public final class Cubic implements CongestionControl {

    /** A fresh instance. */
    public Cubic() {}

    @Override
    public String name() {
        return "cubic";
    }

    @Override
    public long onAck(
            long cwnd, long ssthresh, long ackedBytes, int smss, long rttNanos, long minRttNanos, long nowNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    @Override
    public long ssthreshAfterLoss(long cwnd, long flightSize, int smss, long nowNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    @Override
    public long cwndAfterRecovery(long cwnd, long ssthresh, long flightSize, int smss, long nowNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    @Override
    public long ssthreshAfterTimeout(long cwnd, long flightSize, int smss, long nowNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    @Override
    public long cwndAfterIdle(long cwnd, long idleNanos, long rtoNanos, int smss, long nowNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
