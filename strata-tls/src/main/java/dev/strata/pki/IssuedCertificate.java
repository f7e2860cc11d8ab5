package dev.strata.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * A certificate Strata's CA issued, with its private key and the chain its holder presents.
 *
 * @param certificate the issued certificate
 * @param privateKey the private key of the certificate's public key
 * @param chain what a TLS peer sends in its Certificate message (RFC 8446 §4.4.2): {@code certificate} first, then
 *     each intermediate CA up to but excluding the root
 */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

    /** Copies the chain and checks that it starts with the certificate. */
    public IssuedCertificate {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        chain = List.copyOf(chain);
        if (chain.isEmpty() || !chain.getFirst().equals(certificate)) {
            throw new IllegalArgumentException("the chain must start with the certificate");
        }
    }

    /** The certificate's key pair. */
    public KeyPair keyPair() {
        return new KeyPair(certificate.getPublicKey(), privateKey);
    }

    /** The certificate as PEM. */
    public String certificatePem() {
        return Pem.encode(certificate);
    }

    /** The private key as PKCS#8 PEM. */
    public String privateKeyPem() {
        return Pem.encode(privateKey);
    }

    /** The chain as PEM, leaf first. */
    public String chainPem() {
        return Pem.encodeCertificates(chain);
    }

    /** Names the certificate without printing the private key (some JDK keys print their secret parts). */
    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal().getName() + ", serial "
                + certificate.getSerialNumber().toString(16) + ", chain of " + chain.size() + "]";
    }
}
