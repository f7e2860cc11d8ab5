package dev.strata.pki;

/**
 * What a certificate is verified for, and the extended key usage purpose (RFC 5280 §4.2.1.12) that allows it.
 *
 * <p>In a {@link CertificateTemplate}, {@link #ANY} emits {@code anyExtendedKeyUsage}; in {@link ChainVerifier},
 * {@link #ANY} skips the purpose checks (like {@code openssl verify} without {@code -purpose}).
 */
public enum Purpose {
    /** TLS WWW server authentication, id-kp-serverAuth. */
    SERVER_AUTH("1.3.6.1.5.5.7.3.1", "serverAuth"),
    /** TLS WWW client authentication, id-kp-clientAuth. */
    CLIENT_AUTH("1.3.6.1.5.5.7.3.2", "clientAuth"),
    /** Any purpose, anyExtendedKeyUsage. */
    ANY("2.5.29.37.0", "anyExtendedKeyUsage");

    private final String oid;
    private final String rfcName;

    Purpose(String oid, String rfcName) {
        this.oid = oid;
        this.rfcName = rfcName;
    }

    /** The KeyPurposeId object identifier in dotted form. */
    public String oid() {
        return oid;
    }

    /** The name RFC 5280 gives the purpose, as {@code openssl x509 -text} prints it. */
    public String rfcName() {
        return rfcName;
    }
}
