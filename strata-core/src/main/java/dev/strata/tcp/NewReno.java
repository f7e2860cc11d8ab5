package dev.strata.tcp;

/**
 * Reno's window rules (RFC 5681): slow start adds min(acked, SMSS) per ACK, congestion avoidance about one SMSS per
 * RTT (SMSS*SMSS/cwnd per ACK, at least one octet), and the threshold halves on a loss. NewReno's recovery
 * (RFC 6582) lives in the connection.
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
