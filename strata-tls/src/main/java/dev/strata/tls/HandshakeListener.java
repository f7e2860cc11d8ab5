package dev.strata.tls;

/** Receives each handshake message, in order, as an engine sends or receives it. */
@FunctionalInterface
public interface HandshakeListener {

    /** Called once per message; must not call back into the engine. */
    void onMessage(HandshakeEvent event);

    /** Called once when the handshake completes, with what it negotiated. */
    default void onComplete(Role role, SessionSummary summary) {}

    /** Called once when the connection fails (an alert was sent or received, or the stream was truncated). */
    default void onFailure(Role role, TlsFailure failure) {}
}
