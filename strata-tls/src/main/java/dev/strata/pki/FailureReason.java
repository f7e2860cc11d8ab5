package dev.strata.pki;

/**
 * Why a certificate chain was rejected. Strata's own classification (not a wire value), so a Java enum.
 *
 * <p>Each reason knows the TLS alert (RFC 8446 §6.2, RFC 5246 §7.2.2) a TLS endpoint sends for it.
 */
public enum FailureReason {
    /** A certificate does not decode as DER X.509, or the presented list is empty or too long. */
    MALFORMED(42),
    /** No path leads from the leaf to a trust anchor: an issuer is neither presented nor trusted. */
    UNKNOWN_CA(48),
    /** A certificate's signature does not verify with its issuer's public key. */
    BAD_SIGNATURE(42),
    /** A signature uses an algorithm Strata refuses as weak (MD5, SHA-1). */
    WEAK_ALGORITHM(43),
    /** A signature or key uses an algorithm Strata does not implement. */
    UNSUPPORTED_ALGORITHM(43),
    /** A key is too small to trust (RSA below 2048 bits). */
    WEAK_KEY(43),
    /** The instant checked is after a certificate's notAfter (RFC 5280 §4.1.2.5). */
    EXPIRED(45),
    /** The instant checked is before a certificate's notBefore (RFC 5280 §4.1.2.5). */
    NOT_YET_VALID(45),
    /** An issuing certificate is not a CA: no basic constraints, or cA false (RFC 5280 §6.1.4 (k)). */
    NOT_A_CA(42),
    /** More intermediate CAs follow a certificate than its pathLenConstraint allows (RFC 5280 §6.1.4 (l), (m)). */
    PATH_LENGTH_EXCEEDED(42),
    /** A name in the chain lies outside an issuer's name constraints (RFC 5280 §4.2.1.10). */
    NAME_CONSTRAINTS(42),
    /** Key usage forbids the use: an issuer without keyCertSign, a TLS leaf without digitalSignature. */
    KEY_USAGE(43),
    /** Extended key usage forbids the purpose asked for (serverAuth, clientAuth). */
    EXTENDED_KEY_USAGE(43),
    /** A certificate has a critical extension Strata does not process (RFC 5280 §4.2). */
    UNHANDLED_CRITICAL_EXTENSION(43),
    /** The leaf does not name the host name or IP address being checked (RFC 6125 §6). */
    HOSTNAME_MISMATCH(42);

    private final int tlsAlert;

    FailureReason(int tlsAlert) {
        this.tlsAlert = tlsAlert;
    }

    /**
     * The AlertDescription a TLS endpoint sends for this failure: bad_certificate (42), unsupported_certificate
     * (43), certificate_expired (45, also for "not yet valid": RFC 8446 §6.2 says "expired or is not currently
     * valid") or unknown_ca (48).
     */
    public int tlsAlert() {
        return tlsAlert;
    }
}
