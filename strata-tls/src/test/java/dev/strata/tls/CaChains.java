package dev.strata.tls;

import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.CertificateTemplate;
import dev.strata.pki.IssuedCertificate;
import dev.strata.pki.KeyType;
import dev.strata.pki.Pem;
import dev.strata.pki.Purpose;
import dev.strata.pki.SubjectAltName;
import dev.strata.pki.Validity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test PKI made with Strata's own CA: a root and an intermediate, a good server and client certificate, and the
 * broken server certificates of issue 5's negative list, each with the alert Strata's verifier answers it with.
 */
final class CaChains {

    /** The host name every server certificate here is checked against. */
    static final String HOST = "localhost";

    static final CertificateAuthority ROOT =
            CertificateAuthority.createRoot("Strata Test Root", KeyType.EC_P256, seeded(1), Clock.systemUTC());
    static final CertificateAuthority INTERMEDIATE =
            ROOT.createIntermediate("Strata Test Intermediate", KeyType.EC_P256);
    static final CertificateAuthority OTHER_ROOT =
            CertificateAuthority.createRoot("Unknown Root", KeyType.EC_P256, seeded(2), Clock.systemUTC());

    static final IssuedCertificate GOOD_SERVER = INTERMEDIATE.issueServer(List.of(HOST, "127.0.0.1"), KeyType.EC_P256);
    static final IssuedCertificate GOOD_CLIENT = INTERMEDIATE.issueClient("strata-client", KeyType.EC_P256);

    /**
     * A broken server certificate.
     *
     * @param name the test's name for it
     * @param certificate the certificate, key and chain to present
     * @param alert what Strata's verifier answers it with
     * @param reason a fragment of Strata's reason text
     */
    record Bad(String name, IssuedCertificate certificate, AlertDescription alert, String reason) {
        @Override
        public String toString() {
            return name;
        }
    }

    private CaChains() {}

    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The negative cases of issue 5, for a server verified as {@link #HOST}. */
    static List<Bad> badServers() {
        Instant now = Instant.now();
        List<Bad> out = new ArrayList<>();
        out.add(new Bad(
                "expired",
                INTERMEDIATE.issueServer(
                        List.of(HOST),
                        KeyType.EC_P256,
                        new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))),
                AlertDescription.CERTIFICATE_EXPIRED,
                "certificate expired"));
        out.add(new Bad(
                "not yet valid",
                INTERMEDIATE.issueServer(
                        List.of(HOST),
                        KeyType.EC_P256,
                        new Validity(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))),
                AlertDescription.CERTIFICATE_EXPIRED,
                "not yet valid"));
        out.add(new Bad(
                "wrong host name",
                INTERMEDIATE.issueServer(List.of("other.example"), KeyType.EC_P256),
                AlertDescription.BAD_CERTIFICATE,
                "host name mismatch"));
        out.add(new Bad(
                "unknown CA",
                OTHER_ROOT
                        .createIntermediate("Unknown Intermediate", KeyType.EC_P256)
                        .issueServer(List.of(HOST), KeyType.EC_P256),
                AlertDescription.UNKNOWN_CA,
                "unknown CA"));
        out.add(new Bad(
                "bad signature",
                tamperSignature(INTERMEDIATE.issueServer(List.of(HOST), KeyType.EC_P256)),
                AlertDescription.BAD_CERTIFICATE,
                "bad certificate signature"));
        out.add(new Bad(
                "wrong EKU", wrongEku(INTERMEDIATE), AlertDescription.UNSUPPORTED_CERTIFICATE, "extended key usage"));
        return out;
    }

    /** Broken client certificates, each with the alert a Strata server answers it with. */
    static List<Bad> badClients() {
        Instant now = Instant.now();
        List<Bad> out = new ArrayList<>();
        out.add(new Bad(
                "expired client",
                INTERMEDIATE.issueClient(
                        "strata-client",
                        KeyType.EC_P256,
                        new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))),
                AlertDescription.CERTIFICATE_EXPIRED,
                "certificate expired"));
        out.add(new Bad(
                "client of an unknown CA",
                OTHER_ROOT
                        .createIntermediate("Unknown Intermediate", KeyType.EC_P256)
                        .issueClient("strata-client", KeyType.EC_P256),
                AlertDescription.UNKNOWN_CA,
                "unknown CA"));
        out.add(new Bad(
                "client with a bad signature",
                tamperSignature(INTERMEDIATE.issueClient("strata-client", KeyType.EC_P256)),
                AlertDescription.BAD_CERTIFICATE,
                "bad certificate signature"));
        out.add(new Bad(
                "server certificate as client",
                INTERMEDIATE.issueServer(List.of("client.example"), KeyType.EC_P256),
                AlertDescription.UNSUPPORTED_CERTIFICATE,
                "does not allow clientAuth"));
        return out;
    }

    /** A server certificate whose extended key usage allows clientAuth only. */
    static IssuedCertificate wrongEku(CertificateAuthority ca) {
        KeyPair keys = KeyType.EC_P256.generate(seeded(3));
        Instant now = Instant.now();
        CertificateTemplate t = CertificateTemplate.tlsServer(
                        CertificateAuthority.cn(HOST),
                        keys.getPublic(),
                        new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))),
                        List.of(SubjectAltName.parse(HOST)))
                .withExtendedKeyUsage(Set.of(Purpose.CLIENT_AUTH));
        return ca.issue(t, keys);
    }

    /** The same certificate with the last octet of its signature flipped: it parses, but does not verify. */
    static IssuedCertificate tamperSignature(IssuedCertificate good) {
        try {
            byte[] der = good.certificate().getEncoded();
            der[der.length - 1] ^= 0x01;
            X509Certificate bad = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            List<X509Certificate> chain = new ArrayList<>(good.chain());
            chain.set(0, bad);
            return new IssuedCertificate(bad, good.privateKey(), chain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The certified key a Strata endpoint presents for {@code c}. */
    static CertifiedKey key(IssuedCertificate c) {
        return new CertifiedKey(c.chain(), c.privateKey());
    }

    /** A verifier trusting {@link #ROOT}. */
    static PkiVerifier verifier() {
        return PkiVerifier.trusting(ROOT.trustAnchors());
    }

    /**
     * Writes {@code prefix}.crt (leaf), {@code prefix}.chain.pem (the intermediates), {@code prefix}.key, and
     * root.pem into {@code dir}.
     */
    static void write(Path dir, String prefix, IssuedCertificate c) throws IOException {
        Files.writeString(dir.resolve(prefix + ".crt"), Pem.encode(c.certificate()));
        Files.writeString(
                dir.resolve(prefix + ".chain.pem"),
                Pem.encodeCertificates(c.chain().subList(1, c.chain().size())));
        Files.writeString(dir.resolve(prefix + ".key"), Pem.encode(c.privateKey()));
        Files.writeString(dir.resolve("root.pem"), Pem.encode(ROOT.root()));
    }
}
