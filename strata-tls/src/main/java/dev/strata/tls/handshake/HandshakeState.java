package dev.strata.tls.handshake;

import dev.strata.tls.TlsAlertException;
import dev.strata.tls.message.HandshakeMessage;

/**
 * A state of a handshake: an immutable value that accepts exactly the messages valid in it and returns the next
 * state (RFC 8446 §A, RFC 5246 §7.3). Any other message is unexpected_message.
 */
public sealed interface HandshakeState
        permits ClientStates13, ServerStates13, ClientStates12, ServerStates12, Connected13, Connected12 {

    /**
     * Handles one received handshake message.
     *
     * @param ctx the connection
     * @param message the decoded message
     * @param raw the message octets as received (header included), for the transcript
     */
    HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw);

    /** Handles a TLS 1.2 ChangeCipherSpec; only the states just before a peer's Finished accept one. */
    default HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
        throw TlsAlertException.unexpected(
                "ChangeCipherSpec in state " + getClass().getSimpleName());
    }

    /** True once the handshake is complete. */
    default boolean connected() {
        return false;
    }

    /** The exception for a message a state does not accept. */
    static TlsAlertException unexpected(HandshakeState state, HandshakeMessage message) {
        return TlsAlertException.unexpected(
                message.type().messageName() + " in state " + state.getClass().getSimpleName());
    }
}
