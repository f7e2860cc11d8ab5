package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.HandshakeMessage;

/** The TLS 1.2 server handshake (RFC 5246 §7.3). */
public sealed interface ServerStates12 extends HandshakeState {

    /** Answers a ClientHello that negotiates TLS 1.2. */
    static HandshakeState onClientHello(HandshakeContext ctx, ClientHello ch, byte[] raw) {
        throw new TlsAlertException(AlertDescription.PROTOCOL_VERSION, "TLS 1.2 not yet implemented");
    }

    /** Placeholder. */
    record Pending() implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            throw HandshakeState.unexpected(this, message);
        }
    }
}
