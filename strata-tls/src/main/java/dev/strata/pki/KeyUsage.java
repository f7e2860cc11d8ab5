package dev.strata.pki;

/**
 * A bit of the X.509 key usage extension (RFC 5280 §4.2.1.3), named as in the RFC.
 *
 * <p>The extension is a fixed nine-bit string, so a Java enum indexed by bit position is exact.
 */
public enum KeyUsage {
    /** Bit 0: verifying digital signatures other than on certificates and CRLs (TLS handshake signatures). */
    DIGITAL_SIGNATURE,
    /** Bit 1: content commitment (formerly nonRepudiation). */
    CONTENT_COMMITMENT,
    /** Bit 2: enciphering private keys, as in RSA key transport (RFC 5246 §7.4.7.1). */
    KEY_ENCIPHERMENT,
    /** Bit 3: enciphering user data directly. */
    DATA_ENCIPHERMENT,
    /** Bit 4: key agreement, as in static Diffie-Hellman. */
    KEY_AGREEMENT,
    /** Bit 5: verifying signatures on certificates; only CA certificates may assert it. */
    KEY_CERT_SIGN,
    /** Bit 6: verifying signatures on certificate revocation lists. */
    CRL_SIGN,
    /** Bit 7: with keyAgreement, the key may only encipher. */
    ENCIPHER_ONLY,
    /** Bit 8: with keyAgreement, the key may only decipher. */
    DECIPHER_ONLY;

    /** The bit number in the KeyUsage BIT STRING (0 is the most significant bit of the first octet). */
    public int bit() {
        return ordinal();
    }
}
