package dev.strata.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;
import java.util.Optional;

/**
 * A key type Strata's CA can generate, with the signature algorithm its certificates are signed with.
 *
 * <p>RSA keys sign with PKCS#1 v1.5 and SHA-256 ({@code sha256WithRSAEncryption}, RFC 4055 §5): every X.509 stack
 * accepts it in certificates and TLS 1.3 allows it there ({@code rsa_pkcs1_sha256} in signature_algorithms_cert,
 * RFC 8446 §4.2.3), while TLS handshake signatures made with the same key use RSA-PSS. This is Strata's own
 * classification, so a Java enum is the right type.
 */
public enum KeyType {
    /** ECDSA on NIST P-256 (secp256r1), signing with ecdsa-with-SHA256 (RFC 5758 §3.2). */
    EC_P256("ec", "EC", "SHA256withECDSA"),
    /** RSA with a 2048-bit modulus and public exponent 65537, signing with sha256WithRSAEncryption. */
    RSA_2048("rsa", "RSA", "SHA256withRSA"),
    /** RSA with a 3072-bit modulus and public exponent 65537, signing with sha256WithRSAEncryption. */
    RSA_3072("rsa3072", "RSA", "SHA256withRSA"),
    /** Ed25519 (RFC 8410), signing with PureEdDSA. */
    ED25519("ed25519", "Ed25519", "Ed25519");

    private final String cliName;
    private final String jcaKeyAlgorithm;
    private final String signatureAlgorithm;

    KeyType(String cliName, String jcaKeyAlgorithm, String signatureAlgorithm) {
        this.cliName = cliName;
        this.jcaKeyAlgorithm = jcaKeyAlgorithm;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    /** The short name the command line uses: {@code ec}, {@code rsa}, {@code rsa3072}, {@code ed25519}. */
    public String cliName() {
        return cliName;
    }

    /** The JCA signature algorithm that keys of this type sign certificates with. */
    public String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    /** Generates a fresh key pair of this type, drawing randomness from {@code random}. */
    public KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(jcaKeyAlgorithm);
            switch (this) {
                case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), random);
                case RSA_2048 ->
                    generator.initialize(new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), random);
                case RSA_3072 ->
                    generator.initialize(new RSAKeyGenParameterSpec(3072, RSAKeyGenParameterSpec.F4), random);
                case ED25519 -> generator.initialize(255, random);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            // Every JDK 25 ships these generators (SunEC, SunRsaSign); reaching here means a broken runtime.
            throw new IllegalStateException("the JDK cannot generate " + this + " keys", e);
        }
    }

    /**
     * The key type for a command-line name: {@code ec} (or {@code p256}), {@code rsa} (or {@code rsa2048}),
     * {@code rsa3072}, {@code ed25519}; empty for anything else.
     */
    public static Optional<KeyType> parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "ec", "p256", "p-256", "ecdsa" -> Optional.of(EC_P256);
            case "rsa", "rsa2048" -> Optional.of(RSA_2048);
            case "rsa3072" -> Optional.of(RSA_3072);
            case "ed25519" -> Optional.of(ED25519);
            default -> Optional.empty();
        };
    }
}
