package dev.strata.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.NamedParameterSpec;
import javax.crypto.KeyAgreement;

/**
 * The ceiling of every TLS implementation built on the JCA: the public-key work of one full TLS 1.3 handshake with
 * X25519 and an ECDSA P-256 certificate whose chain verification is cached, done directly with the JCA and nothing
 * else: two X25519 key pairs, two agreements, one ECDSA signature (the server's CertificateVerify) and one
 * verification (the client's).
 */
public final class JcaBound {

    private final PrivateKey signingKey;
    private final PublicKey verifyingKey;
    private final SecureRandom random = new SecureRandom();
    private final byte[] content = new byte[130]; // RFC 8446 §4.4.3: 64 spaces, context string, 0, hash

    /** The bound for {@code pki}'s server key. */
    public JcaBound(TlsBenchPki pki) {
        this.signingKey = pki.server.privateKey();
        this.verifyingKey = pki.server.certificate().getPublicKey();
    }

    /** The public-key operations of one full handshake; returns a value derived from them. */
    public int handshakeCrypto() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("X25519");
            g.initialize(NamedParameterSpec.X25519, random);
            KeyPair client = g.generateKeyPair();
            KeyPair server = g.generateKeyPair();
            KeyAgreement ka = KeyAgreement.getInstance("X25519");
            ka.init(server.getPrivate());
            ka.doPhase(client.getPublic(), true);
            byte[] s1 = ka.generateSecret();
            ka.init(client.getPrivate());
            ka.doPhase(server.getPublic(), true);
            byte[] s2 = ka.generateSecret();
            Signature sig = Signature.getInstance("SHA256withECDSA");
            sig.initSign(signingKey, random);
            sig.update(content);
            byte[] signature = sig.sign();
            sig.initVerify(verifyingKey);
            sig.update(content);
            if (!sig.verify(signature) || s1[0] != s2[0]) {
                throw new IllegalStateException("the JCA disagrees with itself");
            }
            return signature.length + s1[0];
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
