package dev.strata.cli.tls;

import dev.strata.tls.SessionSummary;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** What a handshake negotiated, as the lines {@code strata tls client} prints and {@code --www} pages show. */
final class SessionReport {

    private SessionReport() {}

    /**
     * The summary as {@code name: value} lines: protocol, cipher suite, group, signature scheme, ALPN, server name,
     * resumption, the peer's certificates and how they were checked.
     *
     * @param trust how the peer's certificates were checked, e.g. "verified with Strata's PKI (1 trust anchor)"
     */
    static List<String> lines(SessionSummary s, String trust) {
        List<String> out = new ArrayList<>();
        out.add("protocol: " + s.version());
        out.add("cipher suite: " + s.cipherSuite()
                + (s.cipherSuite().keyExchange() == dev.strata.tls.CipherSuite.KeyExchange.RSA
                        ? "  [TEACHING MODE: RSA key transport, no forward secrecy]"
                        : ""));
        out.add("group: " + (s.group() != null ? s.group() : "none"));
        out.add("signature: " + (s.signatureScheme() != null ? s.signatureScheme() : "none"));
        out.add("ALPN: " + (s.alpn() != null ? s.alpn() : "none"));
        out.add("server name: " + (s.serverName() != null ? s.serverName() : "none"));
        out.add("resumed: " + (s.resumed() ? "yes" : "no") + (s.helloRetry() ? " (after a HelloRetryRequest)" : ""));
        if (!s.version().equals(dev.strata.tls.ProtocolVersion.TLS13)) {
            out.add("extended master secret: " + (s.extendedMasterSecret() ? "yes" : "no"));
        }
        List<X509Certificate> chain = s.peerCertificates();
        if (chain.isEmpty()) {
            out.add("peer certificate: none");
        } else {
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate c = chain.get(i);
                out.add("peer certificate " + i + ": "
                        + c.getSubjectX500Principal().getName() + " (issuer "
                        + c.getIssuerX500Principal().getName() + ")");
            }
            out.add("peer verification: " + trust);
        }
        return out;
    }
}
