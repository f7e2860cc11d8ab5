package dev.strata.tls;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a completed handshake negotiated.
 *
 * @param version the protocol version
 * @param cipherSuite the cipher suite
 * @param group the key exchange group, or null for RSA key transport or a TLS 1.2 resumption
 * @param signatureScheme the scheme the server signed with, or null when the server did not sign (resumption, RSA)
 * @param alpn the application protocol, or null
 * @param serverName the SNI host name, or null
 * @param peerCertificates the peer's chain, end-entity first (empty when it sent none or the session was resumed)
 * @param resumed true when a session ticket resumed an earlier session
 * @param helloRetry true when the server sent a HelloRetryRequest
 * @param extendedMasterSecret true when TLS 1.2 used the RFC 7627 extended master secret (always true for 1.3)
 */
public record SessionSummary(
        ProtocolVersion version,
        CipherSuite cipherSuite,
        NamedGroup group,
        SignatureScheme signatureScheme,
        String alpn,
        String serverName,
        List<X509Certificate> peerCertificates,
        boolean resumed,
        boolean helloRetry,
        boolean extendedMasterSecret) {

    /** Copies the certificate list. */
    public SessionSummary {
        peerCertificates = List.copyOf(peerCertificates);
    }

    @Override
    public String toString() {
        return version + " " + cipherSuite + (group != null ? " group=" + group : "")
                + (signatureScheme != null ? " sig=" + signatureScheme : "")
                + (alpn != null ? " alpn=" + alpn : "")
                + (serverName != null ? " sni=" + serverName : "")
                + (resumed ? " resumed" : "")
                + (helloRetry ? " hrr" : "")
                + (cipherSuite.keyExchange() == CipherSuite.KeyExchange.RSA
                        ? " [TEACHING MODE: RSA key transport, no forward secrecy]"
                        : "");
    }
}
