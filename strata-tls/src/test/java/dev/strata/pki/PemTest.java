package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PEM round trips for certificates, bundles and PKCS#8 keys, and clean errors for everything else. */
class PemTest {

    private static final List<X509Certificate> POOL = pool();

    private static List<X509Certificate> pool() {
        List<X509Certificate> out = new ArrayList<>();
        out.add(Fixtures.Ec.ROOT.certificate());
        out.add(Fixtures.Ec.INTERMEDIATE.certificate());
        for (KeyType t : List.of(KeyType.EC_P256, KeyType.RSA_2048, KeyType.ED25519)) {
            out.add(Fixtures.Ec.INTERMEDIATE
                    .issueServer(List.of("pem.example.test"), t)
                    .certificate());
        }
        return List.copyOf(out);
    }

    @Property(tries = 50)
    void bundlesRoundTripInOrder(@ForAll("bundles") List<X509Certificate> bundle) throws Exception {
        String pem = Pem.encodeCertificates(bundle);
        assertThat(Pem.readCertificates(pem)).containsExactlyElementsOf(bundle);
        // Explanatory text between blocks (as `openssl x509 -text` writes) is skipped.
        String noisy = "Certificate bundle\n"
                + pem.replace("-----END CERTIFICATE-----\n", "-----END CERTIFICATE-----\nsubject=...\n");
        assertThat(Pem.readCertificates(noisy)).containsExactlyElementsOf(bundle);
    }

    @Provide
    Arbitrary<List<X509Certificate>> bundles() {
        return Arbitraries.of(POOL).list().ofMinSize(1).ofMaxSize(6);
    }

    @Property(tries = 300)
    void arbitraryTextGivesCertificatesOrAPemExceptionNeverAnythingElse(@ForAll("pemLikeText") String text) {
        try {
            Pem.readCertificates(text);
        } catch (PemException expected) {
            assertThat(expected.getMessage()).isNotBlank().doesNotContain("\n");
        }
        try {
            Pem.readPrivateKey(text);
        } catch (PemException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> pemLikeText() {
        Arbitrary<String> body = Arbitraries.strings()
                .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/=\n: -")
                .ofMaxLength(300);
        Arbitrary<String> label =
                Arbitraries.of("CERTIFICATE", "PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY", "X");
        Arbitrary<String> mangled = Arbitraries.of(POOL)
                .map(Pem::encode)
                .flatMap(pem -> Arbitraries.integers()
                        .between(0, pem.length() - 1)
                        .map(cut -> pem.substring(0, cut) + "A" + pem.substring(cut + 1)));
        return Arbitraries.oneOf(
                body,
                label.flatMap(l -> body.map(b -> "-----BEGIN " + l + "-----\n" + b + "\n-----END " + l + "-----\n")),
                mangled);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void privateKeysRoundTripAsPkcs8AndStillSign(KeyType type) throws Exception {
        IssuedCertificate issued = Fixtures.Ec.INTERMEDIATE.issueClient("key-" + type, type);
        String pem = issued.privateKeyPem();
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n").endsWith("-----END PRIVATE KEY-----\n");
        PrivateKey back = Pem.readPrivateKey(pem);
        assertThat(back.getEncoded()).isEqualTo(issued.privateKey().getEncoded());
        // The key read back signs what the certificate's public key verifies.
        String alg = type.signatureAlgorithm();
        Signature s = Signature.getInstance(alg);
        s.initSign(back);
        s.update(new byte[] {1, 2, 3});
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(issued.certificate().getPublicKey());
        v.update(new byte[] {1, 2, 3});
        assertThat(v.verify(sig)).isTrue();
    }

    @Test
    void linesAreAtMost64Characters() {
        for (String line : Pem.encode(POOL.get(3)).lines().toList()) {
            assertThat(line.length()).isLessThanOrEqualTo(64);
        }
    }

    @Test
    void clearErrors() {
        assertThatThrownBy(() -> Pem.readCertificates("hello"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("no CERTIFICATE");
        assertThatThrownBy(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\nAAAA\n"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("no END");
        assertThatThrownBy(() -> Pem.readCertificates("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("base64");
        assertThatThrownBy(() ->
                        Pem.readCertificates("-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> Pem.readPrivateKey(
                        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("encrypted");
        assertThatThrownBy(() -> Pem.readPrivateKey(Pem.encode(POOL.get(0))))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("no PRIVATE KEY");
        assertThatThrownBy(() -> Pem.readCertificates(Path.of("/nonexistent/strata.pem")))
                .isInstanceOf(PemException.class)
                .hasMessageContaining("cannot read");
    }

    @Test
    void privateKeyFilesAreOwnerOnly(@TempDir Path dir) throws Exception {
        Path key = dir.resolve("k.key");
        Files.writeString(key, "old and world readable");
        Pem.writePrivateKey(key, Fixtures.Ec.ROOT.privateKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                .isEqualTo("rw-------");
        assertThat(Pem.readPrivateKey(key).getEncoded())
                .isEqualTo(Fixtures.Ec.ROOT.privateKey().getEncoded());
    }

    @Property(tries = 20)
    void certificateFileRoundTrip(@ForAll @IntRange(min = 1, max = 5) int n) throws Exception {
        Path dir = Files.createTempDirectory("pem");
        try {
            Path f = dir.resolve("bundle.pem");
            List<X509Certificate> certs = POOL.subList(0, n);
            Pem.writeCertificates(f, certs);
            assertThat(Pem.readCertificates(f)).containsExactlyElementsOf(certs);
        } finally {
            try (var s = Files.list(dir)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(dir);
        }
    }
}
