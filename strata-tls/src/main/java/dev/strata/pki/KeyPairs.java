package dev.strata.pki;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Optional;

/** Checks that a private key and a public key form a pair, by signing with one and verifying with the other. */
public final class KeyPairs {

    private static final byte[] PROBE = "Strata key pair check".getBytes(StandardCharsets.US_ASCII);

    private KeyPairs() {}

    /**
     * True when a signature made with {@code privateKey} verifies with {@code publicKey}; false for a mismatch or
     * for keys that cannot sign (such as X25519).
     */
    public static boolean belongTogether(PublicKey publicKey, PrivateKey privateKey) {
        Optional<String> algorithm = SignatureAlgorithms.forSigning(privateKey);
        if (algorithm.isEmpty()) {
            return false;
        }
        try {
            Signature signer = Signature.getInstance(algorithm.get());
            signer.initSign(privateKey, new SecureRandom());
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm.get());
            verifier.initVerify(publicKey);
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
