package dev.strata.tls;

/** An AEAD algorithm a cipher suite names for record protection (RFC 5116, RFC 8439). */
public enum Aead {
    /** AES-128 in Galois/Counter Mode. */
    AES_128_GCM("AES/GCM/NoPadding", "AES", 16),
    /** AES-256 in Galois/Counter Mode. */
    AES_256_GCM("AES/GCM/NoPadding", "AES", 32),
    /** ChaCha20 with the Poly1305 authenticator. */
    CHACHA20_POLY1305("ChaCha20-Poly1305", "ChaCha20", 32);

    /** Length of the authentication tag every suite here appends. */
    public static final int TAG_LENGTH = 16;
    /** Length of the per-record nonce. */
    public static final int NONCE_LENGTH = 12;

    private final String transformation;
    private final String keyAlgorithm;
    private final int keyLength;

    Aead(String transformation, String keyAlgorithm, int keyLength) {
        this.transformation = transformation;
        this.keyAlgorithm = keyAlgorithm;
        this.keyLength = keyLength;
    }

    /** The JCA Cipher transformation. */
    public String transformation() {
        return transformation;
    }

    /** The JCA key algorithm name. */
    public String keyAlgorithm() {
        return keyAlgorithm;
    }

    /** The key length in octets. */
    public int keyLength() {
        return keyLength;
    }
}
