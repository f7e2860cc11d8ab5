package dev.strata.tls;

import java.util.List;

/**
 * A signature scheme (RFC 8446 §4.2.3); in TLS 1.2 the same code points name a hash and signature pair
 * (RFC 5246 §7.4.1.4.1). Unknown values are kept as they are.
 *
 * @param value the 16-bit code point
 */
public record SignatureScheme(int value) {

    /** RSASSA-PKCS1-v1_5 with SHA-256: TLS 1.2 signatures and certificates only. */
    public static final SignatureScheme RSA_PKCS1_SHA256 = new SignatureScheme(0x0401);
    /** RSASSA-PKCS1-v1_5 with SHA-384: TLS 1.2 signatures and certificates only. */
    public static final SignatureScheme RSA_PKCS1_SHA384 = new SignatureScheme(0x0501);
    /** RSASSA-PKCS1-v1_5 with SHA-512: TLS 1.2 signatures and certificates only. */
    public static final SignatureScheme RSA_PKCS1_SHA512 = new SignatureScheme(0x0601);
    /** ECDSA over P-256 with SHA-256. */
    public static final SignatureScheme ECDSA_SECP256R1_SHA256 = new SignatureScheme(0x0403);
    /** ECDSA over P-384 with SHA-384. */
    public static final SignatureScheme ECDSA_SECP384R1_SHA384 = new SignatureScheme(0x0503);
    /** RSASSA-PSS (rsaEncryption key) with SHA-256. */
    public static final SignatureScheme RSA_PSS_RSAE_SHA256 = new SignatureScheme(0x0804);
    /** RSASSA-PSS (rsaEncryption key) with SHA-384. */
    public static final SignatureScheme RSA_PSS_RSAE_SHA384 = new SignatureScheme(0x0805);
    /** RSASSA-PSS (rsaEncryption key) with SHA-512. */
    public static final SignatureScheme RSA_PSS_RSAE_SHA512 = new SignatureScheme(0x0806);
    /** Ed25519 (RFC 8032). */
    public static final SignatureScheme ED25519 = new SignatureScheme(0x0807);
    /** RSASSA-PKCS1-v1_5 with SHA-1: refused. */
    public static final SignatureScheme RSA_PKCS1_SHA1 = new SignatureScheme(0x0201);
    /** ECDSA with SHA-1: refused. */
    public static final SignatureScheme ECDSA_SHA1 = new SignatureScheme(0x0203);

    /** The schemes Strata accepts for TLS 1.3 handshake signatures, in order of preference. */
    public static final List<SignatureScheme> TLS13_DEFAULTS = List.of(
            ECDSA_SECP256R1_SHA256,
            ED25519,
            RSA_PSS_RSAE_SHA256,
            ECDSA_SECP384R1_SHA384,
            RSA_PSS_RSAE_SHA384,
            RSA_PSS_RSAE_SHA512);

    /**
     * The schemes Strata offers in signature_algorithms: the TLS 1.3 ones, then RSASSA-PKCS1 (allowed for TLS 1.2
     * signatures and in certificates); never SHA-1.
     */
    public static final List<SignatureScheme> DEFAULTS = List.of(
            ECDSA_SECP256R1_SHA256,
            ED25519,
            RSA_PSS_RSAE_SHA256,
            ECDSA_SECP384R1_SHA384,
            RSA_PSS_RSAE_SHA384,
            RSA_PSS_RSAE_SHA512,
            RSA_PKCS1_SHA256,
            RSA_PKCS1_SHA384,
            RSA_PKCS1_SHA512);

    /** Validates the 16-bit range. */
    public SignatureScheme {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("signature scheme out of range: " + value);
        }
    }

    /** The scheme for a 16-bit value. */
    public static SignatureScheme of(int value) {
        return new SignatureScheme(value);
    }

    /** True when Strata can sign or verify with this scheme. */
    public boolean isSupported() {
        return switch (value) {
            case 0x0401, 0x0501, 0x0601, 0x0403, 0x0503, 0x0804, 0x0805, 0x0806, 0x0807 -> true;
            default -> false;
        };
    }

    /** True when the scheme may sign a TLS 1.3 handshake (RFC 8446 §4.2.3: no PKCS#1 v1.5, no SHA-1). */
    public boolean allowedInTls13() {
        return isSupported() && (value & 0xFF) != 0x01;
    }

    /** The key algorithm a certificate needs for this scheme: "EC", "RSA" or "Ed25519". */
    public String keyAlgorithm() {
        return switch (value) {
            case 0x0403, 0x0503, 0x0203 -> "EC";
            case 0x0807 -> "Ed25519";
            default -> "RSA";
        };
    }

    /** The IANA name, e.g. {@code ecdsa_secp256r1_sha256}. */
    public String ianaName() {
        return switch (value) {
            case 0x0201 -> "rsa_pkcs1_sha1";
            case 0x0203 -> "ecdsa_sha1";
            case 0x0401 -> "rsa_pkcs1_sha256";
            case 0x0501 -> "rsa_pkcs1_sha384";
            case 0x0601 -> "rsa_pkcs1_sha512";
            case 0x0403 -> "ecdsa_secp256r1_sha256";
            case 0x0503 -> "ecdsa_secp384r1_sha384";
            case 0x0603 -> "ecdsa_secp521r1_sha512";
            case 0x0804 -> "rsa_pss_rsae_sha256";
            case 0x0805 -> "rsa_pss_rsae_sha384";
            case 0x0806 -> "rsa_pss_rsae_sha512";
            case 0x0807 -> "ed25519";
            case 0x0808 -> "ed448";
            case 0x0809 -> "rsa_pss_pss_sha256";
            default -> String.format("scheme(0x%04x)", value);
        };
    }

    @Override
    public String toString() {
        return ianaName();
    }
}
