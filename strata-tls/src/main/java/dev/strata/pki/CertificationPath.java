package dev.strata.pki;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate certification path (RFC 5280 §3.2): the certificates from the leaf up, each issued by the next, and
 * the trust anchor that issued the last one.
 *
 * @param certificates the leaf first, then intermediates; empty when the leaf itself is the trust anchor
 * @param anchor the trust anchor
 */
record CertificationPath(List<CertificateView> certificates, CertificateView anchor) {

    /** Copies the list. */
    CertificationPath {
        certificates = List.copyOf(certificates);
    }

    /** The end-entity certificate: the first one, or the anchor when it is trusted directly. */
    CertificateView leaf() {
        return certificates.isEmpty() ? anchor : certificates.getFirst();
    }

    /** The whole path as JDK certificates, leaf first and anchor last. */
    List<X509Certificate> asList() {
        List<X509Certificate> out = new ArrayList<>();
        certificates.forEach(c -> out.add(c.certificate()));
        out.add(anchor.certificate());
        return out;
    }
}
