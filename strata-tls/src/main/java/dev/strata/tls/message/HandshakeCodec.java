package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;

/** Decodes a handshake message body by type, in the form of the negotiated protocol version. */
public final class HandshakeCodec {

    private HandshakeCodec() {}

    /**
     * Decodes {@code body} as a message of {@code type}: the TLS 1.3 forms when {@code tls13}, else the TLS 1.2 forms;
     * {@code rsaKeyTransport} selects the RSA form of a TLS 1.2 ClientKeyExchange. A type that has no meaning in that
     * version is unexpected_message.
     */
    public static HandshakeMessage decode(HandshakeType type, byte[] body, boolean tls13, boolean rsaKeyTransport) {
        Reader r = Reader.of(body);
        return switch (type.value()) {
            case 1 -> ClientHello.decode(r);
            case 2 -> ServerHello.decode(r);
            case 4 -> tls13 ? NewSessionTicket.decode(r) : NewSessionTicket12.decode(r);
            case 8 -> requireVersion(tls13, true, type, () -> EncryptedExtensions.decode(r));
            case 11 -> CertificateMessage.decode(r, tls13);
            case 13 -> tls13 ? CertificateRequest.decode(r) : CertificateRequest12.decode(r);
            case 15 -> CertificateVerify.decode(r);
            case 20 -> Finished.decode(r);
            case 24 -> requireVersion(tls13, true, type, () -> KeyUpdate.decode(r));
            case 0 -> requireVersion(tls13, false, type, () -> HelloRequest.decode(r));
            case 12 -> requireVersion(tls13, false, type, () -> ServerKeyExchange.decode(r));
            case 14 -> requireVersion(tls13, false, type, () -> ServerHelloDone.decode(r));
            case 16 -> requireVersion(tls13, false, type, () -> ClientKeyExchange.decode(r, rsaKeyTransport ? 2 : 1));
            default -> throw TlsAlertException.unexpected("handshake message type " + type.value());
        };
    }

    private static HandshakeMessage requireVersion(
            boolean tls13, boolean want13, HandshakeType type, java.util.function.Supplier<HandshakeMessage> f) {
        if (tls13 != want13) {
            throw TlsAlertException.unexpected(type + " in TLS " + (tls13 ? "1.3" : "1.2"));
        }
        return f.get();
    }
}
