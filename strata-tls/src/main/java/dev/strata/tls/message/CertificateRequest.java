package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.List;

/**
 * CertificateRequest of TLS 1.3 (RFC 8446 §4.3.2).
 *
 * @param requestContext certificate_request_context (empty during the handshake)
 * @param extensions the extensions; signature_algorithms is required
 */
public record CertificateRequest(byte[] requestContext, List<Extension> extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE_REQUEST;
    }

    /** Decodes a TLS 1.3 CertificateRequest body. */
    public static CertificateRequest decode(Reader r) {
        byte[] context = r.vector(1, "certificate_request_context");
        List<Extension> ext = Extensions.decode(r, "CertificateRequest");
        r.expectEnd("CertificateRequest");
        return new CertificateRequest(context, ext);
    }

    @Override
    public void encodeBody(Writer w) {
        w.vector(1, requestContext);
        Extensions.encode(w, extensions);
    }

    @Override
    public String describe() {
        return "extensions=" + extensions;
    }
}
