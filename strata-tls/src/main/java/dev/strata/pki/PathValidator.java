package dev.strata.pki;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Validates one certification path at an instant for a purpose: RFC 5280 §6.1 basic path validation, processed
 * from the trust anchor down to the leaf, plus the TLS leaf rules of RFC 5280 §4.2.1.3 and §4.2.1.12.
 *
 * <p>For each certificate, in this order: the signature by its issuer (§6.1.3 (a)(1)), the validity period
 * (§6.1.3 (a)(2)), unhandled critical extensions (§6.1.4 (o)), the issuer's name constraints (§6.1.3 (b), (c));
 * then for each issuing certificate: cA set (§6.1.4 (k)), path length (§6.1.4 (l), (m)), keyCertSign (§6.1.4 (n)),
 * and extended key usage, if present, allowing the purpose (the "EKU chaining" that browsers enforce). The first
 * failure found is the one reported.
 */
final class PathValidator {

    private PathValidator() {}

    /** Why {@code path} is invalid at {@code now} for {@code purpose}, or empty when it is valid. */
    static Optional<VerificationResult.Invalid> validate(CertificationPath path, Instant now, Purpose purpose) {
        List<CertificateView> certs = path.certificates();
        CertificateView anchor = path.anchor();
        int anchorDepth = certs.size();

        Optional<VerificationResult.Invalid> r = validity(anchor, now, anchorDepth, "trust anchor ");
        if (r.isPresent() || certs.isEmpty()) {
            return r.or(() -> leafChecks(anchor, purpose));
        }
        r = issuerChecks(anchor, anchorDepth, purpose, true);
        if (r.isPresent()) {
            return r;
        }
        // max_path_length (§6.1.2 (k)): the anchor's own constraint, if any, counts too (RFC 5937 §3).
        int maxPathLength = anchor.pathLength().orElse(Integer.MAX_VALUE);
        List<NameConstraints> constraints = new ArrayList<>();
        anchor.nameConstraints().ifPresent(constraints::add);
        CertificateView issuer = anchor;
        for (int i = certs.size() - 1; i >= 0; i--) {
            int depth = i;
            CertificateView cert = certs.get(depth);
            r = SignatureCheck.verify(cert, issuer.publicKey(), depth)
                    .or(() -> validity(cert, now, depth, ""))
                    .or(() -> criticalExtensions(cert, depth))
                    .or(() -> nameConstraints(cert, depth, constraints));
            if (r.isPresent()) {
                return r;
            }
            if (depth > 0) {
                r = issuerChecks(cert, depth, purpose, false);
                if (r.isPresent()) {
                    return r;
                }
                if (!cert.selfIssued()) {
                    if (maxPathLength <= 0) {
                        return fail(
                                FailureReason.PATH_LENGTH_EXCEEDED,
                                at(depth, cert)
                                        + "a CA above it allows no further intermediate CAs (pathLenConstraint)");
                    }
                    maxPathLength--;
                }
                if (cert.pathLength().isPresent()) {
                    maxPathLength = Math.min(maxPathLength, cert.pathLength().getAsInt());
                }
                cert.nameConstraints().ifPresent(constraints::add);
            }
            issuer = cert;
        }
        CertificateView leaf = certs.getFirst();
        return SignatureCheck.keyStrength(leaf.publicKey(), at(0, leaf)).or(() -> leafChecks(leaf, purpose));
    }

    private static Optional<VerificationResult.Invalid> validity(
            CertificateView cert, Instant now, int depth, String role) {
        if (now.isBefore(cert.notBefore())) {
            return fail(
                    FailureReason.NOT_YET_VALID,
                    at(depth, cert) + role + "not valid before " + cert.notBefore() + " (checked at " + now + ")");
        }
        if (now.isAfter(cert.notAfter())) {
            return fail(
                    FailureReason.EXPIRED,
                    at(depth, cert) + role + "expired at " + cert.notAfter() + " (checked at " + now + ")");
        }
        return Optional.empty();
    }

    private static Optional<VerificationResult.Invalid> criticalExtensions(CertificateView cert, int depth) {
        if (cert.unhandledCritical().isEmpty()) {
            return Optional.empty();
        }
        return fail(
                FailureReason.UNHANDLED_CRITICAL_EXTENSION,
                at(depth, cert) + "critical extension "
                        + cert.unhandledCritical().getFirst() + " is not processed");
    }

