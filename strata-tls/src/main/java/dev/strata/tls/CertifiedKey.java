package dev.strata.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (end-entity first) and the private key of its end-entity certificate: what a server, or a
 * client doing certificate authentication, presents.
 *
 * @param chain the chain, end-entity first, without the root if the peer has it
 * @param privateKey the end-entity private key (EC, RSA or Ed25519)
 */
public record CertifiedKey(List<X509Certificate> chain, PrivateKey privateKey) {

    /** Copies the chain and checks it is non-empty. */
    public CertifiedKey {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("empty certificate chain");
        }
    }

    /** The end-entity certificate. */
    public X509Certificate leaf() {
        return chain.getFirst();
    }
}
