package dev.strata.pki;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Shared test PKI: a root and an intermediate created at a fixed instant, and helpers to issue under them. */
final class Fixtures {

    /** When the fixture CAs are created. */
    static final Instant CREATED = Instant.parse("2025-01-01T00:00:00Z");
    /** When the fixture chains are verified: inside every default validity period. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static final Clock CLOCK = Clock.fixed(CREATED, ZoneOffset.UTC);

    private Fixtures() {}

    /** A deterministic generator, so a failing test is reproducible. */
    static SecureRandom seeded(long seed) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(seed);
            return r;
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static CertificateAuthority root(String name, KeyType type) {
        return CertificateAuthority.createRoot(name, type, seeded(name.hashCode()), CLOCK);
    }

    /** Root "Test Root" and intermediate "Test Intermediate", both EC P-256, cached for speed. */
    static final class Ec {
        static final CertificateAuthority ROOT = root("Test Root", KeyType.EC_P256);
        static final CertificateAuthority INTERMEDIATE = ROOT.createIntermediate("Test Intermediate", KeyType.EC_P256);

        private Ec() {}
    }

    static Validity validity(Instant from, Duration length) {
        return Validity.starting(from, length);
    }

    static VerificationResult verifyServer(List<X509Certificate> chain, TrustAnchors anchors, String host) {
        return ChainVerifier.verify(chain, anchors, NOW, Purpose.SERVER_AUTH, host);
    }
}
