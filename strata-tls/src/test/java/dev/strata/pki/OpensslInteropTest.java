package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * OpenSSL as a referee: it accepts Strata's chains and shows the fields Strata set; it rejects the same broken
 * chains Strata rejects; and Strata verifies (or rejects, for the right reason) chains made by OpenSSL's commands.
 */
class OpensslInteropTest {

    private static final String HOST = "www.example.test";
    private static final String AT = Long.toString(Fixtures.NOW.getEpochSecond());

    @BeforeAll
    static void needsOpenssl() {
        assumeTrue(ExternalTool.available("openssl"), "openssl is not installed (./run-tests installs it)");
    }

    private static void write(Path file, List<X509Certificate> certs) throws Exception {
        Files.writeString(file, Pem.encodeCertificates(certs), StandardCharsets.US_ASCII);
    }

    /** Writes root.pem, untrusted.pem (if any) and leaf.pem, runs {@code openssl verify} with {@code flags}. */
    private static ExternalTool.Run opensslVerify(
            Path dir, X509Certificate root, List<X509Certificate> chain, String... flags) throws Exception {
        write(dir.resolve("root.pem"), List.of(root));
        write(dir.resolve("leaf.pem"), List.of(chain.getFirst()));
        List<String> cmd = new ArrayList<>(List.of("openssl", "verify", "-x509_strict", "-attime", AT));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("-CAfile", "root.pem"));
        if (chain.size() > 1) {
            write(dir.resolve("untrusted.pem"), chain.subList(1, chain.size()));
            cmd.addAll(List.of("-untrusted", "untrusted.pem"));
        }
        cmd.add("leaf.pem");
        return ExternalTool.run(dir, cmd);
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void opensslVerifiesStrataServerAndClientChains(KeyType type, @TempDir Path dir) throws Exception {
        CertificateAuthority root = Fixtures.root("Interop Root " + type, type);
        CertificateAuthority inter = root.createIntermediate("Interop Intermediate " + type, type);
        IssuedCertificate server = inter.issueServer(List.of(HOST, "192.0.2.10", "2001:db8::10"), type);
        IssuedCertificate client = inter.issueClient("alice", type);

        ExternalTool.Run r = opensslVerify(
                dir, root.certificate(), server.chain(), "-purpose", "sslserver", "-verify_hostname", HOST);
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.output()).contains("leaf.pem: OK");
        r = opensslVerify(
                dir, root.certificate(), server.chain(), "-purpose", "sslserver", "-verify_ip", "2001:db8::10");
        assertThat(r.exit()).as(r.toString()).isZero();
        r = opensslVerify(dir, root.certificate(), client.chain(), "-purpose", "sslclient");
        assertThat(r.exit()).as(r.toString()).isZero();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void opensslTextShowsTheFieldsStrataSet(KeyType type, @TempDir Path dir) throws Exception {
        CertificateAuthority root = Fixtures.root("Text Root " + type, type);
        CertificateAuthority inter = root.createIntermediate("Text Intermediate " + type, type);
        IssuedCertificate server = inter.issueServer(List.of(HOST, "192.0.2.10", "2001:db8::10"), type);
        write(dir.resolve("leaf.pem"), List.of(server.certificate()));
        write(dir.resolve("inter.pem"), List.of(inter.certificate()));

        String leaf = ExternalTool.ok(dir, "openssl", "x509", "-in", "leaf.pem", "-noout", "-text");
        assertThat(leaf)
                .contains("Version: 3 (0x2)")
                .contains("Subject: CN = " + HOST)
                .contains("Issuer: CN = Text Intermediate " + type)
                .contains("DNS:" + HOST + ", IP Address:192.0.2.10, IP Address:2001:DB8:0:0:0:0:0:10")
                .contains("X509v3 Extended Key Usage: \n                TLS Web Server Authentication")
                .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
                .contains("X509v3 Key Usage: critical\n                Digital Signature")
                .contains("X509v3 Subject Key Identifier")
                .contains("X509v3 Authority Key Identifier")
                .contains("Not Before: Dec 31 23:00:00 2024 GMT")
                .contains("Not After : Jan  1 00:00:00 2026 GMT");
        String expectedAlgorithm = switch (type) {
            case EC_P256 -> "ecdsa-with-SHA256";
            case RSA_2048, RSA_3072 -> "sha256WithRSAEncryption";
            case ED25519 -> "ED25519";
        };
        assertThat(leaf).contains("Signature Algorithm: " + expectedAlgorithm);
        String serialHex = server.certificate().getSerialNumber().toString(16);
        String shown = ExternalTool.ok(dir, "openssl", "x509", "-in", "leaf.pem", "-noout", "-serial");
        assertThat(shown.strip().toLowerCase())
                .isEqualTo("serial=" + (serialHex.length() % 2 == 1 ? "0" : "") + serialHex);

        String ca = ExternalTool.ok(dir, "openssl", "x509", "-in", "inter.pem", "-noout", "-text");
        assertThat(ca)
                .contains("X509v3 Basic Constraints: critical\n                CA:TRUE, pathlen:0")
                .contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign");
    }

