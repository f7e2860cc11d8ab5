package dev.strata.tls;

/**
 * A TLS protocol version as carried on the wire (RFC 8446 §4.2.1); unknown values are kept as they are.
 *
 * @param value the 16-bit version
 */
public record ProtocolVersion(int value) {

    /** SSL 3.0, refused. */
    public static final ProtocolVersion SSL3 = new ProtocolVersion(0x0300);
    /** TLS 1.0, refused. */
    public static final ProtocolVersion TLS10 = new ProtocolVersion(0x0301);
    /** TLS 1.1, refused. */
    public static final ProtocolVersion TLS11 = new ProtocolVersion(0x0302);
    /** TLS 1.2 (RFC 5246). */
    public static final ProtocolVersion TLS12 = new ProtocolVersion(0x0303);
    /** TLS 1.3 (RFC 8446). */
    public static final ProtocolVersion TLS13 = new ProtocolVersion(0x0304);

    /** Validates the 16-bit range. */
    public ProtocolVersion {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("version out of range: " + value);
        }
    }

    /** The version for a 16-bit value. */
    public static ProtocolVersion of(int value) {
        return switch (value) {
            case 0x0303 -> TLS12;
            case 0x0304 -> TLS13;
            default -> new ProtocolVersion(value);
        };
    }

    @Override
    public String toString() {
        return switch (value) {
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1.0";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            default -> String.format("version(0x%04x)", value);
        };
    }
}
