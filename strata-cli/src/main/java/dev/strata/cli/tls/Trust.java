package dev.strata.cli.tls;

import dev.strata.pki.Pem;
import dev.strata.pki.PemException;
import dev.strata.pki.TrustAnchors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Where the TLS commands find their trust anchors: {@code --cafile}, or the system's CA bundle. */
final class Trust {

    /** The usual places of the system's CA bundle (Debian/Ubuntu, Fedora/RHEL, Alpine/macOS). */
    static final List<Path> SYSTEM_BUNDLES = List.of(
            Path.of("/etc/ssl/certs/ca-certificates.crt"),
            Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
            Path.of("/etc/ssl/cert.pem"));

    /**
     * Trust anchors and where they came from.
     *
     * @param anchors the certificates trusted
     * @param source a description for the session report, e.g. {@code ca.pem}
     */
    record Loaded(TrustAnchors anchors, String source) {
        String describe() {
            return "verified by Strata's PKI against " + source + " (" + anchors.size() + " trust anchor"
                    + (anchors.size() == 1 ? "" : "s") + ")";
        }
    }

    private Trust() {}

    /** The anchors in {@code cafile}; the message of the exception names what is wrong. */
    static Loaded fromFile(Path cafile) throws PemException {
        if (!Files.isRegularFile(cafile) || !Files.isReadable(cafile)) {
            throw new PemException(cafile + " is not a readable file");
        }
        return new Loaded(TrustAnchors.fromPemFile(cafile), cafile.toString());
    }

    /**
     * The system bundle's anchors, skipping any certificate Strata's parser refuses; empty when no bundle exists.
     */
    static java.util.Optional<Loaded> system() {
        for (Path p : SYSTEM_BUNDLES) {
            if (!Files.isReadable(p)) {
                continue;
            }
            try {
                List<X509Certificate> usable = new ArrayList<>();
                for (X509Certificate c : Pem.readCertificates(p)) {
                    try {
                        TrustAnchors.of(c);
                        usable.add(c);
                    } catch (IllegalArgumentException e) {
                        // an anchor Strata cannot parse is one it cannot chain to: leave it out
                    }
                }
                if (!usable.isEmpty()) {
                    return java.util.Optional.of(new Loaded(TrustAnchors.of(usable), p.toString()));
                }
            } catch (PemException e) {
                // an unreadable bundle: try the next place
            }
        }
        return java.util.Optional.empty();
    }
}
