package dev.strata.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.GeneralSubtree;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.TBSCertificate;

/**
 * A certificate decoded once for path validation: every field the verifier consults, checked at construction so
 * that no accessor can fail afterwards.
 *
 * <p>Created only by {@link #parse}, which refuses anything that is not well-formed DER X.509 with well-formed
 * extensions (RFC 5280 §4.1, §4.2), including an extension present twice or a signature algorithm that differs
 * between the outer certificate and the TBSCertificate (§4.1.1.2).
 */
final class CertificateView {

    /** Extensions the verifier processes; any other critical extension makes the certificate unusable. */
    private static final Set<String> HANDLED = Set.of(
            Extension.basicConstraints.getId(),
            Extension.keyUsage.getId(),
            Extension.extendedKeyUsage.getId(),
            Extension.subjectAlternativeName.getId(),
            Extension.subjectKeyIdentifier.getId(),
            Extension.authorityKeyIdentifier.getId(),
            Extension.nameConstraints.getId());

    static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

    private final X509Certificate certificate;
    private final byte[] der;
    private final X500Principal subject;
    private final X500Principal issuer;
    private final Instant notBefore;
    private final Instant notAfter;
    private final boolean hasBasicConstraints;
    private final boolean ca;
    private final OptionalInt pathLength;
    private final Optional<Set<KeyUsage>> keyUsage;
    private final Optional<Set<String>> extendedKeyUsage;
    private final boolean hasSubjectAltName;
    private final List<String> dnsNames;
    private final List<byte[]> ipAddresses;
    private final List<String> commonNames;
    private final Optional<byte[]> subjectKeyId;
    private final Optional<byte[]> authorityKeyId;
    private final Optional<NameConstraints> nameConstraints;
    private final List<String> unhandledCritical;
    private final PublicKey publicKey;
    private final String signatureAlgorithmOid;
    private final Optional<byte[]> signatureAlgorithmParams;
    private final byte[] tbs;
    private final byte[] signature;

