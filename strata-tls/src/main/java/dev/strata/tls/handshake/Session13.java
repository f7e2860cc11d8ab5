package dev.strata.tls.handshake;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.SessionSummary;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.crypto.KeySchedule13;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a TLS 1.3 handshake has settled so far: the suite, the key schedule and handshake secrets, and the
 * negotiated extensions. Immutable; each state passes on a copy with what it learnt.
 *
 * @param suite the cipher suite
 * @param ks the key schedule over the suite's hash
 * @param handshakeSecret the Handshake Secret
 * @param clientHandshakeSecret client_handshake_traffic_secret
 * @param serverHandshakeSecret server_handshake_traffic_secret
 * @param group the key exchange group
 * @param resumed true when a PSK from a ticket was accepted
 * @param helloRetry true after a HelloRetryRequest
 * @param alpn the negotiated protocol, or null
 * @param serverName the SNI name, or null
 * @param peerChain the peer's certificates (empty until received)
 * @param peerScheme the scheme the server signed with, or null
 * @param certRequestContext the server's certificate_request_context when it asked for a client certificate, or null
 * @param certRequestSchemes the schemes the server accepts for the client's CertificateVerify
 */
public record Session13(
        CipherSuite suite,
        KeySchedule13 ks,
        byte[] handshakeSecret,
        byte[] clientHandshakeSecret,
        byte[] serverHandshakeSecret,
        NamedGroup group,
        boolean resumed,
        boolean helloRetry,
        String alpn,
        String serverName,
        List<X509Certificate> peerChain,
        SignatureScheme peerScheme,
        byte[] certRequestContext,
        List<SignatureScheme> certRequestSchemes) {

    /** With the negotiated ALPN protocol. */
    Session13 withAlpn(String protocol) {
        return new Session13(
                suite,
                ks,
                handshakeSecret,
                clientHandshakeSecret,
                serverHandshakeSecret,
                group,
                resumed,
                helloRetry,
                protocol,
                serverName,
                peerChain,
                peerScheme,
                certRequestContext,
                certRequestSchemes);
    }

    /** With the peer's chain. */
    Session13 withPeerChain(List<X509Certificate> chain) {
        return new Session13(
                suite,
                ks,
                handshakeSecret,
                clientHandshakeSecret,
                serverHandshakeSecret,
                group,
                resumed,
                helloRetry,
                alpn,
                serverName,
                chain,
                peerScheme,
                certRequestContext,
                certRequestSchemes);
    }

    /** With the scheme the server signed with. */
    Session13 withPeerScheme(SignatureScheme scheme) {
        return new Session13(
                suite,
                ks,
                handshakeSecret,
                clientHandshakeSecret,
                serverHandshakeSecret,
                group,
                resumed,
                helloRetry,
                alpn,
                serverName,
                peerChain,
                scheme,
                certRequestContext,
                certRequestSchemes);
    }

    /** With a certificate request from the server. */
    Session13 withCertRequest(byte[] context, List<SignatureScheme> schemes) {
        return new Session13(
                suite,
                ks,
                handshakeSecret,
                clientHandshakeSecret,
                serverHandshakeSecret,
                group,
                resumed,
                helloRetry,
                alpn,
                serverName,
                peerChain,
                peerScheme,
                context,
                schemes);
    }

    /** The summary of the completed handshake. */
    SessionSummary summary(SignatureScheme serverScheme) {
        return new SessionSummary(
                ProtocolVersion.TLS13,
                suite,
                group,
                serverScheme,
                alpn,
                serverName,
                peerChain,
                resumed,
                helloRetry,
                true);
    }
}
