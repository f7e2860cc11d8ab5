package dev.strata.tls;

/**
 * A handshake message type (RFC 8446 §4, RFC 5246 §7.4); unknown values are kept as they are.
 *
 * @param value the 8-bit type
 */
public record HandshakeType(int value) {

    /** hello_request (0), TLS 1.2 only. */
    public static final HandshakeType HELLO_REQUEST = new HandshakeType(0);
    /** client_hello (1). */
    public static final HandshakeType CLIENT_HELLO = new HandshakeType(1);
    /** server_hello (2). */
    public static final HandshakeType SERVER_HELLO = new HandshakeType(2);
    /** new_session_ticket (4). */
    public static final HandshakeType NEW_SESSION_TICKET = new HandshakeType(4);
    /** end_of_early_data (5). */
    public static final HandshakeType END_OF_EARLY_DATA = new HandshakeType(5);
    /** encrypted_extensions (8). */
    public static final HandshakeType ENCRYPTED_EXTENSIONS = new HandshakeType(8);
    /** certificate (11). */
    public static final HandshakeType CERTIFICATE = new HandshakeType(11);
    /** server_key_exchange (12), TLS 1.2 only. */
    public static final HandshakeType SERVER_KEY_EXCHANGE = new HandshakeType(12);
    /** certificate_request (13). */
    public static final HandshakeType CERTIFICATE_REQUEST = new HandshakeType(13);
    /** server_hello_done (14), TLS 1.2 only. */
    public static final HandshakeType SERVER_HELLO_DONE = new HandshakeType(14);
    /** certificate_verify (15). */
    public static final HandshakeType CERTIFICATE_VERIFY = new HandshakeType(15);
    /** client_key_exchange (16), TLS 1.2 only. */
    public static final HandshakeType CLIENT_KEY_EXCHANGE = new HandshakeType(16);
    /** finished (20). */
    public static final HandshakeType FINISHED = new HandshakeType(20);
    /** key_update (24), TLS 1.3 only. */
    public static final HandshakeType KEY_UPDATE = new HandshakeType(24);
    /** message_hash (254): the synthetic transcript entry after a HelloRetryRequest (RFC 8446 §4.4.1). */
    public static final HandshakeType MESSAGE_HASH = new HandshakeType(254);

    /** Validates the 8-bit range. */
    public HandshakeType {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("handshake type out of range: " + value);
        }
    }

    /** The type for an 8-bit value. */
    public static HandshakeType of(int value) {
        return new HandshakeType(value);
    }

    /** The RFC name of the message, e.g. {@code ClientHello}. */
    public String messageName() {
        return switch (value) {
            case 0 -> "HelloRequest";
            case 1 -> "ClientHello";
            case 2 -> "ServerHello";
            case 4 -> "NewSessionTicket";
            case 5 -> "EndOfEarlyData";
            case 8 -> "EncryptedExtensions";
            case 11 -> "Certificate";
            case 12 -> "ServerKeyExchange";
            case 13 -> "CertificateRequest";
            case 14 -> "ServerHelloDone";
            case 15 -> "CertificateVerify";
            case 16 -> "ClientKeyExchange";
            case 20 -> "Finished";
            case 24 -> "KeyUpdate";
            case 254 -> "MessageHash";
            default -> "Handshake(" + value + ")";
        };
    }

    @Override
    public String toString() {
        return messageName();
    }
}
