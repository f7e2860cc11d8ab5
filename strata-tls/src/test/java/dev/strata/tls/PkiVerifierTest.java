package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.pki.IssuedCertificate;
import dev.strata.pki.KeyType;
import dev.strata.pki.TrustAnchors;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PkiVerifier} inside engine pairs in memory: CA-issued chains through an intermediate are trusted (host
 * names, IP literals, client certificates), and each broken certificate of issue 5 ends the handshake with its
 * alert at both ends, the reason in words, and no application data released.
 */
class PkiVerifierTest {

    static TlsEngine server(IssuedCertificate c, ProtocolVersion v) {
        return TlsEngine.server(
                TlsConfig.builder().versions(v).certifiedKey(CaChains.key(c)).build());
    }

    static TlsEngine client(ProtocolVersion v, String host) {
        return TlsEngine.client(
                TlsConfig.builder().versions(v).verifier(CaChains.verifier()).build(), host);
    }

    static Arguments[] badCases() {
        return CaChains.badServers().stream()
                .flatMap(b -> java.util.stream.Stream.of(
                        Arguments.of(b, ProtocolVersion.TLS13), Arguments.of(b, ProtocolVersion.TLS12)))
                .toArray(Arguments[]::new);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("badCases")
    void brokenServerCertificateFailsWithItsAlertAtBothEnds(CaChains.Bad bad, ProtocolVersion v) {
        TlsEngine s = server(bad.certificate(), v);
        byte[] secret = "must not be released".getBytes(StandardCharsets.US_ASCII);
        s.write(secret); // held until the handshake completes, which it never does
        TlsEngine c = client(v, CaChains.HOST);
        c.write(secret);
        Loopback.pump(c, s);

        assertThat(c.status()).isEqualTo(TlsEngine.Status.FAILED);
        TlsFailure f = c.failure().orElseThrow();
        assertThat(f.alert()).as(f.toString()).isEqualTo(bad.alert());
        assertThat(f.sentByUs()).isTrue();
        assertThat(f.reason()).contains(bad.reason()).contains("CN=");
        assertThat(s.status()).isEqualTo(TlsEngine.Status.FAILED);
        assertThat(s.failure().orElseThrow().alert()).isEqualTo(bad.alert());
        assertThat(s.failure().orElseThrow().sentByUs()).isFalse();
        assertThat(c.available()).isZero();
        assertThat(s.available()).isZero();
        assertThat(c.isHandshakeComplete()).isFalse();
        assertThat(s.isHandshakeComplete()).isFalse();
    }

    @Test
    void goodChainThroughTheIntermediateForAHostNameAndAnIpLiteral() {
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            for (String name : List.of(CaChains.HOST, "127.0.0.1")) {
                TlsEngine s = server(CaChains.GOOD_SERVER, v);
                TlsEngine c = client(v, name);
                Loopback.pump(c, s);
                assertThat(c.status()).as(v + " " + name).isEqualTo(TlsEngine.Status.CONNECTED);
                assertThat(c.summary().peerCertificates()).isEqualTo(CaChains.GOOD_SERVER.chain());
            }
        }
    }

    @Test
    void clientCertificatesAreCheckedForClientAuth() {
        IssuedCertificate serverCertAsClient =
                CaChains.INTERMEDIATE.issueServer(List.of("client.example"), KeyType.EC_P256);
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            // A clientAuth certificate is accepted, whatever name the client reached the server at.
            TlsEngine s = serverAskingForClientCert(v);
            TlsEngine c = clientWithCert(v, CaChains.GOOD_CLIENT);
            Loopback.pump(c, s);
            assertThat(s.status()).as(v.toString()).isEqualTo(TlsEngine.Status.CONNECTED);
            assertThat(s.summary().peerCertificates().getFirst()).isEqualTo(CaChains.GOOD_CLIENT.certificate());

            // A serverAuth-only certificate is not a client certificate: unsupported_certificate from the server.
            s = serverAskingForClientCert(v);
            c = clientWithCert(v, serverCertAsClient);
            c.write("not for you".getBytes(StandardCharsets.US_ASCII));
            Loopback.pump(c, s);
            assertThat(s.status()).isEqualTo(TlsEngine.Status.FAILED);
            assertThat(s.failure().orElseThrow().alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
            assertThat(s.failure().orElseThrow().reason()).contains("does not allow clientAuth");
            assertThat(s.available()).isZero();
            assertThat(c.status()).isEqualTo(TlsEngine.Status.FAILED);
            assertThat(c.failure().orElseThrow().alert()).isEqualTo(AlertDescription.UNSUPPORTED_CERTIFICATE);
        }
    }

    @Test
    void theVerifierReadsItsClockForValidity() {
        // Issued valid from now-1h for a year: trusted today, expired in two years, not yet valid a day ago.
        Instant now = Instant.now();
        TrustAnchors anchors = CaChains.ROOT.trustAnchors();
        List<java.security.cert.X509Certificate> chain = CaChains.GOOD_SERVER.chain();
        assertThat(new PkiVerifier(anchors, InstantSource.fixed(now)).verify(chain, CaChains.HOST, Role.SERVER))
                .isInstanceOf(Verdict.Trusted.class);
        Verdict late = new PkiVerifier(anchors, InstantSource.fixed(now.plus(Duration.ofDays(730))))
                .verify(chain, CaChains.HOST, Role.SERVER);
        assertThat(late).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) late).alert()).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(((Verdict.Rejected) late).reason()).startsWith("certificate expired: depth 0 (CN=localhost)");
        Verdict early = new PkiVerifier(anchors, InstantSource.fixed(now.minus(Duration.ofDays(1))))
                .verify(chain, CaChains.HOST, Role.SERVER);
        assertThat(early).isInstanceOf(Verdict.Rejected.class);
        assertThat(((Verdict.Rejected) early).alert()).isEqualTo(AlertDescription.CERTIFICATE_EXPIRED);
        assertThat(((Verdict.Rejected) early).reason()).startsWith("certificate not yet valid: ");
    }

    @Test
    void aBundleFileIsTheTrustAnchors() throws Exception {
        java.nio.file.Path f = java.nio.file.Files.createTempFile("strata-ca", ".pem");
        try {
            java.nio.file.Files.writeString(
                    f,
                    dev.strata.pki.Pem.encodeCertificates(List.of(CaChains.OTHER_ROOT.root(), CaChains.ROOT.root())));
            PkiVerifier v = PkiVerifier.fromPemFile(f);
            assertThat(v.anchors().size()).isEqualTo(2);
            assertThat(v.verify(CaChains.GOOD_SERVER.chain(), CaChains.HOST, Role.SERVER))
                    .isInstanceOf(Verdict.Trusted.class);
        } finally {
            java.nio.file.Files.deleteIfExists(f);
        }
    }

    private static TlsEngine serverAskingForClientCert(ProtocolVersion v) {
        return TlsEngine.server(TlsConfig.builder()
                .versions(v)
                .certifiedKey(CaChains.key(CaChains.GOOD_SERVER))
                .clientAuth(ClientAuth.REQUIRED)
                .verifier(CaChains.verifier())
                .build());
    }

    private static TlsEngine clientWithCert(ProtocolVersion v, IssuedCertificate cert) {
        return TlsEngine.client(
                TlsConfig.builder()
                        .versions(v)
                        .verifier(CaChains.verifier())
                        .certifiedKey(CaChains.key(cert))
                        .build(),
                CaChains.HOST);
    }
}