    private CertificateView(X509Certificate certificate, byte[] der, Certificate asn1) throws CertificateException {
        this.certificate = certificate;
        this.der = der;
        TBSCertificate tbsCert = asn1.getTBSCertificate();
        if (!asn1.getSignatureAlgorithm().equals(tbsCert.getSignature())) {
            throw new CertificateException("signatureAlgorithm differs from the TBSCertificate signature field");
        }
        this.subject = certificate.getSubjectX500Principal();
        this.issuer = certificate.getIssuerX500Principal();
        this.notBefore = tbsCert.getStartDate().getDate().toInstant();
        this.notAfter = tbsCert.getEndDate().getDate().toInstant();
        this.publicKey = certificate.getPublicKey();
        this.signatureAlgorithmOid = asn1.getSignatureAlgorithm().getAlgorithm().getId();
        ASN1Encodable params = asn1.getSignatureAlgorithm().getParameters();
        this.signatureAlgorithmParams = Optional.ofNullable(params == null ? null : encode(params));
        this.tbs = certificate.getTBSCertificate();
        this.signature = certificate.getSignature();
        this.commonNames = commonNames(tbsCert.getSubject());

        Extensions exts = tbsCert.getExtensions();
        if (exts != null && tbsCert.getVersionNumber() != 3) {
            throw new CertificateException("extensions in a version " + tbsCert.getVersionNumber() + " certificate");
        }
        List<String> unhandled = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (exts != null) {
            for (var oid : exts.getExtensionOIDs()) {
                if (!seen.add(oid.getId())) {
                    throw new CertificateException("extension " + oid + " appears twice (RFC 5280 §4.2)");
                }
                if (exts.getExtension(oid).isCritical() && !HANDLED.contains(oid.getId())) {
                    unhandled.add(oid.getId());
                }
            }
        }
        this.unhandledCritical = List.copyOf(unhandled);

        Extension bcExt = exts == null ? null : exts.getExtension(Extension.basicConstraints);
        this.hasBasicConstraints = bcExt != null;
        if (bcExt != null) {
            BasicConstraints bc = BasicConstraints.getInstance(bcExt.getParsedValue());
            this.ca = bc.isCA();
            BigInteger len = bc.getPathLenConstraint();
            if (len != null && len.signum() < 0) {
                throw new CertificateException("negative pathLenConstraint");
            }
            this.pathLength = len == null || !bc.isCA()
                    ? OptionalInt.empty()
                    : OptionalInt.of(
                            len.min(BigInteger.valueOf(Integer.MAX_VALUE)).intValue());
        } else {
            this.ca = false;
            this.pathLength = OptionalInt.empty();
        }

        Extension kuExt = exts == null ? null : exts.getExtension(Extension.keyUsage);
        this.keyUsage = kuExt == null ? Optional.empty() : Optional.of(keyUsage(kuExt));

        Extension ekuExt = exts == null ? null : exts.getExtension(Extension.extendedKeyUsage);
        if (ekuExt != null) {
            Set<String> oids = new HashSet<>();
            for (KeyPurposeId id :
                    ExtendedKeyUsage.getInstance(ekuExt.getParsedValue()).getUsages()) {
                oids.add(id.toOID().getId());
            }
            this.extendedKeyUsage = Optional.of(Set.copyOf(oids));
        } else {
            this.extendedKeyUsage = Optional.empty();
        }

        Extension sanExt = exts == null ? null : exts.getExtension(Extension.subjectAlternativeName);
        this.hasSubjectAltName = sanExt != null;
        List<String> dns = new ArrayList<>();
        List<byte[]> ips = new ArrayList<>();
        if (sanExt != null) {
            for (GeneralName gn :
                    GeneralNames.getInstance(sanExt.getParsedValue()).getNames()) {
                switch (gn.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(ascii(gn));
                    case GeneralName.iPAddress -> {
                        byte[] ip = ASN1OctetString.getInstance(gn.getName()).getOctets();
                        if (ip.length != 4 && ip.length != 16) {
                            throw new CertificateException("iPAddress SAN of " + ip.length + " octets");
                        }
                        ips.add(ip);
                    }
                    default -> {}
                }
            }
        }
        this.dnsNames = List.copyOf(dns);
        this.ipAddresses = List.copyOf(ips);

        Extension skiExt = exts == null ? null : exts.getExtension(Extension.subjectKeyIdentifier);
        this.subjectKeyId = skiExt == null
                ? Optional.empty()
                : Optional.of(SubjectKeyIdentifier.getInstance(skiExt.getParsedValue())
                        .getKeyIdentifier());
        Extension akiExt = exts == null ? null : exts.getExtension(Extension.authorityKeyIdentifier);
        this.authorityKeyId = akiExt == null
                ? Optional.empty()
                : Optional.ofNullable(AuthorityKeyIdentifier.getInstance(akiExt.getParsedValue())
                        .getKeyIdentifierOctets());

        Extension ncExt = exts == null ? null : exts.getExtension(Extension.nameConstraints);
        this.nameConstraints = ncExt == null ? Optional.empty() : Optional.of(nameConstraints(ncExt));
    }

