package dev.strata.pki;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;

/** Decoding of DER certificates that never lets a parser's runtime exception escape. */
final class Der {

    /** Certificates larger than this are refused before parsing (the largest real ones are a few KiB). */
    static final int MAX_CERTIFICATE_LENGTH = 64 * 1024;

    private Der() {}

    /**
     * The certificate {@code der} encodes, which must be exactly one DER Certificate with no trailing bytes.
     *
     * @throws CertificateException with a one-line reason when it is not
     */
    static X509Certificate decodeCertificate(byte[] der) throws CertificateException {
        if (der.length == 0) {
            throw new CertificateException("empty certificate");
        }
        if (der.length > MAX_CERTIFICATE_LENGTH) {
            throw new CertificateException(
                    "certificate of " + der.length + " bytes is larger than " + MAX_CERTIFICATE_LENGTH);
        }
        if (der[0] != 0x30) {
            throw new CertificateException("not a DER SEQUENCE");
        }
        try {
            X509Certificate cert = (X509Certificate)
                    CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            if (!Arrays.equals(cert.getEncoded(), der)) {
                throw new CertificateException("trailing bytes after the certificate");
            }
            // RFC 5280 §4.1.1.3: the signatureValue BIT STRING, the certificate's last element, holds whole octets,
            // so its unused-bits octet (just before the signature's octets at the end) must be 0. The JDK's parser
            // ignores it, which would let one certificate have several encodings; OpenSSL refuses them too.
            int unusedBits = der[der.length - cert.getSignature().length - 1];
            if (unusedBits != 0) {
                throw new CertificateException("the signature BIT STRING declares " + unusedBits + " unused bits");
            }
            return cert;
        } catch (CertificateException e) {
            throw new CertificateException(oneLine(e), e);
        } catch (RuntimeException e) {
            // The JDK parser signals some malformed encodings with unchecked exceptions.
            throw new CertificateException("malformed certificate: " + e, e);
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse(m);
    }
}
