package dev.strata.pki;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Verifies a peer's certificate chain against trust anchors: path building, RFC 5280 §6.1 path validation and
 * RFC 6125 §6 name matching, all in Strata's own code (the JDK's CertPathValidator is not used; the JCA only
 * verifies each signature).
 *
 * <p>Never throws on hostile input: any malformed certificate, missing issuer or failed check comes back as a
 * {@link VerificationResult.Invalid} naming its {@link FailureReason}. When several candidate paths exist (a
 * cross-signed or re-keyed CA), the first valid one is returned; if none is valid, the failure of the first
 * (shortest) candidate is reported.
 *
 * <p>Not checked: revocation (no CRL or OCSP), certificate policies, and name constraints on forms other than
 * dNSName and iPAddress (refused rather than ignored).
 */
public final class ChainVerifier {

    /** The most certificates a peer may present (leaf included); TLS stacks send two to four. */
    public static final int MAX_PRESENTED = 16;

    private ChainVerifier() {}

    /**
     * Verifies {@code chain} at instant {@code now} for {@code purpose}, and that its leaf names {@code hostOrIp}.
     *
     * @param chain the certificates the peer presented, leaf first; the rest in any order (RFC 8446 §4.4.2)
     * @param anchors the trusted certificates
     * @param now the instant the validity periods are checked at (the caller's clock, so tests can fix it)
     * @param purpose {@link Purpose#SERVER_AUTH} when verifying a server, {@link Purpose#CLIENT_AUTH} a client,
     *     {@link Purpose#ANY} to skip the key usage and extended key usage checks on the leaf and the path
     * @param hostOrIp the host name or IP literal the leaf must name, or {@code null} for no name check (a client
     *     certificate, or a CA check)
     * @return the validated path, or the reason the chain is rejected
     */
    public static VerificationResult verify(
            List<X509Certificate> chain, TrustAnchors anchors, Instant now, Purpose purpose, String hostOrIp) {
        Objects.requireNonNull(anchors, "anchors");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(purpose, "purpose");
        if (chain == null || chain.isEmpty()) {
            return invalid(FailureReason.MALFORMED, "no certificate presented");
        }
        if (chain.size() > MAX_PRESENTED) {
            return invalid(
                    FailureReason.MALFORMED,
                    chain.size() + " certificates presented, more than the limit of " + MAX_PRESENTED);
        }
        List<CertificateView> views = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            try {
                views.add(VerifierMemo.view(Objects.requireNonNull(chain.get(i), "certificate")));
            } catch (CertificateException | RuntimeException e) {
                return invalid(FailureReason.MALFORMED, "certificate " + i + " " + e.getMessage());
            }
        }
        return verifyViews(views, anchors, now, purpose, hostOrIp);
    }

    /**
     * {@link #verify} for DER encodings as a TLS Certificate message carries them (RFC 8446 §4.4.2): a certificate
     * that does not decode is {@link FailureReason#MALFORMED}.
     */
    public static VerificationResult verifyDer(
            List<byte[]> chainDer, TrustAnchors anchors, Instant now, Purpose purpose, String hostOrIp) {
        if (chainDer == null || chainDer.isEmpty()) {
            return invalid(FailureReason.MALFORMED, "no certificate presented");
        }
        if (chainDer.size() > MAX_PRESENTED) {
            return invalid(
                    FailureReason.MALFORMED,
                    chainDer.size() + " certificates presented, more than the limit of " + MAX_PRESENTED);
        }
        List<X509Certificate> certs = new ArrayList<>();
        for (int i = 0; i < chainDer.size(); i++) {
            if (chainDer.get(i) == null) {
                return invalid(FailureReason.MALFORMED, "certificate " + i + " is missing");
            }
            try {
                certs.add(Der.decodeCertificate(chainDer.get(i)));
            } catch (CertificateException e) {
                return invalid(FailureReason.MALFORMED, "certificate " + i + " " + e.getMessage());
            }
        }
        return verify(certs, anchors, now, purpose, hostOrIp);
    }

    private static VerificationResult verifyViews(
            List<CertificateView> views, TrustAnchors anchors, Instant now, Purpose purpose, String hostOrIp) {
        CertificateView leaf = views.getFirst();
        List<CertificateView> presented = new ArrayList<>();
        for (CertificateView v : views.subList(1, views.size())) {
            if (!v.sameAs(leaf) && presented.stream().noneMatch(v::sameAs)) {
                presented.add(v);
            }
        }
        PathBuilder.Outcome outcome = PathBuilder.build(leaf, presented, anchors);
        if (outcome.paths().isEmpty()) {
            return unknownCa(outcome.stuckAt());
        }
        VerificationResult.Invalid firstFailure = null;
        for (CertificationPath path : outcome.paths()) {
            Optional<VerificationResult.Invalid> failure = PathValidator.validate(path, now, purpose);
            if (failure.isEmpty()) {
                return nameCheck(leaf, hostOrIp)
                        .<VerificationResult>map(r -> r)
                        .orElseGet(() -> new VerificationResult.Valid(path.asList()));
            }
            if (firstFailure == null) {
                firstFailure = failure.get();
            }
        }
        return firstFailure;
    }

    private static Optional<VerificationResult.Invalid> nameCheck(CertificateView leaf, String hostOrIp) {
        if (hostOrIp == null) {
            return Optional.empty();
        }
        return HostnameMatcher.mismatch(
                        hostOrIp, leaf.dnsNames(), leaf.ipAddresses(), leaf.hasSubjectAltName(), leaf.commonNames())
                .map(why -> new VerificationResult.Invalid(
                        FailureReason.HOSTNAME_MISMATCH, "depth 0 (" + leaf.name() + "): " + why));
    }

    private static VerificationResult unknownCa(CertificateView stuck) {
        String detail = stuck.selfIssued()
                ? "self-signed certificate " + stuck.name() + " is not a trust anchor"
                : "no trust anchor or presented certificate is the issuer "
                        + stuck.issuer().getName() + " of " + stuck.name();
        return invalid(FailureReason.UNKNOWN_CA, detail);
    }

    private static VerificationResult invalid(FailureReason reason, String detail) {
        return new VerificationResult.Invalid(reason, detail);
    }
}
