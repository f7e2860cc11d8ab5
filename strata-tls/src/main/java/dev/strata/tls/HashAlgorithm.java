package dev.strata.tls;

/** A hash function a cipher suite names for its transcript, HKDF (TLS 1.3) or PRF (TLS 1.2). */
public enum HashAlgorithm {
    /** SHA-256 (32-octet output). */
    SHA256("SHA-256", "HmacSHA256", "HKDF-SHA256", 32),
    /** SHA-384 (48-octet output). */
    SHA384("SHA-384", "HmacSHA384", "HKDF-SHA384", 48);

    private final String digestName;
    private final String macName;
    private final String kdfName;
    private final int length;

    HashAlgorithm(String digestName, String macName, String kdfName, int length) {
        this.digestName = digestName;
        this.macName = macName;
        this.kdfName = kdfName;
        this.length = length;
    }

    /** The JCA MessageDigest name. */
    public String digestName() {
        return digestName;
    }

    /** The JCA Mac name of HMAC over this hash. */
    public String macName() {
        return macName;
    }

    /** The JCA KDF name of HKDF over this hash. */
    public String kdfName() {
        return kdfName;
    }

    /** The output length in octets (Hash.length in RFC 8446). */
    public int length() {
        return length;
    }
}