    /** Checks a certificate that issued the one below it: CA flag, keyCertSign, extended key usage. */
    private static Optional<VerificationResult.Invalid> issuerChecks(
            CertificateView ca, int depth, Purpose purpose, boolean anchor) {
        String role = anchor ? "trust anchor " : "";
        if (!ca.hasBasicConstraints() || !ca.ca()) {
            return fail(
                    FailureReason.NOT_A_CA,
                    at(depth, ca) + role + "issued a certificate but is not a CA ("
                            + (ca.hasBasicConstraints() ? "cA is false" : "no basic constraints") + ")");
        }
        if (ca.keyUsage().isPresent() && !ca.keyUsage().get().contains(KeyUsage.KEY_CERT_SIGN)) {
            return fail(FailureReason.KEY_USAGE, at(depth, ca) + role + "key usage lacks keyCertSign");
        }
        if (anchor) {
            return Optional.empty(); // a trust anchor's extended key usage is not enforced
        }
        return extendedKeyUsage(ca, depth, purpose);
    }

    private static Optional<VerificationResult.Invalid> leafChecks(CertificateView leaf, Purpose purpose) {
        if (purpose == Purpose.ANY) {
            return Optional.empty();
        }
        // RFC 5280 §4.2.1.3 with RFC 8446 §4.4.2.2: TLS handshake signatures need digitalSignature.
        if (leaf.keyUsage().isPresent() && !leaf.keyUsage().get().contains(KeyUsage.DIGITAL_SIGNATURE)) {
            return fail(
                    FailureReason.KEY_USAGE,
                    at(0, leaf) + "key usage lacks digitalSignature "
                            + leaf.keyUsage().get());
        }
        return extendedKeyUsage(leaf, 0, purpose);
    }

    /** RFC 5280 §4.2.1.12: when present, the extension must list the purpose or anyExtendedKeyUsage. */
    private static Optional<VerificationResult.Invalid> extendedKeyUsage(
            CertificateView cert, int depth, Purpose purpose) {
        if (purpose == Purpose.ANY || cert.extendedKeyUsage().isEmpty()) {
            return Optional.empty();
        }
        var usages = cert.extendedKeyUsage().get();
        if (usages.contains(purpose.oid()) || usages.contains(CertificateView.ANY_EXTENDED_KEY_USAGE)) {
            return Optional.empty();
        }
        return fail(
                FailureReason.EXTENDED_KEY_USAGE,
                at(depth, cert) + "extended key usage " + usages + " does not allow " + purpose.rfcName());
    }

    /** RFC 5280 §6.1.3 (b), (c): every DNS and IP name of a certificate below a constrained CA must comply. */
    private static Optional<VerificationResult.Invalid> nameConstraints(
            CertificateView cert, int depth, List<NameConstraints> constraints) {
        for (NameConstraints nc : constraints) {
            if (nc.unsupportedForm().isPresent()) {
                return fail(
                        FailureReason.UNHANDLED_CRITICAL_EXTENSION,
                        at(depth, cert) + "an issuer's name constraints use "
                                + nc.unsupportedForm().get() + ", which Strata does not enforce");
            }
            if (cert.selfIssued() && depth > 0) {
                continue; // §6.1.3 (b): self-issued intermediates are exempt
            }
            for (String dns : cert.dnsNames()) {
                Optional<String> v = nc.checkDns(dns);
                if (v.isPresent()) {
                    return fail(FailureReason.NAME_CONSTRAINTS, at(depth, cert) + v.get());
                }
            }
            for (byte[] ip : cert.ipAddresses()) {
                Optional<String> v = nc.checkIp(ip);
                if (v.isPresent()) {
                    return fail(FailureReason.NAME_CONSTRAINTS, at(depth, cert) + v.get());
                }
            }
            if (!cert.hasSubjectAltName() && depth == 0) {
                // A leaf without SANs could be matched by its common name (RFC 6125 §6.4.4): constrain those too.
                for (String cn : cert.commonNames()) {
                    if (HostnameMatcher.isValidDnsName(cn.toLowerCase(Locale.ROOT), true)) {
                        Optional<String> v = nc.checkDns(cn);
                        if (v.isPresent()) {
                            return fail(FailureReason.NAME_CONSTRAINTS, at(depth, cert) + "common name: " + v.get());
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static String at(int depth, CertificateView cert) {
        return "depth " + depth + " (" + cert.name() + "): ";
    }

    private static Optional<VerificationResult.Invalid> fail(FailureReason reason, String detail) {
        return Optional.of(new VerificationResult.Invalid(reason, detail));
    }
}
