package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificate (RFC 8446 §4.4.2; RFC 5246 §7.4.2 when {@code requestContext} is null): the sender's chain, end-entity
 * first.
 *
 * @param requestContext certificate_request_context (TLS 1.3), or null for the TLS 1.2 form
 * @param entries the certificates, each DER-encoded X.509 with its extensions (always empty in TLS 1.2)
 */
public record CertificateMessage(byte[] requestContext, List<Entry> entries) implements HandshakeMessage {

    /**
     * One CertificateEntry.
     *
     * @param certData the DER-encoded certificate
     * @param extensions the entry's extensions (TLS 1.3 only)
     */
    public record Entry(byte[] certData, List<Extension> extensions) {}

    @Override
    public HandshakeType type() {
        return HandshakeType.CERTIFICATE;
    }

    /** Decodes a Certificate body in the TLS 1.3 ({@code tls13}) or TLS 1.2 form. */
    public static CertificateMessage decode(Reader r, boolean tls13) {
        byte[] context = tls13 ? r.vector(1, "certificate_request_context") : null;
        Reader list = r.sub(3, "certificate_list");
        List<Entry> entries = new ArrayList<>();
        while (!list.isEmpty()) {
            byte[] cert = list.vector(3, 1, 0xFFFFFF, "cert_data");
            List<Extension> ext = tls13 ? Extensions.decode(list, "CertificateEntry") : List.of();
            entries.add(new Entry(cert, ext));
            if (entries.size() > 16) {
                throw TlsAlertException.decode("certificate chain longer than 16");
            }
        }
        r.expectEnd("Certificate");
        return new CertificateMessage(context, List.copyOf(entries));
    }

    @Override
    public void encodeBody(Writer w) {
        if (requestContext != null) {
            w.vector(1, requestContext);
        }
        int mark = w.open(3);
        for (Entry e : entries) {
            w.vector(3, e.certData());
            if (requestContext != null) {
                Extensions.encode(w, e.extensions());
            }
        }
        w.close(mark);
    }

    @Override
    public String describe() {
        return entries.size() + " certificate(s)";
    }
}
