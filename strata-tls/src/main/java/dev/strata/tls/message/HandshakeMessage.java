package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Writer;

/**
 * A handshake message (RFC 8446 §4, RFC 5246 §7.4): a codec that writes its body and describes its key fields.
 *
 * <p>On the wire a message is {@code type(1) || length(3) || body}; {@link #encode()} produces exactly those octets,
 * which are also what the transcript hashes.
 */
public sealed interface HandshakeMessage
        permits ClientHello,
                ServerHello,
                EncryptedExtensions,
                CertificateMessage,
                CertificateRequest,
                CertificateRequest12,
                CertificateVerify,
                Finished,
                NewSessionTicket,
                NewSessionTicket12,
                KeyUpdate,
                ServerKeyExchange,
                ClientKeyExchange,
                ServerHelloDone,
                HelloRequest {

    /** The message type. */
    HandshakeType type();

    /** Writes the body (without the 4-octet header). */
    void encodeBody(Writer w);

    /** A one-line summary of the key fields, for traces and diagrams. */
    String describe();

    /** The message with its 4-octet header, as sent and hashed. */
    default byte[] encode() {
        Writer w = new Writer();
        w.u8(type().value());
        int mark = w.open(3);
        encodeBody(w);
        w.close(mark);
        return w.toByteArray();
    }
}
