package dev.strata.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Decides whether a peer's certificate chain is trusted: path building, signatures, validity, key usage and (for a
 * server) the host name. The TLS engine only proves that the peer holds the end-entity key; everything else is this
 * interface's job, so that Strata's PKI (or a test's pinned certificate) can plug in.
 */
@FunctionalInterface
public interface CertificateVerifier {

    /**
     * Checks {@code chain}, end-entity first, as sent by a peer acting as {@code peerRole}.
     *
     * @param chain the certificates as the peer sent them (non-empty)
     * @param serverNameOrNull the name the client expects for a server certificate (SNI or IP literal), or null
     * @param peerRole SERVER when a client checks a server, CLIENT when a server checks a client
     */
    Verdict verify(List<X509Certificate> chain, String serverNameOrNull, Role peerRole);

    /** A verifier that trusts every chain: for tests and {@code --insecure} only. */
    static CertificateVerifier insecureTrustAll() {
        return (chain, name, role) -> Verdict.trusted();
    }
}
