package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/**
 * CertificateVerify (RFC 8446 §4.4.3, RFC 5246 §7.4.8): a signature over the transcript.
 *
 * @param scheme the signature scheme
 * @param signature the signature octets
 */
public record CertificateVerify(SignatureScheme scheme, byte[] signature) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_VERIFY;
    }

    /** Decodes a CertificateVerify body. */
    public static CertificateVerify decode(Reader r) {
        SignatureScheme scheme = SignatureScheme.of(r.u16("algorithm"));
        byte[] sig = r.vector(2, 1, 0xFFFF, "signature");
        r.expectEnd("CertificateVerify");
        return new CertificateVerify(scheme, sig);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u16(scheme.value()).vector(2, signature);
    }

    @Override
    public String describe() {
        return "scheme=" + scheme + " signature=" + signature.length + " octets";
    }
}
