package dev.strata.pki;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;

/**
 * The certificates a verifier trusts without further proof, indexed by subject name.
 *
 * <p>Usually root CAs read from a PEM bundle ({@code --cafile}); an intermediate or a leaf placed here is trusted
 * too, and a path ends at the first trusted certificate it reaches. A trust anchor's validity period, basic
 * constraints, path length constraint and key usage are enforced like an intermediate's (as OpenSSL does, and as
 * RFC 5937 allows); its self-signature is not checked, since trusting it is a decision made outside X.509.
 */
public final class TrustAnchors {

    private final List<X509Certificate> certificates;
    private final Map<X500Principal, List<CertificateView>> bySubject;

    private TrustAnchors(List<CertificateView> views) {
        this.certificates = views.stream().map(CertificateView::certificate).toList();
        Map<X500Principal, List<CertificateView>> index = new HashMap<>();
        for (CertificateView v : views) {
            index.computeIfAbsent(v.subject(), k -> new ArrayList<>()).add(v);
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        this.bySubject = Map.copyOf(index);
    }

    /**
     * Anchors for {@code trusted}.
     *
     * @throws IllegalArgumentException when one of them is malformed, naming it
     */
    public static TrustAnchors of(Collection<X509Certificate> trusted) {
        List<CertificateView> views = new ArrayList<>();
        for (X509Certificate c : trusted) {
            try {
                views.add(CertificateView.parse(c));
            } catch (CertificateException e) {
                throw new IllegalArgumentException(
                        "trust anchor " + c.getSubjectX500Principal() + " is malformed: " + e.getMessage(), e);
            }
        }
        return new TrustAnchors(views);
    }

    /** Anchors for {@code trusted}; see {@link #of(Collection)}. */
    public static TrustAnchors of(X509Certificate... trusted) {
        return of(List.of(trusted));
    }

    /**
     * Anchors for every certificate in the PEM text {@code pem}.
     *
     * @throws PemException when the text holds no certificate or a malformed one
     */
    public static TrustAnchors fromPem(String pem) throws PemException {
        return fromCertificates(Pem.readCertificates(pem));
    }

    /**
     * Anchors for every certificate in the PEM file at {@code path} (a CA bundle).
     *
     * @throws PemException when the file cannot be read, holds no certificate or a malformed one
     */
    public static TrustAnchors fromPemFile(Path path) throws PemException {
        return fromCertificates(Pem.readCertificates(path));
    }

    private static TrustAnchors fromCertificates(List<X509Certificate> certs) throws PemException {
        try {
            return of(certs);
        } catch (IllegalArgumentException e) {
            throw new PemException(e.getMessage(), e);
        }
    }

    /** The trusted certificates, in the order given. */
    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** The number of trusted certificates. */
    public int size() {
        return certificates.size();
    }

    /** Anchors whose subject is {@code child}'s issuer and whose key identifier agrees with it. */
    List<CertificateView> issuersOf(CertificateView child) {
        return bySubject.getOrDefault(child.issuer(), List.of()).stream()
                .filter(a -> a.couldHaveIssued(child))
                .toList();
    }

    /** The anchor that is byte for byte {@code cert}, if it is trusted directly. */
    Optional<CertificateView> find(CertificateView cert) {
        return bySubject.getOrDefault(cert.subject(), List.of()).stream()
                .filter(a -> a.sameAs(cert))
                .findFirst();
    }
}
