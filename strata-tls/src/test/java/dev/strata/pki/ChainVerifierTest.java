package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each way a chain can be wrong gives its own named reason; the fixed instant {@link Fixtures#NOW} is used. */
class ChainVerifierTest {

    private static final CertificateAuthority ROOT = Fixtures.Ec.ROOT;
    private static final CertificateAuthority INTER = Fixtures.Ec.INTERMEDIATE;
    private static final TrustAnchors ANCHORS = ROOT.trustAnchors();
    private static final String HOST = "leaf.example.test";

    private static IssuedCertificate server() {
        return INTER.issueServer(List.of(HOST), KeyType.EC_P256);
    }

    private static FailureReason reason(VerificationResult r) {
        assertThat(r).isInstanceOf(VerificationResult.Invalid.class);
        return ((VerificationResult.Invalid) r).reason();
    }

    private static String detail(VerificationResult r) {
        return ((VerificationResult.Invalid) r).detail();
    }

    @Test
    void validChainReturnsThePathLeafToAnchor() {
        IssuedCertificate s = server();
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(r).isInstanceOfSatisfying(VerificationResult.Valid.class, v -> {
            assertThat(v.leaf()).isEqualTo(s.certificate());
            assertThat(v.anchor()).isEqualTo(ROOT.certificate());
            assertThat(v.path()).hasSize(3);
        });
    }

    @Test
    void presentedOrderDuplicatesAndTheRootItselfDoNotMatter() {
        IssuedCertificate s = server();
        List<X509Certificate> messy =
                List.of(s.certificate(), ROOT.certificate(), INTER.certificate(), s.certificate(), INTER.certificate());
        assertThat(Fixtures.verifyServer(messy, ANCHORS, HOST).isValid()).isTrue();
    }

    @Test
    void anIntermediateCanBeTheTrustAnchor() {
        IssuedCertificate s = server();
        VerificationResult r =
                Fixtures.verifyServer(List.of(s.certificate()), TrustAnchors.of(INTER.certificate()), HOST);
        assertThat(r)
                .isInstanceOfSatisfying(
                        VerificationResult.Valid.class,
                        v -> assertThat(v.path()).containsExactly(s.certificate(), INTER.certificate()));
    }

    @Test
    void pathBuildingBacktracksPastAnExpiredReissueOfTheIntermediate() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(30));
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                CertificateAuthority.cn("Reissued Intermediate"),
                keys.getPublic(),
                Fixtures.validity(Instant.parse("2024-01-01T00:00:00Z"), Duration.ofDays(30)),
                OptionalInt.of(0));
        X509Certificate expired = ROOT.issue(t, keys).certificate();
        X509Certificate current = ROOT.issue(
                        t.withValidity(Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365))), keys)
                .certificate();
        CertificateAuthority ca = CertificateAuthority.load(
                current, keys.getPrivate(), List.of(ROOT.certificate()), Fixtures.seeded(31), Fixtures.CLOCK);
        X509Certificate leaf = ca.issueServer(List.of(HOST), KeyType.EC_P256).certificate();
        // The expired copy comes first; the verifier must not stop at it.
        VerificationResult r = Fixtures.verifyServer(List.of(leaf, expired, current), ANCHORS, HOST);
        assertThat(r)
                .isInstanceOfSatisfying(
                        VerificationResult.Valid.class,
                        v -> assertThat(v.path()).containsExactly(leaf, current, ROOT.certificate()));
        // With only the expired copy, the failure is the expiry, not an unknown CA.
        assertThat(reason(Fixtures.verifyServer(List.of(leaf, expired), ANCHORS, HOST)))
                .isEqualTo(FailureReason.EXPIRED);
    }

    @Test
    void expiredLeaf() {
        Validity past = Fixtures.validity(Instant.parse("2025-01-02T00:00:00Z"), Duration.ofDays(30));
        IssuedCertificate s = INTER.issueServer(List.of(HOST), KeyType.EC_P256, past);
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.EXPIRED);
        assertThat(detail(r)).contains("depth 0", "2025-02-01T00:00:00Z");
        assertThat(reason(r).tlsAlert()).isEqualTo(45);
    }

    @Test
    void validityEndsAreInclusive() {
        Validity v = new Validity(Instant.parse("2025-03-01T00:00:00Z"), Instant.parse("2025-04-01T00:00:00Z"));
        IssuedCertificate s = INTER.issueServer(List.of(HOST), KeyType.EC_P256, v);
        TrustAnchors a = ANCHORS;
        assertThat(ChainVerifier.verify(s.chain(), a, v.notBefore(), Purpose.SERVER_AUTH, HOST)
                        .isValid())
                .isTrue();
        assertThat(ChainVerifier.verify(s.chain(), a, v.notAfter(), Purpose.SERVER_AUTH, HOST)
                        .isValid())
                .isTrue();
        assertThat(reason(ChainVerifier.verify(s.chain(), a, v.notAfter().plusSeconds(1), Purpose.SERVER_AUTH, HOST)))
                .isEqualTo(FailureReason.EXPIRED);
        assertThat(reason(ChainVerifier.verify(s.chain(), a, v.notBefore().minusSeconds(1), Purpose.SERVER_AUTH, HOST)))
                .isEqualTo(FailureReason.NOT_YET_VALID);
    }

    @Test
    void notYetValidLeaf() {
        Validity future = Fixtures.validity(Instant.parse("2025-07-01T00:00:00Z"), Duration.ofDays(30));
        IssuedCertificate s = INTER.issueServer(List.of(HOST), KeyType.EC_P256, future);
        assertThat(reason(Fixtures.verifyServer(s.chain(), ANCHORS, HOST))).isEqualTo(FailureReason.NOT_YET_VALID);
    }

    @Test
    void expiredIntermediateAndExpiredRoot() {
        IssuedCertificate s = server();
        Instant afterIntermediate =
                INTER.certificate().getNotAfter().toInstant().plusSeconds(1);
        VerificationResult r = ChainVerifier.verify(s.chain(), ANCHORS, afterIntermediate, Purpose.SERVER_AUTH, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.EXPIRED);
        Instant afterRoot = ROOT.certificate().getNotAfter().toInstant().plusSeconds(1);
        r = ChainVerifier.verify(s.chain(), ANCHORS, afterRoot, Purpose.SERVER_AUTH, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.EXPIRED);
        assertThat(detail(r)).contains("trust anchor");
    }

    @Test
    void wrongHostName() {
        VerificationResult r = Fixtures.verifyServer(server().chain(), ANCHORS, "other.example.test");
        assertThat(reason(r)).isEqualTo(FailureReason.HOSTNAME_MISMATCH);
        assertThat(detail(r)).contains("other.example.test", HOST);
    }

    @Test
    void unknownCa() {
        CertificateAuthority stranger = Fixtures.root("Stranger Root", KeyType.EC_P256);
        VerificationResult r = Fixtures.verifyServer(server().chain(), stranger.trustAnchors(), HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.UNKNOWN_CA);
        assertThat(detail(r)).contains("CN=Test Root");
        assertThat(reason(r).tlsAlert()).isEqualTo(48);
    }

    @Test
    void missingIntermediateIsUnknownCa() {
        VerificationResult r = Fixtures.verifyServer(List.of(server().certificate()), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.UNKNOWN_CA);
        assertThat(detail(r)).contains("CN=Test Intermediate");
    }

    @Test
    void selfSignedLeafIsUnknownCaUnlessTrustedDirectly() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(3));
        CertificateTemplate t = CertificateTemplate.tlsServer(
                CertificateAuthority.cn(HOST),
                keys.getPublic(),
                Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                List.of(SubjectAltName.dns(HOST)));
        X509Certificate self = CertificateSigner.selfSign(t, keys.getPrivate(), Fixtures.seeded(4));
        VerificationResult r = Fixtures.verifyServer(List.of(self), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.UNKNOWN_CA);
        assertThat(detail(r)).contains("self-signed");
        assertThat(Fixtures.verifyServer(List.of(self), TrustAnchors.of(self), HOST)
                        .isValid())
                .isTrue();
    }

    @Test
    void impostorChainWithTheRightNamesButOtherKeys() {
        CertificateAuthority impostorRoot =
                CertificateAuthority.createRoot("Test Root", KeyType.EC_P256, Fixtures.seeded(99), Fixtures.CLOCK);
        assertThat(impostorRoot.certificate().getPublicKey())
                .isNotEqualTo(ROOT.certificate().getPublicKey());
        IssuedCertificate s = impostorRoot
                .createIntermediate("Test Intermediate", KeyType.EC_P256)
                .issueServer(List.of(HOST), KeyType.EC_P256);
        // The intermediate's authority key identifier names the impostor root's key: no path to the real root.
        assertThat(reason(Fixtures.verifyServer(s.chain(), ANCHORS, HOST))).isEqualTo(FailureReason.UNKNOWN_CA);
    }

    @Test
    void tamperedTbsBytesGiveBadSignature() throws Exception {
        IssuedCertificate s = server();
        byte[] der = s.certificate().getEncoded();
        byte[] name = HOST.getBytes(StandardCharsets.US_ASCII);
        int at = indexOf(der, name, 0);
        assertThat(at).isPositive();
        der[at] = 'X'; // CN=Xeaf.example.test: still well-formed DER, no longer what the CA signed
        VerificationResult r = ChainVerifier.verifyDer(
                List.of(der, INTER.certificate().getEncoded()), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.BAD_SIGNATURE);
        assertThat(detail(r)).contains("depth 0");
    }

    @Test
    void tamperedIntermediateGivesBadSignatureAtDepthOne() throws Exception {
        IssuedCertificate s = server();
        byte[] der = INTER.certificate().getEncoded();
        byte[] serial = INTER.certificate().getSerialNumber().toByteArray();
        int at = indexOf(der, serial, 0);
        assertThat(at).isPositive();
        der[at + serial.length - 1] ^= 0x01; // another serial number: the root never signed this
        VerificationResult r = ChainVerifier.verifyDer(
                List.of(s.certificate().getEncoded(), der), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.BAD_SIGNATURE);
        assertThat(detail(r)).contains("depth 1", "Test Intermediate");
    }

    @Test
    void wrongExtendedKeyUsage() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(5));
        CertificateTemplate t = CertificateTemplate.tlsServer(
                        CertificateAuthority.cn(HOST),
                        keys.getPublic(),
                        Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                        List.of(SubjectAltName.dns(HOST)))
                .withExtendedKeyUsage(EnumSet.of(Purpose.CLIENT_AUTH));
        IssuedCertificate s = INTER.issue(t, keys);
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.EXTENDED_KEY_USAGE);
        assertThat(detail(r)).contains("serverAuth");
        // anyExtendedKeyUsage allows every purpose; no extension at all restricts nothing.
        IssuedCertificate any = INTER.issue(t.withExtendedKeyUsage(EnumSet.of(Purpose.ANY)), keys);
        assertThat(Fixtures.verifyServer(any.chain(), ANCHORS, HOST).isValid()).isTrue();
        IssuedCertificate none = INTER.issue(t.withExtendedKeyUsage(Set.of()), keys);
        assertThat(Fixtures.verifyServer(none.chain(), ANCHORS, HOST).isValid()).isTrue();
        // Purpose.ANY skips the check.
        assertThat(ChainVerifier.verify(s.chain(), ANCHORS, Fixtures.NOW, Purpose.ANY, HOST)
                        .isValid())
                .isTrue();
    }

    @Test
    void intermediateWhoseExtendedKeyUsageExcludesThePurpose() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(6));
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                        CertificateAuthority.cn("Client-only CA"),
                        keys.getPublic(),
                        Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                        OptionalInt.of(0))
                .withExtendedKeyUsage(EnumSet.of(Purpose.CLIENT_AUTH));
        IssuedCertificate caCert = ROOT.issue(t, keys);
        CertificateAuthority clientOnly = CertificateAuthority.load(
                caCert.certificate(),
                keys.getPrivate(),
                List.of(ROOT.certificate()),
                Fixtures.seeded(7),
                Fixtures.CLOCK);
        IssuedCertificate s = clientOnly.issueServer(List.of(HOST), KeyType.EC_P256);
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.EXTENDED_KEY_USAGE);
        assertThat(detail(r)).contains("depth 1");
    }

    @Test
    void notACaInTheMiddle() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(8));
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                        CertificateAuthority.cn("Pretend CA"),
                        keys.getPublic(),
                        Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                        OptionalInt.empty())
                .withBasicConstraints(false, OptionalInt.empty());
        IssuedCertificate notCa = ROOT.issue(t, keys);
        CertificateAuthority pretend = CertificateAuthority.load(
                notCa.certificate(),
                keys.getPrivate(),
                List.of(ROOT.certificate()),
                Fixtures.seeded(9),
                Fixtures.CLOCK);
        IssuedCertificate s = pretend.issueServer(List.of(HOST), KeyType.EC_P256);
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.NOT_A_CA);
        assertThat(detail(r)).contains("depth 1", "Pretend CA");
        // A server certificate used to sign another: also not a CA.
        IssuedCertificate leaf = server();
        CertificateAuthority leafAsCa = CertificateAuthority.load(
                leaf.certificate(),
                leaf.privateKey(),
                List.of(INTER.certificate(), ROOT.certificate()),
                Fixtures.seeded(10),
                Fixtures.CLOCK);
        IssuedCertificate below = leafAsCa.issueServer(List.of("evil.example.test"), KeyType.EC_P256);
        assertThat(reason(Fixtures.verifyServer(below.chain(), ANCHORS, "evil.example.test")))
                .isEqualTo(FailureReason.NOT_A_CA);
    }

    @Test
    void pathLengthExceeded() {
        // The intermediate has pathLenConstraint 0; a CA below it may not issue.
        CertificateAuthority sub = INTER.createIntermediate("Sub Intermediate", KeyType.EC_P256);
        IssuedCertificate s = sub.issueServer(List.of(HOST), KeyType.EC_P256);
        VerificationResult r = Fixtures.verifyServer(s.chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.PATH_LENGTH_EXCEEDED);
        assertThat(detail(r)).contains("depth 1", "Sub Intermediate");
        // Allowed when the intermediate has no limit.
        CertificateAuthority open = ROOT.createIntermediate(
                CertificateAuthority.cn("Open Intermediate"), KeyType.EC_P256, OptionalInt.empty());
        IssuedCertificate ok =
                open.createIntermediate("Sub of Open", KeyType.EC_P256).issueServer(List.of(HOST), KeyType.EC_P256);
        assertThat(Fixtures.verifyServer(ok.chain(), ANCHORS, HOST).isValid()).isTrue();
    }

    @Test
    void rootPathLengthZeroForbidsIntermediates() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(11));
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                CertificateAuthority.cn("Tight Root"),
                keys.getPublic(),
                Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                OptionalInt.of(0));
        X509Certificate rootCert = CertificateSigner.selfSign(t, keys.getPrivate(), Fixtures.seeded(12));
        CertificateAuthority tight =
                CertificateAuthority.load(rootCert, keys.getPrivate(), List.of(), Fixtures.seeded(13), Fixtures.CLOCK);
        TrustAnchors anchors = TrustAnchors.of(rootCert);
        assertThat(Fixtures.verifyServer(
                                tight.issueServer(List.of(HOST), KeyType.EC_P256)
                                        .chain(),
                                anchors,
                                HOST)
                        .isValid())
                .isTrue();
        IssuedCertificate viaInter =
                tight.createIntermediate("Under Tight", KeyType.EC_P256).issueServer(List.of(HOST), KeyType.EC_P256);
        assertThat(reason(Fixtures.verifyServer(viaInter.chain(), anchors, HOST)))
                .isEqualTo(FailureReason.PATH_LENGTH_EXCEEDED);
    }

    @Test
    void issuerWithoutKeyCertSign() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(14));
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                        CertificateAuthority.cn("No CertSign CA"),
                        keys.getPublic(),
                        Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                        OptionalInt.empty())
                .withKeyUsage(EnumSet.of(KeyUsage.CRL_SIGN, KeyUsage.DIGITAL_SIGNATURE));
        IssuedCertificate caCert = ROOT.issue(t, keys);
        CertificateAuthority ca = CertificateAuthority.load(
                caCert.certificate(),
                keys.getPrivate(),
                List.of(ROOT.certificate()),
                Fixtures.seeded(15),
                Fixtures.CLOCK);
        VerificationResult r = Fixtures.verifyServer(
                ca.issueServer(List.of(HOST), KeyType.EC_P256).chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.KEY_USAGE);
        assertThat(detail(r)).contains("keyCertSign");
    }

    @Test
    void leafWithoutDigitalSignature() {
        KeyPair keys = KeyType.RSA_2048.generate(Fixtures.seeded(16));
        CertificateTemplate t = CertificateTemplate.tlsServer(
                        CertificateAuthority.cn(HOST),
                        keys.getPublic(),
                        Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                        List.of(SubjectAltName.dns(HOST)))
                .withKeyUsage(EnumSet.of(KeyUsage.KEY_ENCIPHERMENT));
        VerificationResult r = Fixtures.verifyServer(INTER.issue(t, keys).chain(), ANCHORS, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.KEY_USAGE);
        assertThat(detail(r)).contains("digitalSignature");
    }

    @Test
    void wildcardCertificate() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(17));
        CertificateTemplate t = CertificateTemplate.tlsServer(
                CertificateAuthority.cn("*.example.test"),
                keys.getPublic(),
                Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                List.of(SubjectAltName.dns("*.example.test")));
        List<X509Certificate> chain = INTER.issue(t, keys).chain();
        assertThat(Fixtures.verifyServer(chain, ANCHORS, "www.example.test").isValid())
                .isTrue();
        assertThat(Fixtures.verifyServer(chain, ANCHORS, "API.Example.Test").isValid())
                .isTrue();
        for (String bad : List.of("example.test", "a.b.example.test", "www.example.test.evil", ".example.test")) {
            assertThat(reason(Fixtures.verifyServer(chain, ANCHORS, bad)))
                    .as(bad)
                    .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
        }
    }

    @Test
    void ipAddressesMatchOnlyIpSans() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(18));
        // A dNSName that spells an address must not match that address.
        CertificateTemplate t = CertificateTemplate.tlsServer(
                CertificateAuthority.cn("192.0.2.1"),
                keys.getPublic(),
                Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                List.of(SubjectAltName.dns("host.example.test"), SubjectAltName.ip("192.0.2.2")));
        List<X509Certificate> chain = INTER.issue(t, keys).chain();
        assertThat(Fixtures.verifyServer(chain, ANCHORS, "192.0.2.2").isValid()).isTrue();
        assertThat(reason(Fixtures.verifyServer(chain, ANCHORS, "192.0.2.1")))
                .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
        assertThat(reason(Fixtures.verifyServer(chain, ANCHORS, "::ffff:192.0.2.2")))
                .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
    }

    @Test
    void commonNameIsIgnoredWhenSansExist() {
        KeyPair keys = KeyType.EC_P256.generate(Fixtures.seeded(19));
        CertificateTemplate t = CertificateTemplate.tlsServer(
                CertificateAuthority.cn("cn-only.example.test"),
                keys.getPublic(),
                Fixtures.validity(Fixtures.CREATED, Duration.ofDays(365)),
                List.of(SubjectAltName.dns("san.example.test")));
        List<X509Certificate> chain = INTER.issue(t, keys).chain();
        assertThat(reason(Fixtures.verifyServer(chain, ANCHORS, "cn-only.example.test")))
                .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
        // Without any subjectAltName extension, the CN is the fallback (RFC 6125 §6.4.4).
        List<X509Certificate> noSan =
                INTER.issue(t.withSubjectAltNames(List.of()), keys).chain();
        assertThat(Fixtures.verifyServer(noSan, ANCHORS, "cn-only.example.test").isValid())
                .isTrue();
        assertThat(reason(Fixtures.verifyServer(noSan, ANCHORS, "192.0.2.1")))
                .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
    }

    @Test
    void malformedInputs() throws Exception {
        assertThat(reason(ChainVerifier.verify(List.of(), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST)))
                .isEqualTo(FailureReason.MALFORMED);
        assertThat(reason(ChainVerifier.verifyDer(
                        List.of(new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}),
                        ANCHORS,
                        Fixtures.NOW,
                        Purpose.SERVER_AUTH,
                        HOST)))
                .isEqualTo(FailureReason.MALFORMED);
        assertThat(reason(ChainVerifier.verifyDer(
                        List.of(new byte[0]), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST)))
                .isEqualTo(FailureReason.MALFORMED);
        assertThat(reason(ChainVerifier.verifyDer(
                        java.util.Arrays.asList((byte[]) null), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST)))
                .isEqualTo(FailureReason.MALFORMED);
        assertThat(reason(ChainVerifier.verify(
                        java.util.Arrays.asList((X509Certificate) null),
                        ANCHORS,
                        Fixtures.NOW,
                        Purpose.SERVER_AUTH,
                        HOST)))
                .isEqualTo(FailureReason.MALFORMED);
        IssuedCertificate s = server();
        byte[] der = s.certificate().getEncoded();
        byte[] trailing = java.util.Arrays.copyOf(der, der.length + 1);
        VerificationResult r =
                ChainVerifier.verifyDer(List.of(trailing), ANCHORS, Fixtures.NOW, Purpose.SERVER_AUTH, HOST);
        assertThat(reason(r)).isEqualTo(FailureReason.MALFORMED);
        assertThat(detail(r)).contains("trailing");
        List<X509Certificate> tooMany = java.util.Collections.nCopies(ChainVerifier.MAX_PRESENTED + 1, s.certificate());
        assertThat(reason(Fixtures.verifyServer(tooMany, ANCHORS, HOST))).isEqualTo(FailureReason.MALFORMED);
    }

    @Test
    void aSignatureBitStringWithUnusedBitsIsMalformed() throws Exception {
        // Found by ChainVerifierFuzzTest: the JDK's parser ignores the signatureValue BIT STRING's unused-bits octet,
        // so 1, 2 or 3 there left the certificate valid (RFC 5280 §4.1.1.3; OpenSSL refuses it).
        IssuedCertificate s = server();
        byte[] der = s.certificate().getEncoded();
        int unusedBitsAt = der.length - s.certificate().getSignature().length - 1;
        assertThat(der[unusedBitsAt]).isZero();
        assertThat(Fixtures.verifyServer(s.chain(), ANCHORS, HOST).isValid()).isTrue();
        for (int bits = 1; bits <= 7; bits++) {
            byte[] changed = der.clone();
            changed[unusedBitsAt] = (byte) bits;
            VerificationResult r = ChainVerifier.verifyDer(
                    List.of(changed, INTER.certificate().getEncoded()),
                    ANCHORS,
                    Fixtures.NOW,
                    Purpose.SERVER_AUTH,
                    HOST);
            assertThat(reason(r)).as("%d unused bits", bits).isEqualTo(FailureReason.MALFORMED);
            assertThat(detail(r)).contains("unused bits");
        }
    }

    @Test
    void invalidReferenceNameIsAMismatchNotACrash() {
        for (String bad : List.of("", ".", "exa mple.test", "*.example.test", "a..b", "-x.example.test")) {
            assertThat(reason(Fixtures.verifyServer(server().chain(), ANCHORS, bad)))
                    .as(bad)
                    .isEqualTo(FailureReason.HOSTNAME_MISMATCH);
        }
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
