package dev.strata.pki;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import javax.security.auth.x500.X500Principal;

/**
 * A certificate authority: a CA certificate with its private key, able to issue intermediates and TLS server and
 * client certificates.
 *
 * <p>A serious deployment keeps the root offline and issues from an intermediate:
 *
 * <pre>{@code
 * CertificateAuthority root = CertificateAuthority.createRoot("Strata Test CA", KeyType.EC_P256);
 * CertificateAuthority issuing = root.createIntermediate("Strata Test CA Intermediate", KeyType.EC_P256);
 * IssuedCertificate server = issuing.issueServer(List.of("www.example.com", "192.0.2.10"), KeyType.EC_P256);
 * TrustAnchors anchors = root.trustAnchors();
 * }</pre>
 *
 * <p>Randomness (keys, serial numbers, ECDSA nonces) and time (validity periods) come from the {@link SecureRandom}
 * and {@link Clock} given at creation, which intermediates inherit: a simulation passes a seeded generator and its
 * virtual clock to get the same certificates on every run. Certificates start being valid one hour before the
 * clock's instant, to tolerate clock skew between peers.
 */
public final class CertificateAuthority {

    /** How long a root created here is valid. */
    public static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    /** How long an intermediate created here is valid. */
    public static final Duration INTERMEDIATE_VALIDITY = Duration.ofDays(1825);
    /** How long an end-entity certificate issued here is valid unless told otherwise. */
    public static final Duration LEAF_VALIDITY = Duration.ofDays(365);
    /** How far before "now" validity periods start. */
    public static final Duration BACKDATE = Duration.ofHours(1);

    private final X509Certificate certificate;
    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;
    private final X509Certificate root;
    private final SecureRandom random;
    private final Clock clock;

    private CertificateAuthority(
            X509Certificate certificate,
            PrivateKey privateKey,
            List<X509Certificate> chain,
            X509Certificate root,
            SecureRandom random,
            Clock clock) {
        this.certificate = certificate;
        this.privateKey = privateKey;
        this.chain = List.copyOf(chain);
        this.root = root;
        this.random = random;
        this.clock = clock;
    }

    /** A new self-signed root CA named {@code CN=name}, with a fresh key, system randomness and the system clock. */
    public static CertificateAuthority createRoot(String name, KeyType keyType) {
        return createRoot(name, keyType, new SecureRandom(), Clock.systemUTC());
    }

