package dev.strata.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Encodes a {@link CertificateTemplate} as an X.509 v3 certificate (RFC 5280 §4.1) and signs it with a JCA key.
 *
 * <p>BouncyCastle builds the ASN.1; the signature is made by the JDK's providers through
 * {@link JcaContentSignerBuilder}. Every certificate gets a fresh random serial number ({@link SerialNumbers}), a
 * subject key identifier, and an authority key identifier naming the issuer's key.
 */
public final class CertificateSigner {

    private CertificateSigner() {}

    /**
     * A self-signed certificate (a root CA): the issuer is the template's subject and {@code privateKey} must belong
     * to the template's public key.
     */
    public static X509Certificate selfSign(CertificateTemplate template, PrivateKey privateKey, SecureRandom random) {
        byte[] keyId = keyIdentifier(template.publicKey());
        return sign(template, template.subject(), keyId, privateKey, random);
    }

    /** A certificate for {@code template} issued by the CA holding {@code issuerCertificate} and {@code issuerKey}. */
    public static X509Certificate sign(
            CertificateTemplate template,
            X509Certificate issuerCertificate,
            PrivateKey issuerKey,
            SecureRandom random) {
        byte[] ext = issuerCertificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        byte[] keyId = ext != null
                ? SubjectKeyIdentifier.getInstance(
                                ASN1OctetString.getInstance(ext).getOctets())
                        .getKeyIdentifier()
                : keyIdentifier(issuerCertificate.getPublicKey());
        return sign(template, issuerCertificate.getSubjectX500Principal(), keyId, issuerKey, random);
    }

    /**
     * The key identifier Strata gives {@code key}: the leftmost 160 bits of the SHA-256 hash of the subjectPublicKey
     * BIT STRING value (RFC 7093 §2, method 1).
     */
    public static byte[] keyIdentifier(PublicKey key) {
        try {
            SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(spki.getPublicKeyData().getBytes());
            return Arrays.copyOf(hash, 20);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    private static X509Certificate sign(
            CertificateTemplate t,
            X500Principal issuer,
            byte[] issuerKeyId,
            PrivateKey issuerKey,
            SecureRandom random) {
        String algorithm = SignatureAlgorithms.forSigning(issuerKey)
                .orElseThrow(() -> new IllegalArgumentException(
                        "cannot sign certificates with a " + issuerKey.getAlgorithm() + " key"));
        BigInteger serial = SerialNumbers.random(random);
        X500Name subjectName = X500Name.getInstance(t.subject().getEncoded());
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(
                X500Name.getInstance(issuer.getEncoded()),
                serial,
                Date.from(t.validity().notBefore()),
                Date.from(t.validity().notAfter()),
                subjectName,
                SubjectPublicKeyInfo.getInstance(t.publicKey().getEncoded()));
        try {
            // RFC 5280 §4.2.1.9: critical in CA certificates; Strata marks it critical everywhere.
            BasicConstraints bc = !t.ca()
                    ? new BasicConstraints(false)
                    : t.pathLength().isPresent()
                            ? new BasicConstraints(t.pathLength().getAsInt())
                            : new BasicConstraints(true);
            builder.addExtension(Extension.basicConstraints, true, bc);
            if (!t.keyUsage().isEmpty()) {
                // RFC 5280 §4.2.1.3: conforming CAs SHOULD mark it critical.
                builder.addExtension(Extension.keyUsage, true, keyUsage(t));
            }
            if (!t.extendedKeyUsage().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage(t));
            }
            if (!t.subjectAltNames().isEmpty()) {
                // RFC 5280 §4.2.1.6: critical when the subject field is empty.
                boolean emptySubject = subjectName.getRDNs().length == 0;
                builder.addExtension(Extension.subjectAlternativeName, emptySubject, generalNames(t.subjectAltNames()));
            }
            builder.addExtension(
                    Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(t.publicKey())));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(issuerKeyId));
            ContentSigner signer = new JcaContentSignerBuilder(algorithm)
                    .setSecureRandom(random)
                    .build(issuerKey);
            X509CertificateHolder holder = builder.build(signer);
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(holder.getEncoded()));
        } catch (IOException | CertificateException | OperatorCreationException e) {
            throw new IllegalStateException("could not encode or sign the certificate for " + t.subject(), e);
        }
    }

    private static org.bouncycastle.asn1.x509.KeyUsage keyUsage(CertificateTemplate t) {
        int bits = 0;
        for (KeyUsage u : t.keyUsage()) {
            // BouncyCastle packs the BIT STRING's first octet in the low byte, bit 0 as 0x80; bit 8 is 0x8000.
            bits |= u.bit() < 8 ? 1 << (7 - u.bit()) : 1 << 15;
        }
        return new org.bouncycastle.asn1.x509.KeyUsage(bits);
    }

    private static ExtendedKeyUsage extendedKeyUsage(CertificateTemplate t) {
        KeyPurposeId[] ids = t.extendedKeyUsage().stream()
                .sorted()
                .map(p -> KeyPurposeId.getInstance(new ASN1ObjectIdentifier(p.oid())))
                .toArray(KeyPurposeId[]::new);
        return new ExtendedKeyUsage(ids);
    }

    private static GeneralNames generalNames(List<SubjectAltName> names) {
        GeneralName[] out = new GeneralName[names.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = switch (names.get(i)) {
                case SubjectAltName.DnsName dns -> new GeneralName(GeneralName.dNSName, dns.name());
                case SubjectAltName.IpAddress ip ->
                    new GeneralName(
                            GeneralName.iPAddress,
                            new DEROctetString(ip.address().getAddress()));
            };
        }
        return new GeneralNames(out);
    }
}