    /**
     * The view of {@code certificate}.
     *
     * @throws CertificateException with a one-line reason when it is malformed
     */
    static CertificateView parse(X509Certificate certificate) throws CertificateException {
        try {
            byte[] der = certificate.getEncoded();
            Certificate asn1 = Certificate.getInstance(ASN1Primitive.fromByteArray(der));
            return new CertificateView(certificate, der, asn1);
        } catch (CertificateEncodingException e) {
            throw new CertificateException("cannot encode: " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw new CertificateException("malformed: " + e.getMessage(), e);
        }
    }

    /** The view of the DER certificate {@code der}; see {@link #parse(X509Certificate)}. */
    static CertificateView parse(byte[] der) throws CertificateException {
        return parse(Der.decodeCertificate(der));
    }

    X509Certificate certificate() {
        return certificate;
    }

    X500Principal subject() {
        return subject;
    }

    X500Principal issuer() {
        return issuer;
    }

    /** RFC 5280 §6.1: self-issued when subject and issuer are the same name. */
    boolean selfIssued() {
        return subject.equals(issuer);
    }

    Instant notBefore() {
        return notBefore;
    }

    Instant notAfter() {
        return notAfter;
    }

    boolean hasBasicConstraints() {
        return hasBasicConstraints;
    }

    boolean ca() {
        return ca;
    }

    OptionalInt pathLength() {
        return pathLength;
    }

    /** The key usage bits, or empty when the extension is absent (no restriction). */
    Optional<Set<KeyUsage>> keyUsage() {
        return keyUsage;
    }

    /** The extended key usage purpose OIDs, or empty when the extension is absent (no restriction). */
    Optional<Set<String>> extendedKeyUsage() {
        return extendedKeyUsage;
    }

    boolean hasSubjectAltName() {
        return hasSubjectAltName;
    }

    List<String> dnsNames() {
        return dnsNames;
    }

    List<byte[]> ipAddresses() {
        return ipAddresses;
    }

    List<String> commonNames() {
        return commonNames;
    }

    Optional<byte[]> subjectKeyId() {
        return subjectKeyId;
    }

    Optional<byte[]> authorityKeyId() {
        return authorityKeyId;
    }

    Optional<NameConstraints> nameConstraints() {
        return nameConstraints;
    }

    List<String> unhandledCritical() {
        return unhandledCritical;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    String signatureAlgorithmOid() {
        return signatureAlgorithmOid;
    }

    Optional<byte[]> signatureAlgorithmParams() {
        return signatureAlgorithmParams;
    }

    byte[] tbs() {
        return tbs.clone();
    }

    byte[] signature() {
        return signature.clone();
    }

    /** True when both are the same certificate, byte for byte. */
    boolean sameAs(CertificateView other) {
        return Arrays.equals(der, other.der);
    }

    /**
     * True when this certificate could have issued {@code child}: its subject is the child's issuer (RFC 5280
     * §6.1.3 (a)(4)) and, when both key identifiers are present, they agree (§4.2.1.1).
     */
    boolean couldHaveIssued(CertificateView child) {
        if (!subject.equals(child.issuer)) {
            return false;
        }
        if (subjectKeyId.isPresent() && child.authorityKeyId.isPresent()) {
            return Arrays.equals(subjectKeyId.get(), child.authorityKeyId.get());
        }
        return true;
    }

    /** The subject for messages, in RFC 2253 form. */
    String name() {
        String n = subject.getName();
        return n.isEmpty() ? "(empty subject)" : n;
    }

    @Override
    public String toString() {
        return name();
    }

    private static Set<KeyUsage> keyUsage(Extension ext) {
        byte[] bits = ASN1BitString.getInstance(ext.getParsedValue()).getBytes();
        Set<KeyUsage> out = EnumSet.noneOf(KeyUsage.class);
        for (KeyUsage u : KeyUsage.values()) {
            int b = u.bit();
            if (b / 8 < bits.length && (bits[b / 8] & (0x80 >>> (b % 8))) != 0) {
                out.add(u);
            }
        }
        return out;
    }

    private static NameConstraints nameConstraints(Extension ext) {
        var nc = org.bouncycastle.asn1.x509.NameConstraints.getInstance(ext.getParsedValue());
        List<String> permittedDns = new ArrayList<>();
        List<String> excludedDns = new ArrayList<>();
        List<byte[]> permittedIp = new ArrayList<>();
        List<byte[]> excludedIp = new ArrayList<>();
        String unsupported = null;
        for (int pass = 0; pass < 2; pass++) {
            GeneralSubtree[] trees = pass == 0 ? nc.getPermittedSubtrees() : nc.getExcludedSubtrees();
            if (trees == null) {
                continue;
            }
            for (GeneralSubtree t : trees) {
                GeneralName base = t.getBase();
                switch (base.getTagNo()) {
                    case GeneralName.dNSName -> (pass == 0 ? permittedDns : excludedDns).add(ascii(base));
                    case GeneralName.iPAddress -> {
                        byte[] range =
                                ASN1OctetString.getInstance(base.getName()).getOctets();
                        if (range.length != 8 && range.length != 32) {
                            throw new IllegalArgumentException("iPAddress constraint of " + range.length + " octets");
                        }
                        (pass == 0 ? permittedIp : excludedIp).add(range);
                    }
                    default -> {
                        if (unsupported == null) {
                            unsupported = "GeneralName tag " + base.getTagNo();
                        }
                    }
                }
            }
        }
        return new NameConstraints(
                permittedDns, excludedDns, permittedIp, excludedIp, Optional.ofNullable(unsupported));
    }

    private static String ascii(GeneralName name) {
        String s = ((ASN1String) name.getName()).getString();
        if (!s.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("non-printable octets in a dNSName");
        }
        return s;
    }

    private static List<String> commonNames(X500Name name) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                if (atv.getType().equals(BCStyle.CN) && atv.getValue() instanceof ASN1String s) {
                    out.add(s.getString());
                }
            }
        }
        return List.copyOf(out);
    }

    private static byte[] encode(ASN1Encodable params) {
        try {
            return params.toASN1Primitive().getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalArgumentException("signature parameters do not encode", e);
        }
    }
}
