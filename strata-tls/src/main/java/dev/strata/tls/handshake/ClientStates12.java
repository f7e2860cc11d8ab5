package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.ServerHello;

/** The TLS 1.2 client handshake (RFC 5246 §7.3). */
public sealed interface ClientStates12 extends HandshakeState {

    /** Continues a handshake whose ServerHello selected TLS 1.2. */
    static HandshakeState onServerHello(HandshakeContext ctx, ClientOffer offer, ServerHello sh, byte[] raw) {
        throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "TLS 1.2 not yet implemented");
    }

    /** Placeholder. */
    record Pending() implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            throw HandshakeState.unexpected(this, message);
        }
    }
}
