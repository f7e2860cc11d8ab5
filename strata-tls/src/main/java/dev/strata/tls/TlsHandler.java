package dev.strata.tls;

/**
 * What a {@link TlsConnection} tells its user, on the host's event loop: the same non-blocking callbacks as
 * {@link dev.strata.tcp.TcpHandler}, one layer up. Every method has an empty default.
 */
public interface TlsHandler {

    /** The TLS handshake completed; {@link TlsConnection#summary()} says what it negotiated. */
    default void connected(TlsConnection c) {}

    /**
     * Decrypted data can be read, or the peer closed: its close_notify, and then its TCP FIN, are each announced (a
     * read then returns -1), so that an application can close when the peer's FIN is in, for the four-way
     * termination ({@code c.tcp().state().finReceived()}).
     */
    default void readable(TlsConnection c) {}

    /** Room opened for writing after a write could not take everything. */
    default void writable(TlsConnection c) {}

    /**
     * The TLS connection ended; no more callbacks follow (the TCP connection underneath may still be finishing its
     * termination). Data that arrived before the end can still be read.
     */
    default void closed(TlsConnection c, TlsCloseReason reason) {}
}
