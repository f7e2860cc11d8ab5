package dev.strata.tcp;

/** Sees every connection of a host change state (for traces, diagrams and tests). */
@FunctionalInterface
public interface TcpObserver {

    /** {@code c} moved from {@code from} to {@code to}. */
    void stateChanged(TcpConnection c, TcpState from, TcpState to);
}
