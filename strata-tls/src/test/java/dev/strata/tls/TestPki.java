package dev.strata.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Test-only certificates made with BouncyCastle, and a minimal trust check with the JDK's PKIX validator. This is
 * not Strata's PKI (that lives in dev.strata.pki); it only feeds the TLS tests.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** The kinds of keys the tests use. */
    enum KeyType {
        EC_P256,
        RSA_2048,
        ED25519
    }

    /**
     * A CA and one end-entity issued by it.
     *
     * @param ca the CA certificate
     * @param caKey the CA key
     * @param key the end-entity chain and key
     */
    record Issued(X509Certificate ca, PrivateKey caKey, CertifiedKey key) {}

    private TestPki() {}

    static KeyPair keyPair(KeyType type) {
        try {
            return switch (type) {
                case EC_P256 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                    g.initialize(new ECGenParameterSpec("secp256r1"));
                    yield g.generateKeyPair();
                }
                case RSA_2048 -> {
                    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                    g.initialize(2048);
                    yield g.generateKeyPair();
                }
                case ED25519 -> KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sigAlg(PrivateKey k) {
        return switch (k.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> "Ed25519";
        };
    }

    static X509Certificate certificate(
            X500Name subject,
            KeyPair subjectKeys,
            X500Name issuer,
            PrivateKey issuerKey,
            boolean ca,
            List<String> dnsNames,
            Instant notBefore,
            Instant notAfter,
            boolean serverAuth) {
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuer,
                    BigInteger.valueOf(SERIAL.incrementAndGet()),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    subject,
                    subjectKeys.getPublic());
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (ca) {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                b.addExtension(
                        Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
                b.addExtension(
                        Extension.extendedKeyUsage,
                        false,
                        new ExtendedKeyUsage(
                                serverAuth ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
                if (!dnsNames.isEmpty()) {
                    GeneralName[] names = dnsNames.stream()
                            .map(n -> n.matches("[0-9.]+")
                                    ? new GeneralName(GeneralName.iPAddress, n)
                                    : new GeneralName(GeneralName.dNSName, n))
                            .toArray(GeneralName[]::new);
                    b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
                }
            }
            return new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder(sigAlg(issuerKey)).build(issuerKey)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fresh CA and a server (or client) certificate for {@code names}. */
    static Issued issue(KeyType caType, KeyType leafType, boolean server, String... names) {
        Instant now = Instant.now();
        return issue(caType, leafType, server, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)), names);
    }

    static Issued issue(KeyType caType, KeyType leafType, boolean server, Instant from, Instant to, String... names) {
        KeyPair caKeys = keyPair(caType);
        X500Name caName = new X500Name("CN=Strata Test CA " + SERIAL.incrementAndGet());
        Instant now = Instant.now();
        X509Certificate ca = certificate(
                caName,
                caKeys,
                caName,
                caKeys.getPrivate(),
                true,
                List.of(),
                now.minus(Duration.ofDays(2)),
                now.plus(Duration.ofDays(365)),
                true);
        KeyPair leafKeys = keyPair(leafType);
        X509Certificate leaf = certificate(
                new X500Name("CN=" + (names.length > 0 ? names[0] : "client")),
                leafKeys,
                caName,
                caKeys.getPrivate(),
                false,
                List.of(names),
                from,
                to,
                server);
        return new Issued(ca, caKeys.getPrivate(), new CertifiedKey(List.of(leaf), leafKeys.getPrivate()));
    }

    /**
     * A verifier trusting {@code anchor}: PKIX path validation by the JDK, plus a SAN DNS-name check for servers.
     * Test code only; the real one is dev.strata.pki.
     */
    static CertificateVerifier trusting(X509Certificate anchor) {
        return (chain, name, role) -> {
            try {
                CertificateFactory cf = CertificateFactory.getInstance("X.509");
                PKIXParameters p = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
                p.setRevocationEnabled(false);
                CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(chain), p);
            } catch (java.security.cert.CertPathValidatorException e) {
                if (e.getCause() instanceof CertificateExpiredException
                        || e.getReason() == java.security.cert.CertPathValidatorException.BasicReason.EXPIRED
                        || e.getReason() == java.security.cert.CertPathValidatorException.BasicReason.NOT_YET_VALID) {
                    return Verdict.rejected(AlertDescription.CERTIFICATE_EXPIRED, e.getMessage());
                }
                if (e.getReason() == java.security.cert.CertPathValidatorException.BasicReason.INVALID_SIGNATURE) {
                    return Verdict.rejected(AlertDescription.BAD_CERTIFICATE, e.getMessage());
                }
                return Verdict.rejected(AlertDescription.UNKNOWN_CA, e.getMessage());
            } catch (GeneralSecurityException e) {
                return Verdict.rejected(AlertDescription.BAD_CERTIFICATE, e.getMessage());
            }
            if (role == Role.SERVER && name != null) {
                try {
                    Collection<List<?>> sans = chain.getFirst().getSubjectAlternativeNames();
                    boolean ok = sans != null
                            && sans.stream().anyMatch(l -> name.equalsIgnoreCase(String.valueOf(l.get(1))));
                    if (!ok) {
                        return Verdict.rejected(AlertDescription.BAD_CERTIFICATE, "certificate does not name " + name);
                    }
                } catch (GeneralSecurityException e) {
                    return Verdict.rejected(AlertDescription.BAD_CERTIFICATE, e.getMessage());
                }
            }
            return Verdict.trusted();
        };
    }

    /** Writes PEM files: {@code cert.pem} (leaf), {@code key.pem} (PKCS#8) and {@code ca.pem} into {@code dir}. */
    static void writePem(Issued issued, Path dir, String prefix) throws IOException {
        Files.writeString(dir.resolve(prefix + "cert.pem"), pem(issued.key().leaf()));
        Path raw = dir.resolve(prefix + "key.jdk.pem");
        Files.writeString(raw, pem(issued.key().privateKey()));
        // The JDK's PKCS#8 EC encoding omits the public key, which gnutls needs: openssl rewrites it as SEC1.
        String tool = issued.key().privateKey().getAlgorithm().equals("EC") ? "ec" : "pkey";
        try {
            Process p = new ProcessBuilder(
                            "openssl",
                            tool,
                            "-in",
                            raw.toString(),
                            "-out",
                            dir.resolve(prefix + "key.pem").toString())
                    .redirectErrorStream(true)
                    .start();
            p.getInputStream().readAllBytes();
            if (p.waitFor() != 0) {
                throw new IOException("openssl pkey failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        Files.writeString(dir.resolve(prefix + "ca.pem"), pem(issued.ca()));
    }

    static String pem(Object o) throws IOException {
        StringWriter sw = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
            w.writeObject(
                    o instanceof PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        }
        return sw.toString();
    }
}
