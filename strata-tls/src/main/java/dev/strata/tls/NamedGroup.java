package dev.strata.tls;

import java.util.List;

/**
 * A key exchange group (RFC 8446 §4.2.7, RFC 8422 §5.1.1, draft-ietf-tls-ecdhe-mlkem); unknown values are kept.
 *
 * @param value the 16-bit code point
 */
public record NamedGroup(int value) {

    /** NIST P-256. */
    public static final NamedGroup SECP256R1 = new NamedGroup(0x0017);
    /** NIST P-384. */
    public static final NamedGroup SECP384R1 = new NamedGroup(0x0018);
    /** NIST P-521 (recognised, not offered). */
    public static final NamedGroup SECP521R1 = new NamedGroup(0x0019);
    /** Curve25519 Diffie-Hellman (RFC 7748). */
    public static final NamedGroup X25519 = new NamedGroup(0x001D);
    /** The hybrid ML-KEM-768 + X25519 group (draft-ietf-tls-ecdhe-mlkem, code point 0x11EC). */
    public static final NamedGroup X25519MLKEM768 = new NamedGroup(0x11EC);

    /** The groups Strata offers by default, in order of preference. */
    public static final List<NamedGroup> DEFAULTS = List.of(X25519, SECP256R1, SECP384R1);

    /** Validates the 16-bit range. */
    public NamedGroup {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("group out of range: " + value);
        }
    }

    /** The group for a 16-bit value. */
    public static NamedGroup of(int value) {
        return new NamedGroup(value);
    }

    /** True when Strata implements this group. */
    public boolean isSupported() {
        return value == 0x0017 || value == 0x0018 || value == 0x001D || value == 0x11EC;
    }

    /** True for the elliptic-curve groups usable in TLS 1.2 ECDHE (RFC 8422). */
    public boolean isEcdhe12() {
        return value == 0x0017 || value == 0x0018 || value == 0x001D;
    }

    /** The IANA name, e.g. {@code x25519}. */
    public String ianaName() {
        return switch (value) {
            case 0x0017 -> "secp256r1";
            case 0x0018 -> "secp384r1";
            case 0x0019 -> "secp521r1";
            case 0x001D -> "x25519";
            case 0x001E -> "x448";
            case 0x11EC -> "X25519MLKEM768";
            default -> String.format("group(0x%04x)", value);
        };
    }

    @Override
    public String toString() {
        return ianaName();
    }
}
