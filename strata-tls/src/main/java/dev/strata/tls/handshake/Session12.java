package dev.strata.tls.handshake;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.SessionSummary;
import dev.strata.tls.SignatureScheme;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS 1.2 handshake has settled so far. Immutable; each state passes on a copy with what it learnt.
 *
 * @param suite the cipher suite
 * @param clientRandom the client random
 * @param serverRandom the server random
 * @param extendedMasterSecret whether RFC 7627 applies
 * @param master the master secret once known, else null
 * @param group the ECDHE group, or null
 * @param scheme the scheme of the server's ServerKeyExchange signature, or null
 * @param alpn the protocol, or null
 * @param serverName the SNI name, or null
 * @param peerChain the peer's certificates
 * @param resumed whether a ticket resumed the session
 * @param ticketExpected whether the server will send (client) or send (server) a NewSessionTicket
 */
public record Session12(
        CipherSuite suite,
        byte[] clientRandom,
        byte[] serverRandom,
        boolean extendedMasterSecret,
        byte[] master,
        NamedGroup group,
        SignatureScheme scheme,
        String alpn,
        String serverName,
        List<X509Certificate> peerChain,
        boolean resumed,
        boolean ticketExpected) {

    Session12 withMaster(byte[] m) {
        return new Session12(
                suite,
                clientRandom,
                serverRandom,
                extendedMasterSecret,
                m,
                group,
                scheme,
                alpn,
                serverName,
                peerChain,
                resumed,
                ticketExpected);
    }

    Session12 withPeerChain(List<X509Certificate> chain) {
        return new Session12(
                suite,
                clientRandom,
                serverRandom,
                extendedMasterSecret,
                master,
                group,
                scheme,
                alpn,
                serverName,
                chain,
                resumed,
                ticketExpected);
    }

    Session12 withKeyExchange(NamedGroup g, SignatureScheme s) {
        return new Session12(
                suite,
                clientRandom,
                serverRandom,
                extendedMasterSecret,
                master,
                g,
                s,
                alpn,
                serverName,
                peerChain,
                resumed,
                ticketExpected);
    }

    SessionSummary summary() {
        return new SessionSummary(
                ProtocolVersion.TLS12,
                suite,
                group,
                scheme,
                alpn,
                serverName,
                peerChain,
                resumed,
                false,
                extendedMasterSecret);
    }
}
