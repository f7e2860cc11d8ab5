package dev.strata.tls;

import java.util.List;

/**
 * A TLS cipher suite code point (RFC 8446 §B.4, RFC 5289, RFC 7905); unknown values are kept as they are.
 *
 * @param value the 16-bit code point
 */
public record CipherSuite(int value) {

    /** TLS 1.3: AES-128-GCM with SHA-256. */
    public static final CipherSuite TLS_AES_128_GCM_SHA256 = new CipherSuite(0x1301);
    /** TLS 1.3: AES-256-GCM with SHA-384. */
    public static final CipherSuite TLS_AES_256_GCM_SHA384 = new CipherSuite(0x1302);
    /** TLS 1.3: ChaCha20-Poly1305 with SHA-256. */
    public static final CipherSuite TLS_CHACHA20_POLY1305_SHA256 = new CipherSuite(0x1303);
    /** TLS 1.2: ECDHE, ECDSA, AES-128-GCM, SHA-256 (RFC 5289). */
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02B);
    /** TLS 1.2: ECDHE, ECDSA, AES-256-GCM, SHA-384 (RFC 5289). */
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC02C);
    /** TLS 1.2: ECDHE, RSA, AES-128-GCM, SHA-256 (RFC 5289). */
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0xC02F);
    /** TLS 1.2: ECDHE, RSA, AES-256-GCM, SHA-384 (RFC 5289). */
    public static final CipherSuite TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384 = new CipherSuite(0xC030);
    /** TLS 1.2: ECDHE, RSA, ChaCha20-Poly1305 (RFC 7905). */
    public static final CipherSuite TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256 = new CipherSuite(0xCCA8);
    /** TLS 1.2: ECDHE, ECDSA, ChaCha20-Poly1305 (RFC 7905). */
    public static final CipherSuite TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 = new CipherSuite(0xCCA9);
    /**
     * TLS 1.2 RSA key transport with AES-128-GCM (RFC 5288): the opt-in teaching mode only, never in a default list,
     * because it has no forward secrecy.
     */
    public static final CipherSuite TLS_RSA_WITH_AES_128_GCM_SHA256 = new CipherSuite(0x009C);
    /** The signalling value by which a client says it supports secure renegotiation (RFC 5746 §3.3). */
    public static final CipherSuite TLS_EMPTY_RENEGOTIATION_INFO_SCSV = new CipherSuite(0x00FF);

    /** The TLS 1.3 suites Strata speaks, in its order of preference. */
    public static final List<CipherSuite> TLS13_DEFAULTS =
            List.of(TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384, TLS_CHACHA20_POLY1305_SHA256);

    /** The TLS 1.2 suites Strata enables by default: ECDHE with AEADs only. */
    public static final List<CipherSuite> TLS12_DEFAULTS = List.of(
            TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
            TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
            TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
            TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
            TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256);

    /** How a TLS 1.2 suite exchanges keys and authenticates the server. */
    public enum KeyExchange {
        /** TLS 1.3: negotiated by extensions, not by the suite. */
        TLS13,
        /** Ephemeral ECDH, signed with an ECDSA (or EdDSA) certificate. */
        ECDHE_ECDSA,
        /** Ephemeral ECDH, signed with an RSA certificate. */
        ECDHE_RSA,
        /** RSA key transport (teaching mode). */
        RSA
    }

    /** Validates the 16-bit range. */
    public CipherSuite {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("cipher suite out of range: " + value);
        }
    }

    /** The suite for a 16-bit value. */
    public static CipherSuite of(int value) {
        return new CipherSuite(value);
    }

    /** True when Strata implements this suite. */
    public boolean isSupported() {
        return aead() != null;
    }

    /** True for a TLS 1.3 suite. */
    public boolean isTls13() {
        return (value & 0xFF00) == 0x1300 && isSupported();
    }

    /** The record protection algorithm, or null for a suite Strata does not implement. */
    public Aead aead() {
        return switch (value) {
            case 0x1301, 0xC02B, 0xC02F, 0x009C -> Aead.AES_128_GCM;
            case 0x1302, 0xC02C, 0xC030 -> Aead.AES_256_GCM;
            case 0x1303, 0xCCA8, 0xCCA9 -> Aead.CHACHA20_POLY1305;
            default -> null;
        };
    }

    /** The hash of the transcript and key derivation, or null for a suite Strata does not implement. */
    public HashAlgorithm hash() {
        return switch (value) {
            case 0x1302, 0xC02C, 0xC030 -> HashAlgorithm.SHA384;
            case 0x1301, 0x1303, 0xC02B, 0xC02F, 0xCCA8, 0xCCA9, 0x009C -> HashAlgorithm.SHA256;
            default -> null;
        };
    }

    /** The key exchange, or null for a suite Strata does not implement. */
    public KeyExchange keyExchange() {
        return switch (value) {
            case 0x1301, 0x1302, 0x1303 -> KeyExchange.TLS13;
            case 0xC02B, 0xC02C, 0xCCA9 -> KeyExchange.ECDHE_ECDSA;
            case 0xC02F, 0xC030, 0xCCA8 -> KeyExchange.ECDHE_RSA;
            case 0x009C -> KeyExchange.RSA;
            default -> null;
        };
    }

    /** The IANA name, e.g. {@code TLS_AES_128_GCM_SHA256}. */
    public String ianaName() {
        return switch (value) {
            case 0x1301 -> "TLS_AES_128_GCM_SHA256";
            case 0x1302 -> "TLS_AES_256_GCM_SHA384";
            case 0x1303 -> "TLS_CHACHA20_POLY1305_SHA256";
            case 0xC02B -> "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256";
            case 0xC02C -> "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384";
            case 0xC02F -> "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
            case 0xC030 -> "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384";
            case 0xCCA8 -> "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0xCCA9 -> "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256";
            case 0x009C -> "TLS_RSA_WITH_AES_128_GCM_SHA256";
            case 0x00FF -> "TLS_EMPTY_RENEGOTIATION_INFO_SCSV";
            default -> String.format("0x%04X", value);
        };
    }

    @Override
    public String toString() {
        return ianaName();
    }
}
