package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * GnuTLS's {@code certtool} as a second referee. It checks validity against the real clock, so these chains are
 * issued with the system clock.
 */
class GnutlsInteropTest {

    private static final String HOST = "gnutls.example.test";
    private static final String VERIFIED = "Chain verification output: Verified.";

    @BeforeAll
    static void needsCerttool() {
        assumeTrue(ExternalTool.available("certtool"), "certtool (gnutls-bin) is not installed");
    }

    private static CertificateAuthority root(KeyType type) {
        return CertificateAuthority.createRoot(
                "GnuTLS Root " + type, type, Fixtures.seeded(type.ordinal()), Clock.systemUTC());
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void certtoolVerifiesStrataChains(KeyType type, @TempDir Path dir) throws Exception {
        CertificateAuthority root = root(type);
        CertificateAuthority inter = root.createIntermediate("GnuTLS Intermediate " + type, type);
        IssuedCertificate server = inter.issueServer(List.of(HOST, "203.0.113.5"), type);

        // --verify-chain: the whole chain, self-signed root last.
        List<X509Certificate> full = new ArrayList<>(server.chain());
        full.add(root.certificate());
        Files.writeString(dir.resolve("full.pem"), Pem.encodeCertificates(full));
        ExternalTool.Run r = ExternalTool.run(
                dir, "certtool", "--verify-chain", "--verify-profile", "medium", "--infile", "full.pem");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains(VERIFIED);

        // --verify: the presented chain against the root as trust anchor, with host name and purpose.
        Files.writeString(dir.resolve("root.pem"), Pem.encode(root.certificate()));
        Files.writeString(dir.resolve("chain.pem"), server.chainPem());
        r = ExternalTool.run(
                dir,
                "certtool",
                "--verify",
                "--verify-profile",
                "medium",
                "--load-ca-certificate",
                "root.pem",
                "--infile",
                "chain.pem",
                "--verify-hostname",
                HOST,
                "--verify-purpose",
                Purpose.SERVER_AUTH.oid());
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains(VERIFIED);

        // And the client certificate for clientAuth.
        Files.writeString(
                dir.resolve("client.pem"), inter.issueClient("bob", type).chainPem());
        r = ExternalTool.run(
                dir,
                "certtool",
                "--verify",
                "--load-ca-certificate",
                "root.pem",
                "--infile",
                "client.pem",
                "--verify-purpose",
                Purpose.CLIENT_AUTH.oid());
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @Test
    void certtoolRejectsWhatStrataRejects(@TempDir Path dir) throws Exception {
        CertificateAuthority root = root(KeyType.EC_P256);
        CertificateAuthority inter = root.createIntermediate("GnuTLS Intermediate", KeyType.EC_P256);
        Files.writeString(dir.resolve("root.pem"), Pem.encode(root.certificate()));
        Instant now = Instant.now();

        IssuedCertificate expired = inter.issueServer(
                List.of(HOST), KeyType.EC_P256, Validity.starting(now.minus(Duration.ofDays(40)), Duration.ofDays(30)));
        IssuedCertificate good = inter.issueServer(List.of(HOST), KeyType.EC_P256);
        IssuedCertificate deep =
                inter.createIntermediate("Too Deep", KeyType.EC_P256).issueServer(List.of(HOST), KeyType.EC_P256);
        record Case(String name, IssuedCertificate cert, String host, FailureReason reason, String gnutls) {}
        List<Case> cases = List.of(
                new Case("expired", expired, HOST, FailureReason.EXPIRED, "expired"),
                new Case("wrong host", good, "other.example.test", FailureReason.HOSTNAME_MISMATCH, "does not match"),
                new Case("path length", deep, HOST, FailureReason.PATH_LENGTH_EXCEEDED, "NOT trusted"));
        for (Case c : cases) {
            VerificationResult ours =
                    ChainVerifier.verify(c.cert().chain(), root.trustAnchors(), now, Purpose.SERVER_AUTH, c.host());
            assertThat(ours)
                    .as(c.name())
                    .isInstanceOfSatisfying(
                            VerificationResult.Invalid.class,
                            i -> assertThat(i.reason()).isEqualTo(c.reason()));
            Files.writeString(dir.resolve("chain.pem"), c.cert().chainPem());
            ExternalTool.Run r = ExternalTool.run(
                    dir,
                    "certtool",
                    "--verify",
                    "--load-ca-certificate",
                    "root.pem",
                    "--infile",
                    "chain.pem",
                    "--verify-hostname",
                    c.host());
            assertThat(r.exit()).as(c.name() + ": " + r).isNotZero();
            assertThat(r.output()).as(c.name()).contains(c.gnutls());
        }
    }
}
