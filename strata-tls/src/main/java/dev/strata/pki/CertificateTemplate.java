package dev.strata.pki;

import java.security.PublicKey;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * What a certificate to be issued says: subject, key, validity and the X.509 v3 extensions Strata sets.
 *
 * <p>The factory methods give the profiles Strata's CA uses ({@link #certificateAuthority}, {@link #tlsServer},
 * {@link #tlsClient}); the {@code with...} methods change one field, which tests use to make deliberately odd
 * certificates (an intermediate without the CA flag, a server certificate with the wrong extended key usage).
 *
 * @param subject the subject distinguished name
 * @param publicKey the subject's public key
 * @param validity the validity period
 * @param subjectAltNames the subjectAltName entries; none means no subjectAltName extension
 * @param keyUsage the key usage bits (RFC 5280 §4.2.1.3); empty means no key usage extension
 * @param extendedKeyUsage the extended key usage purposes (RFC 5280 §4.2.1.12); empty means no extension
 * @param ca the cA flag of the basic constraints extension, which is always present and critical
 * @param pathLength the pathLenConstraint (only meaningful when {@code ca}); empty for no limit
 */
public record CertificateTemplate(
        X500Principal subject,
        PublicKey publicKey,
        Validity validity,
        List<SubjectAltName> subjectAltNames,
        Set<KeyUsage> keyUsage,
        Set<Purpose> extendedKeyUsage,
        boolean ca,
        OptionalInt pathLength) {

    /** Copies the collections and checks the required fields. */
    public CertificateTemplate {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(validity, "validity");
        Objects.requireNonNull(pathLength, "pathLength");
        subjectAltNames = List.copyOf(new LinkedHashSet<>(subjectAltNames));
        keyUsage = keyUsage.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(keyUsage));
        extendedKeyUsage = extendedKeyUsage.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(extendedKeyUsage));
        if (pathLength.isPresent() && pathLength.getAsInt() < 0) {
            throw new IllegalArgumentException("negative pathLenConstraint");
        }
    }

    /**
     * A CA certificate: cA true, keyCertSign and cRLSign (RFC 5280 §4.2.1.3, §4.2.1.9).
     *
     * @param pathLength the maximum number of intermediate CAs that may follow it; empty for no limit
     */
    public static CertificateTemplate certificateAuthority(
            X500Principal subject, PublicKey publicKey, Validity validity, OptionalInt pathLength) {
        return new CertificateTemplate(
                subject,
                publicKey,
                validity,
                List.of(),
                EnumSet.of(KeyUsage.KEY_CERT_SIGN, KeyUsage.CRL_SIGN),
                Set.of(),
                true,
                pathLength);
    }

    /**
     * A TLS server certificate: the names as SANs, serverAuth, digitalSignature (plus keyEncipherment for RSA keys,
     * which RSA key transport needs, RFC 5246 §7.4.2).
     */
    public static CertificateTemplate tlsServer(
            X500Principal subject, PublicKey publicKey, Validity validity, List<SubjectAltName> names) {
        return new CertificateTemplate(
                subject,
                publicKey,
                validity,
                names,
                leafKeyUsage(publicKey),
                EnumSet.of(Purpose.SERVER_AUTH),
                false,
                OptionalInt.empty());
    }

    /** A TLS client certificate: clientAuth, digitalSignature, and the given SANs (may be empty). */
    public static CertificateTemplate tlsClient(
            X500Principal subject, PublicKey publicKey, Validity validity, List<SubjectAltName> names) {
        return new CertificateTemplate(
                subject,
                publicKey,
                validity,
                names,
                EnumSet.of(KeyUsage.DIGITAL_SIGNATURE),
                EnumSet.of(Purpose.CLIENT_AUTH),
                false,
                OptionalInt.empty());
    }

    /** This template with another validity period. */
    public CertificateTemplate withValidity(Validity v) {
        return new CertificateTemplate(
                subject, publicKey, v, subjectAltNames, keyUsage, extendedKeyUsage, ca, pathLength);
    }

    /** This template with other subject alternative names. */
    public CertificateTemplate withSubjectAltNames(List<SubjectAltName> names) {
        return new CertificateTemplate(subject, publicKey, validity, names, keyUsage, extendedKeyUsage, ca, pathLength);
    }

    /** This template with other key usage bits (empty: no extension). */
    public CertificateTemplate withKeyUsage(Set<KeyUsage> usage) {
        return new CertificateTemplate(
                subject, publicKey, validity, subjectAltNames, usage, extendedKeyUsage, ca, pathLength);
    }

    /** This template with other extended key usage purposes (empty: no extension). */
    public CertificateTemplate withExtendedKeyUsage(Set<Purpose> purposes) {
        return new CertificateTemplate(
                subject, publicKey, validity, subjectAltNames, keyUsage, purposes, ca, pathLength);
    }

    /** This template with other basic constraints. */
    public CertificateTemplate withBasicConstraints(boolean isCa, OptionalInt maxPathLength) {
        return new CertificateTemplate(
                subject, publicKey, validity, subjectAltNames, keyUsage, extendedKeyUsage, isCa, maxPathLength);
    }

    private static Set<KeyUsage> leafKeyUsage(PublicKey key) {
        return key.getAlgorithm().equals("RSA")
                ? EnumSet.of(KeyUsage.DIGITAL_SIGNATURE, KeyUsage.KEY_ENCIPHERMENT)
                : EnumSet.of(KeyUsage.DIGITAL_SIGNATURE);
    }
}