    /** A broken chain, the reason Strata must give, and the error OpenSSL prints for it. */
    record Broken(
            String name,
            List<X509Certificate> chain,
            X509Certificate root,
            String host,
            Purpose purpose,
            FailureReason reason,
            String opensslError) {}

    private static List<Broken> brokenChains() throws Exception {
        CertificateAuthority root = Fixtures.Ec.ROOT;
        CertificateAuthority inter = Fixtures.Ec.INTERMEDIATE;
        X509Certificate r = root.certificate();
        Validity year = Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365));
        List<Broken> out = new ArrayList<>();

        IssuedCertificate good = inter.issueServer(List.of(HOST), KeyType.EC_P256);
        out.add(new Broken(
                "expired",
                inter.issueServer(
                                List.of(HOST),
                                KeyType.EC_P256,
                                Fixtures.validity(Instant.parse("2025-01-02T00:00:00Z"), Duration.ofDays(30)))
                        .chain(),
                r,
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.EXPIRED,
                "certificate has expired"));
        out.add(new Broken(
                "not yet valid",
                inter.issueServer(
                                List.of(HOST),
                                KeyType.EC_P256,
                                Fixtures.validity(Instant.parse("2025-07-01T00:00:00Z"), Duration.ofDays(30)))
                        .chain(),
                r,
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.NOT_YET_VALID,
                "certificate is not yet valid"));
        out.add(new Broken(
                "wrong host",
                good.chain(),
                r,
                "other.example.test",
                Purpose.SERVER_AUTH,
                FailureReason.HOSTNAME_MISMATCH,
                "hostname mismatch"));
        out.add(new Broken(
                "unknown CA",
                good.chain(),
                Fixtures.root("Stranger", KeyType.EC_P256).certificate(),
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.UNKNOWN_CA,
                "unable to get local issuer certificate"));

        byte[] tampered = good.certificate().getEncoded();
        int at = ChainVerifierTest.indexOf(tampered, HOST.getBytes(StandardCharsets.US_ASCII), 0);
        tampered[at] = 'X';
        X509Certificate bad = Der.decodeCertificate(tampered);
        out.add(new Broken(
                "bad signature",
                List.of(bad, inter.certificate()),
                r,
                null,
                Purpose.SERVER_AUTH,
                FailureReason.BAD_SIGNATURE,
                "certificate signature failure"));

        KeyPair k = KeyType.EC_P256.generate(Fixtures.seeded(21));
        CertificateTemplate clientOnly = CertificateTemplate.tlsServer(
                        CertificateAuthority.cn(HOST), k.getPublic(), year, List.of(SubjectAltName.dns(HOST)))
                .withExtendedKeyUsage(EnumSet.of(Purpose.CLIENT_AUTH));
        out.add(new Broken(
                "wrong EKU",
                inter.issue(clientOnly, k).chain(),
                r,
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.EXTENDED_KEY_USAGE,
                "unsuitable certificate purpose"));

        KeyPair ck = KeyType.EC_P256.generate(Fixtures.seeded(22));
        IssuedCertificate notCa = root.issue(
                CertificateTemplate.certificateAuthority(
                                CertificateAuthority.cn("Pretend CA"), ck.getPublic(), year, OptionalInt.empty())
                        .withBasicConstraints(false, OptionalInt.empty()),
                ck);
        IssuedCertificate underNotCa = CertificateAuthority.load(
                        notCa.certificate(), ck.getPrivate(), List.of(r), Fixtures.seeded(23), Fixtures.CLOCK)
                .issueServer(List.of(HOST), KeyType.EC_P256);
        out.add(new Broken(
                "not a CA",
                underNotCa.chain(),
                r,
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.NOT_A_CA,
                "invalid CA certificate"));

        IssuedCertificate tooDeep =
                inter.createIntermediate("Too Deep", KeyType.EC_P256).issueServer(List.of(HOST), KeyType.EC_P256);
        out.add(new Broken(
                "path length",
                tooDeep.chain(),
                r,
                HOST,
                Purpose.SERVER_AUTH,
                FailureReason.PATH_LENGTH_EXCEEDED,
                "path length constraint exceeded"));

        KeyPair wk = KeyType.EC_P256.generate(Fixtures.seeded(24));
        CertificateTemplate wildcardCom = CertificateTemplate.tlsServer(
                CertificateAuthority.cn("wild"), wk.getPublic(), year, List.of(SubjectAltName.dns("*.example.test")));
        out.add(new Broken(
                "wildcard two labels deep",
                inter.issue(wildcardCom, wk).chain(),
                r,
                "a.b.example.test",
                Purpose.SERVER_AUTH,
                FailureReason.HOSTNAME_MISMATCH,
                "hostname mismatch"));
        return out;
    }

    @Test
    void opensslRejectsWhatStrataRejectsForTheSameReason(@TempDir Path dir) throws Exception {
        List<String> table = new ArrayList<>();
        for (Broken b : brokenChains()) {
            VerificationResult ours =
                    ChainVerifier.verify(b.chain(), TrustAnchors.of(b.root()), Fixtures.NOW, b.purpose(), b.host());
            assertThat(ours)
                    .as(b.name())
                    .isInstanceOfSatisfying(
                            VerificationResult.Invalid.class,
                            i -> assertThat(i.reason()).as(b.name()).isEqualTo(b.reason()));
            List<String> flags = new ArrayList<>(List.of("-purpose", "sslserver"));
            if (b.host() != null) {
                flags.addAll(List.of("-verify_hostname", b.host()));
            }
            ExternalTool.Run theirs = opensslVerify(dir, b.root(), b.chain(), flags.toArray(String[]::new));
            assertThat(theirs.exit()).as(b.name() + ": " + theirs).isNotZero();
            assertThat(theirs.output()).as(b.name()).contains(b.opensslError());
            table.add(String.format("%-26s strata=%-22s openssl=%s", b.name(), b.reason(), b.opensslError()));
        }
        System.out.println(String.join("\n", table));
    }

    // ---- the reverse: chains made by OpenSSL's own commands ----

    private static final String CONFIG = """
            [req]
            distinguished_name = dn
            prompt = no
            [dn]
            CN = placeholder
            [v3_root]
            basicConstraints = critical,CA:TRUE
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [v3_inter]
            basicConstraints = critical,CA:TRUE,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [v3_constrained]
            basicConstraints = critical,CA:TRUE,pathlen:0
            keyUsage = critical,keyCertSign,cRLSign
            nameConstraints = critical,permitted;DNS:example.test,permitted;IP:198.51.100.0/255.255.255.0
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [v3_leaf]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:openssl.example.test,IP:198.51.100.7
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid:always
            [v3_leaf_outside]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:openssl.example.org
            [v3_leaf_unknown_critical]
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:openssl.example.test
            1.3.6.1.4.1.55555.1 = critical,ASN1:NULL
            [ca]
            default_ca = CA_default
            [CA_default]
            database = index.txt
            new_certs_dir = .
            serial = serial.txt
            default_md = sha256
            policy = policy_any
            unique_subject = no
            copy_extensions = none
            [policy_any]
            commonName = supplied
            """;

    /** An OpenSSL-made root (P-256), intermediate (RSA 2048) and key files in {@code dir}. */
    private static void opensslCa(Path dir, String interExtensions) throws Exception {
        Files.writeString(dir.resolve("ext.cnf"), CONFIG);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial.txt"), "01\n");
        ExternalTool.ok(
                dir,
                "openssl",
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-out",
                "root.key");
        ExternalTool.ok(
                dir,
                "openssl",
                "req",
                "-x509",
                "-new",
                "-config",
                "ext.cnf",
                "-extensions",
                "v3_root",
                "-key",
                "root.key",
                "-subj",
                "/CN=OpenSSL Root",
                "-days",
                "30",
                "-sha256",
                "-out",
                "root.pem");
        ExternalTool.ok(
                dir,
                "openssl",
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:2048",
                "-out",
                "inter.key");
        ExternalTool.ok(
                dir,
                "openssl",
                "req",
                "-new",
                "-config",
                "ext.cnf",
                "-key",
                "inter.key",
                "-subj",
                "/CN=OpenSSL Intermediate",
                "-out",
                "inter.csr");
        ExternalTool.ok(
                dir,
                "openssl",
                "x509",
                "-req",
                "-in",
                "inter.csr",
                "-CA",
                "root.pem",
                "-CAkey",
                "root.key",
                "-set_serial",
                "0x5a17a0000001",
                "-days",
                "30",
                "-sha256",
                "-extfile",
                "ext.cnf",
                "-extensions",
                interExtensions,
                "-out",
                "inter.pem");
    }

    /** An OpenSSL-made leaf signed by the intermediate, with extra {@code openssl x509} arguments. */
    private static X509Certificate opensslLeaf(Path dir, String keyAlgorithm, String extensions, String... signing)
            throws Exception {
        List<String> keygen = new ArrayList<>(List.of("openssl", "genpkey", "-out", "leaf.key", "-algorithm"));
        keygen.addAll(
                switch (keyAlgorithm) {
                    case "EC" -> List.of("EC", "-pkeyopt", "ec_paramgen_curve:P-256");
                    case "RSA" -> List.of("RSA", "-pkeyopt", "rsa_keygen_bits:2048");
                    default -> List.of(keyAlgorithm);
                });
        ExternalTool.ok(dir, keygen.toArray(String[]::new));
        ExternalTool.ok(
                dir,
                "openssl",
                "req",
                "-new",
                "-config",
                "ext.cnf",
                "-key",
                "leaf.key",
                "-subj",
                "/CN=openssl.example.test",
                "-out",
                "leaf.csr");
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "x509",
                "-req",
                "-in",
                "leaf.csr",
                "-CA",
                "inter.pem",
                "-CAkey",
                "inter.key",
                "-set_serial",
                "0x5a17a0000002",
                "-days",
                "30",
                "-extfile",
                "ext.cnf",
                "-extensions",
                extensions,
                "-out",
                "leaf.pem"));
        cmd.addAll(List.of(signing));
        ExternalTool.ok(dir, cmd.toArray(String[]::new));
        return Pem.readCertificates(dir.resolve("leaf.pem")).getFirst();
    }

    private static VerificationResult oursNow(Path dir, X509Certificate leaf, String host) throws Exception {
        return oursAt(dir, leaf, host, Instant.now());
    }

    private static VerificationResult oursAt(Path dir, X509Certificate leaf, String host, Instant at) throws Exception {
        X509Certificate inter = Pem.readCertificates(dir.resolve("inter.pem")).getFirst();
        TrustAnchors anchors = TrustAnchors.fromPemFile(dir.resolve("root.pem"));
        return ChainVerifier.verify(List.of(leaf, inter), anchors, at, Purpose.SERVER_AUTH, host);
    }

    @Test
    void strataVerifiesOpensslChainsWithEveryLeafKeyAndRsaPss(@TempDir Path dir) throws Exception {
        opensslCa(dir, "v3_inter");
        for (String alg : List.of("EC", "RSA", "ED25519")) {
            X509Certificate leaf = opensslLeaf(dir, alg, "v3_leaf", "-sha256");
            assertThat(oursNow(dir, leaf, "openssl.example.test")).as(alg).isInstanceOf(VerificationResult.Valid.class);
            assertThat(oursNow(dir, leaf, "198.51.100.7").isValid()).as(alg).isTrue();
            // OpenSSL's leaf key reads back through our PEM reader.
            assertThat(Pem.readPrivateKey(dir.resolve("leaf.key")).getEncoded())
                    .as(alg)
                    .isNotEmpty();
        }
        X509Certificate pss = opensslLeaf(
                dir,
                "ED25519",
                "v3_leaf",
                "-sha256",
                "-sigopt",
                "rsa_padding_mode:pss",
                "-sigopt",
                "rsa_pss_saltlen:32");
        assertThat(pss.getSigAlgName()).isEqualToIgnoringCase("RSASSA-PSS");
        assertThat(oursNow(dir, pss, "openssl.example.test")).isInstanceOf(VerificationResult.Valid.class);
        // The RSA private key OpenSSL wrote reads back through our PEM reader.
        assertThat(Pem.readPrivateKey(dir.resolve("inter.key")).getAlgorithm()).isEqualTo("RSA");
        assertThat(oursNow(dir, pss, "other.example.test"))
                .isInstanceOfSatisfying(
                        VerificationResult.Invalid.class,
                        i -> assertThat(i.reason()).isEqualTo(FailureReason.HOSTNAME_MISMATCH));
    }

    @Test
    void strataRejectsAnOpensslMadeExpiredCertificate(@TempDir Path dir) throws Exception {
        opensslCa(dir, "v3_inter");
        opensslLeaf(dir, "ED25519", "v3_leaf");
        ExternalTool.ok(
                dir,
                "openssl",
                "ca",
                "-batch",
                "-config",
                "ext.cnf",
                "-cert",
                "inter.pem",
                "-keyfile",
                "inter.key",
                "-in",
                "leaf.csr",
                "-out",
                "expired.pem",
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20210101000000Z",
                "-extensions",
                "v3_leaf",
                "-notext");
        X509Certificate expired =
                Pem.readCertificates(dir.resolve("expired.pem")).getFirst();
        VerificationResult r = oursNow(dir, expired, "openssl.example.test");
        assertThat(r).isInstanceOfSatisfying(VerificationResult.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(FailureReason.EXPIRED);
            assertThat(i.detail()).contains("2021-01-01T00:00:00Z");
        });
        // OpenSSL's own verdict on it agrees.
        ExternalTool.Run theirs = ExternalTool.run(
                dir, "openssl", "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "expired.pem");
        assertThat(theirs.output()).contains("certificate has expired");
    }

    @Test
    void weakSignaturesWeakKeysAndUnknownCriticalExtensionsAreRefused(@TempDir Path dir) throws Exception {
        opensslCa(dir, "v3_inter");
        X509Certificate sha1 = opensslLeaf(dir, "ED25519", "v3_leaf", "-sha1");
        assertThat(reasonOf(oursNow(dir, sha1, "openssl.example.test"))).isEqualTo(FailureReason.WEAK_ALGORITHM);

        X509Certificate critical = opensslLeaf(dir, "ED25519", "v3_leaf_unknown_critical", "-sha256");
        VerificationResult r = oursNow(dir, critical, "openssl.example.test");
        assertThat(reasonOf(r)).isEqualTo(FailureReason.UNHANDLED_CRITICAL_EXTENSION);
        assertThat(((VerificationResult.Invalid) r).detail()).contains("1.3.6.1.4.1.55555.1");

        ExternalTool.ok(
                dir,
                "openssl",
                "genpkey",
                "-algorithm",
                "RSA",
                "-pkeyopt",
                "rsa_keygen_bits:1024",
                "-out",
                "small.key");
        ExternalTool.ok(
                dir,
                "openssl",
                "req",
                "-new",
                "-config",
                "ext.cnf",
                "-key",
                "small.key",
                "-subj",
                "/CN=small",
                "-out",
                "small.csr");
        ExternalTool.ok(
                dir,
                "openssl",
                "x509",
                "-req",
                "-in",
                "small.csr",
                "-CA",
                "inter.pem",
                "-CAkey",
                "inter.key",
                "-set_serial",
                "77",
                "-days",
                "30",
                "-sha256",
                "-extfile",
                "ext.cnf",
                "-extensions",
                "v3_leaf",
                "-out",
                "small.pem");
        X509Certificate small = Pem.readCertificates(dir.resolve("small.pem")).getFirst();
        assertThat(reasonOf(oursNow(dir, small, "openssl.example.test"))).isEqualTo(FailureReason.WEAK_KEY);
    }

    @Test
    void nameConstraintsFromAnOpensslIntermediateAreEnforced(@TempDir Path dir) throws Exception {
        opensslCa(dir, "v3_constrained");
        X509Certificate inside = opensslLeaf(dir, "ED25519", "v3_leaf", "-sha256");
        assertThat(oursNow(dir, inside, "openssl.example.test").isValid()).isTrue();
        X509Certificate outside = opensslLeaf(dir, "ED25519", "v3_leaf_outside", "-sha256");
        VerificationResult r = oursNow(dir, outside, "openssl.example.org");
        assertThat(reasonOf(r)).isEqualTo(FailureReason.NAME_CONSTRAINTS);
        ExternalTool.Run theirs = ExternalTool.run(
                dir, "openssl", "verify", "-CAfile", "root.pem", "-untrusted", "inter.pem", "leaf.pem");
        assertThat(theirs.output()).contains("permitted subtree violation");
    }

    @Test
    void legacyOpensslKeyFormatsRead(@TempDir Path dir) throws Exception {
        ExternalTool.ok(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "sec1.key");
        ExternalTool.ok(dir, "openssl", "genrsa", "-traditional", "-out", "pkcs1.key", "2048");
        assertThat(Files.readString(dir.resolve("sec1.key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("pkcs1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Pem.readPrivateKey(dir.resolve("sec1.key")).getAlgorithm()).isEqualTo("EC");
        assertThat(Pem.readPrivateKey(dir.resolve("pkcs1.key")).getAlgorithm()).isEqualTo("RSA");
        // And OpenSSL reads the PKCS#8 keys Strata writes.
        for (KeyType t : KeyType.values()) {
            Path f = dir.resolve(t.cliName() + ".key");
            Pem.writePrivateKey(f, Fixtures.Ec.INTERMEDIATE.issueClient("k", t).privateKey());
            assertThat(ExternalTool.run(
                                    dir,
                                    "openssl",
                                    "pkey",
                                    "-in",
                                    f.getFileName().toString(),
                                    "-noout")
                            .exit())
                    .as(t.toString())
                    .isZero();
        }
    }

    private static FailureReason reasonOf(VerificationResult r) {
        assertThat(r).isInstanceOf(VerificationResult.Invalid.class);
        return ((VerificationResult.Invalid) r).reason();
    }
}