    /**
     * A new self-signed root CA named {@code CN=name} with a fresh key of {@code keyType}, valid for {@link
     * #ROOT_VALIDITY} from the clock's instant (less {@link #BACKDATE}), with no path length limit.
     */
    public static CertificateAuthority createRoot(String name, KeyType keyType, SecureRandom random, Clock clock) {
        KeyPair keys = keyType.generate(random);
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                cn(name), keys.getPublic(), validity(clock.instant(), ROOT_VALIDITY), OptionalInt.empty());
        X509Certificate cert = CertificateSigner.selfSign(t, keys.getPrivate(), random);
        return new CertificateAuthority(cert, keys.getPrivate(), List.of(cert), cert, random, clock);
    }

    /**
     * A CA from stored parts (for example files written by {@code strata ca init}).
     *
     * @param certificate the CA's certificate
     * @param privateKey its private key
     * @param chainAbove the certificates above it, its issuer first, ending with the root; empty for a root
     * @throws IllegalArgumentException when {@code privateKey} does not belong to {@code certificate} (whether the
     *     certificate is a CA is not checked here, so tests can build deliberately broken chains)
     */
    public static CertificateAuthority load(
            X509Certificate certificate,
            PrivateKey privateKey,
            List<X509Certificate> chainAbove,
            SecureRandom random,
            Clock clock) {
        if (!KeyPairs.belongTogether(certificate.getPublicKey(), privateKey)) {
            throw new IllegalArgumentException("the private key does not belong to "
                    + certificate.getSubjectX500Principal().getName());
        }
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(certificate);
        chain.addAll(chainAbove);
        return new CertificateAuthority(certificate, privateKey, chain, chain.getLast(), random, clock);
    }

    /**
     * A new intermediate CA named {@code CN=name} issued by this CA, valid for {@link #INTERMEDIATE_VALIDITY} (or
     * less, to end with this CA), with pathLenConstraint 0: it issues end-entity certificates only.
     */
    public CertificateAuthority createIntermediate(String name, KeyType keyType) {
        return createIntermediate(cn(name), keyType, OptionalInt.of(0));
    }

    /** A new intermediate CA with subject {@code subject} and the given path length constraint. */
    public CertificateAuthority createIntermediate(X500Principal subject, KeyType keyType, OptionalInt pathLength) {
        KeyPair keys = keyType.generate(random);
        CertificateTemplate t = CertificateTemplate.certificateAuthority(
                subject, keys.getPublic(), clampToThis(validity(clock.instant(), INTERMEDIATE_VALIDITY)), pathLength);
        X509Certificate cert = CertificateSigner.sign(t, certificate, privateKey, random);
        List<X509Certificate> newChain = new ArrayList<>();
        newChain.add(cert);
        newChain.addAll(chain);
        return new CertificateAuthority(cert, keys.getPrivate(), newChain, root, random, clock);
    }

    /**
     * A TLS server certificate for {@code names} (host names and IP literals, all placed in the subjectAltName;
     * the first is also the subject CN) with a fresh key of {@code keyType}, valid for {@link #LEAF_VALIDITY}.
     *
     * @throws IllegalArgumentException when {@code names} is empty or holds something that is neither a valid
     *     DNS name nor an IP literal
     */
    public IssuedCertificate issueServer(List<String> names, KeyType keyType) {
        return issueServer(names, keyType, validity(clock.instant(), LEAF_VALIDITY));
    }

    /** {@link #issueServer(List, KeyType)} with an explicit validity period (tests use past or future ones). */
    public IssuedCertificate issueServer(List<String> names, KeyType keyType, Validity validity) {
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a server certificate needs at least one name");
        }
        List<SubjectAltName> sans = names.stream().map(SubjectAltName::parse).toList();
        KeyPair keys = keyType.generate(random);
        return issue(CertificateTemplate.tlsServer(cn(names.getFirst()), keys.getPublic(), validity, sans), keys);
    }

    /** A TLS client certificate for the subject {@code CN=name}, with no subjectAltName, valid for a year. */
    public IssuedCertificate issueClient(String name, KeyType keyType) {
        return issueClient(name, keyType, validity(clock.instant(), LEAF_VALIDITY));
    }

    /** {@link #issueClient(String, KeyType)} with an explicit validity period. */
    public IssuedCertificate issueClient(String name, KeyType keyType, Validity validity) {
        KeyPair keys = keyType.generate(random);
        return issue(CertificateTemplate.tlsClient(cn(name), keys.getPublic(), validity, List.of()), keys);
    }

    /**
     * Issues {@code template} (whose public key must be {@code keys}'s) exactly as described: no clamping and no
     * policy, so tests can make odd certificates.
     */
    public IssuedCertificate issue(CertificateTemplate template, KeyPair keys) {
        if (!template.publicKey().equals(keys.getPublic())) {
            throw new IllegalArgumentException("the template's public key is not the key pair's");
        }
        X509Certificate cert = CertificateSigner.sign(template, certificate, privateKey, random);
        List<X509Certificate> leafChain = new ArrayList<>();
        leafChain.add(cert);
        leafChain.addAll(chain.subList(0, chain.size() - 1));
        return new IssuedCertificate(cert, keys.getPrivate(), leafChain);
    }

    /** This CA's certificate. */
    public X509Certificate certificate() {
        return certificate;
    }

    /** This CA's private key. */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /** This CA's certificate followed by those above it, ending with the root. */
    public List<X509Certificate> chain() {
        return chain;
    }

    /** The root CA certificate at the top of this CA's chain. */
    public X509Certificate root() {
        return root;
    }

    /** Trust anchors holding just this CA's root, for verifiers that trust this CA. */
    public TrustAnchors trustAnchors() {
        return TrustAnchors.of(root);
    }

    /** The subject {@code CN=name}, with RFC 4514 special characters escaped. */
    public static X500Principal cn(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("empty name");
        }
        return new X500Principal("CN=" + escape(name));
    }

    private Validity clampToThis(Validity v) {
        Instant end = certificate.getNotAfter().toInstant();
        return v.notAfter().isAfter(end) ? new Validity(v.notBefore(), end) : v;
    }

    private static Validity validity(Instant now, Duration length) {
        Instant start = now.minus(BACKDATE);
        return new Validity(start, start.plus(length).plus(BACKDATE));
    }

    // RFC 4514 §2.4: escape the special characters and leading/trailing spaces of an attribute value.
    private static String escape(String value) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean special = "\\\"+,;<>=#".indexOf(c) >= 0 && (c != '#' || i == 0);
            if (special || (c == ' ' && (i == 0 || i == value.length() - 1))) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }
}
