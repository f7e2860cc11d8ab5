package dev.strata.pki;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Finds candidate certification paths from a leaf to a trust anchor through the certificates a peer presented.
 *
 * <p>Links are made by name (the issuer's subject equals the child's issuer, RFC 5280 §6.1.3 (a)(4)) and, when both
 * are present, by key identifier (§4.2.1.1); signatures are checked later by {@link PathValidator}. The presented
 * certificates may come in any order and may include extras (TLS 1.3 allows that, RFC 8446 §4.4.2). The search is
 * depth-first with trust anchors tried before presented certificates, so the shortest paths come first, and is
 * bounded in depth, in paths and in steps so a hostile list cannot make it slow.
 */
final class PathBuilder {

    /** The most certificates between the leaf and the anchor (intermediates), as OpenSSL's default depth allows. */
    static final int MAX_INTERMEDIATES = 8;

    private static final int MAX_PATHS = 8;
    private static final int MAX_STEPS = 256;

    private final List<CertificateView> presented;
    private final TrustAnchors anchors;
    private final List<CertificationPath> found = new ArrayList<>();
    private int steps;
    private CertificateView deepestStuck;
    private int deepestStuckDepth = -1;

    private PathBuilder(List<CertificateView> presented, TrustAnchors anchors) {
        this.presented = presented;
        this.anchors = anchors;
    }

    /** What the search found: the candidate paths, or the certificate whose issuer could not be found. */
    record Outcome(List<CertificationPath> paths, CertificateView stuckAt) {}

    /** Candidate paths for {@code leaf}, using {@code presented} as untrusted intermediates. */
    static Outcome build(CertificateView leaf, List<CertificateView> presented, TrustAnchors anchors) {
        PathBuilder b = new PathBuilder(presented, anchors);
        var direct = anchors.find(leaf);
        if (direct.isPresent()) {
            b.found.add(new CertificationPath(List.of(), direct.get()));
        }
        List<CertificateView> path = new ArrayList<>();
        path.add(leaf);
        b.extend(path);
        return new Outcome(List.copyOf(b.found), b.deepestStuck == null ? leaf : b.deepestStuck);
    }

    private void extend(List<CertificateView> path) {
        CertificateView current = path.getLast();
        if (found.size() >= MAX_PATHS || ++steps > MAX_STEPS) {
            return;
        }
        boolean progressed = false;
        for (CertificateView anchor : anchors.issuersOf(current)) {
            if (found.size() < MAX_PATHS) {
                found.add(new CertificationPath(path, anchor));
                progressed = true;
            }
        }
        if (path.size() <= MAX_INTERMEDIATES) {
            for (CertificateView next : candidates(current, path)) {
                path.add(next);
                extend(path);
                path.removeLast();
                progressed = true;
            }
        }
        if (!progressed && path.size() > deepestStuckDepth) {
            deepestStuck = current;
            deepestStuckDepth = path.size();
        }
    }

    /** Presented certificates that could have issued {@code child} and are not already on the path. */
    private List<CertificateView> candidates(CertificateView child, List<CertificateView> path) {
        return presented.stream()
                .filter(p -> p.couldHaveIssued(child))
                .filter(p -> path.stream().noneMatch(p::sameAs))
                // Prefer an issuer whose subject key identifier matches the child's authority key identifier.
                .sorted(Comparator.comparing((CertificateView p) -> !keyIdsMatch(p, child)))
                .toList();
    }

    private static boolean keyIdsMatch(CertificateView issuer, CertificateView child) {
        return issuer.subjectKeyId().isPresent()
                && child.authorityKeyId().isPresent()
                && Arrays.equals(
                        issuer.subjectKeyId().get(), child.authorityKeyId().get());
    }
}
