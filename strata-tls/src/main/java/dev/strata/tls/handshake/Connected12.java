package dev.strata.tls.handshake;

import dev.strata.tls.message.HandshakeMessage;

/** A connected TLS 1.2 session. */
public record Connected12() implements HandshakeState {
    @Override
    public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
        throw HandshakeState.unexpected(this, message);
    }

    @Override
    public boolean connected() {
        return true;
    }
}
