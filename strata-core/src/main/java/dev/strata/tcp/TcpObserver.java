package dev.strata.tcp;

/** Sees every connection of a host change state and react to congestion (for traces, diagrams and tests). */
@FunctionalInterface
public interface TcpObserver {

    /** {@code c} moved from {@code from} to {@code to}. */
    void stateChanged(TcpConnection c, TcpState from, TcpState to);

    /**
     * {@code c}'s congestion window changed because of {@code event} ("fast retransmit", "recovery done",
     * "timeout", ...); ignored by default.
     */
    default void congestion(TcpConnection c, String event, long cwnd, long ssthresh) {}
}
