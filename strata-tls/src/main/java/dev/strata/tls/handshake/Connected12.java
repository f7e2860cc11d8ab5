package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.Role;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.HelloRequest;

/**
 * A connected TLS 1.2 session. Renegotiation is refused: a HelloRequest (to a client) or a ClientHello (to a server)
 * is answered with a no_renegotiation warning (RFC 5246 §7.2.2, RFC 5746 §4.5) and the session goes on unchanged.
 *
 * @param role this side
 */
public record Connected12(Role role) implements HandshakeState {

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
        return switch (message) {
            case HelloRequest h
            when role == Role.CLIENT -> {
                ctx.sendWarning(AlertDescription.NO_RENEGOTIATION);
                yield this;
            }
            case ClientHello ch
            when role == Role.SERVER -> {
                ctx.sendWarning(AlertDescription.NO_RENEGOTIATION);
                yield this;
            }
            default -> throw HandshakeState.unexpected(this, message);
        };
    }
}
