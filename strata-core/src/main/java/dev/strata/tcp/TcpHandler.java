package dev.strata.tcp;

/**
 * What a connection tells its user, on the host's event loop: the non-blocking socket's callbacks. Every method has
 * an empty default, so a user implements what it needs.
 */
public interface TcpHandler {

    /** The three-way handshake completed (ESTABLISHED). */
    default void connected(TcpConnection c) {}

    /** Data can be read, or the peer closed (a read then returns -1). */
    default void readable(TcpConnection c) {}

    /** Room opened in the send buffer after a write could not take everything. */
    default void writable(TcpConnection c) {}

    /** The connection ended; no more callbacks follow. */
    default void closed(TcpConnection c, CloseReason reason) {}

    /** The connection changed state (for traces and teaching). */
    default void stateChanged(TcpConnection c, TcpState from, TcpState to) {}
}
