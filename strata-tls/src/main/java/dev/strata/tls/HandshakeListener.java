package dev.strata.tls;

/** Receives each handshake message, in order, as an engine sends or receives it. */
@FunctionalInterface
public interface HandshakeListener {

    /** Called once per message; must not call back into the engine. */
    void onMessage(HandshakeEvent event);
}
