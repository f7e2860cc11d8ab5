/**
 * TLS 1.2 and 1.3: a sans-I/O engine (bytes in, bytes out) and what configures and observes it.
 *
 * <p>{@link dev.strata.tls.TlsEngine} is the connection: {@code feed} network bytes, {@code pollOutput} bytes to send,
 * {@code write}/{@code read} application data, {@code closeOutbound} for close_notify, {@code transportClosed} at end
 * of stream (truncation unless close_notify came first). {@link dev.strata.tls.TlsConfig} chooses versions, suites,
 * groups, schemes, ALPN, credentials ({@link dev.strata.tls.CertifiedKey}), trust
 * ({@link dev.strata.tls.CertificateVerifier}, which Strata's PKI implements), resumption
 * ({@link dev.strata.tls.SessionCache}, {@link dev.strata.tls.TicketKeys}) and the hooks: NSS key log
 * ({@link dev.strata.tls.KeyLog}) and the per-message {@link dev.strata.tls.HandshakeListener}.
 * {@link dev.strata.tls.PkiVerifier} is the verifier backed by Strata's own PKI ({@code dev.strata.pki}).
 *
 * <p>{@link dev.strata.tls.TlsConnection} runs an engine over a Strata TCP connection on the host's event loop, with
 * TCP's own non-blocking shape ({@link dev.strata.tls.TlsHandler}: connected, readable, writable, closed with a
 * {@link dev.strata.tls.TlsCloseReason}).
 *
 * <p>Sub-packages: {@code codec} (presentation-language reader and writer), {@code message} (handshake messages and
 * extensions), {@code record} (record protection, framing, reassembly), {@code crypto} (key schedules, key exchange,
 * signatures over the JCA), {@code handshake} (the states of each handshake, as records), {@code io} (blocking
 * adapters over sockets, channels and any byte stream).
 */
package dev.strata.tls;
