package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * CertificateRequest of TLS 1.2 (RFC 5246 §7.4.4).
 *
 * @param certificateTypes ClientCertificateType values (1 rsa_sign, 64 ecdsa_sign)
 * @param signatureAlgorithms supported_signature_algorithms
 * @param authorities DER distinguished names of acceptable CAs (may be empty)
 */
public record CertificateRequest12(
        byte[] certificateTypes, List<SignatureScheme> signatureAlgorithms, List<byte[]> authorities)
        implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    /** Decodes a TLS 1.2 CertificateRequest body. */
    public static CertificateRequest12 decode(Reader r) {
        byte[] types = r.vector(1, 1, 255, "certificate_types");
        List<SignatureScheme> schemes = U16Lists.schemes(r.sub(2, "supported_signature_algorithms"));
        Reader cas = r.sub(2, "certificate_authorities");
        List<byte[]> names = new ArrayList<>();
        while (!cas.isEmpty()) {
            names.add(cas.vector(2, 1, 0xFFFF, "DistinguishedName"));
        }
        r.expectEnd("CertificateRequest");
        return new CertificateRequest12(types, schemes, List.copyOf(names));
    }

    @Override
    public void encodeBody(Writer w) {
        w.vector(1, certificateTypes);
        int mark = w.open(2);
        for (SignatureScheme s : signatureAlgorithms) {
            w.u16(s.value());
        }
        w.close(mark);
        mark = w.open(2);
        for (byte[] n : authorities) {
            w.vector(2, n);
        }
        w.close(mark);
    }

    @Override
    public String describe() {
        return "signature_algorithms=" + signatureAlgorithms;
    }
}
