package dev.strata.tls;

import dev.strata.pki.ChainVerifier;
import dev.strata.pki.FailureReason;
import dev.strata.pki.PemException;
import dev.strata.pki.Purpose;
import dev.strata.pki.TrustAnchors;
import dev.strata.pki.VerificationResult;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The {@link CertificateVerifier} backed by Strata's PKI: {@link ChainVerifier} path building and RFC 5280 §6.1
 * validation against trust anchors (usually a PEM bundle, {@code --cafile}), the purpose by the peer's role
 * (id-kp-serverAuth for a server, id-kp-clientAuth for a client, RFC 5280 §4.2.1.12) and, for a server, the RFC 6125
 * §6 host name or IP address check against the name the client asked for.
 *
 * <p>A rejection carries the alert {@link FailureReason#tlsAlert()} names (bad_certificate, unsupported_certificate,
 * certificate_expired or unknown_ca, RFC 8446 §6.2) and the reason's text, which names the certificate and the check:
 * the engine sends that alert and reports the text in its {@link TlsFailure}.
 */
public final class PkiVerifier implements CertificateVerifier {

    private final TrustAnchors anchors;
    private final InstantSource clock;

    /**
     * A verifier trusting {@code anchors}, checking validity periods at {@code clock}'s instant (a simulation passes
     * its virtual wall clock; everything else {@link InstantSource#system()}).
     */
    public PkiVerifier(TrustAnchors anchors, InstantSource clock) {
        this.anchors = Objects.requireNonNull(anchors, "anchors");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A verifier trusting {@code anchors}, on the system clock. */
    public static PkiVerifier trusting(TrustAnchors anchors) {
        return new PkiVerifier(anchors, InstantSource.system());
    }

    /**
     * A verifier trusting every certificate in the PEM bundle at {@code cafile}, on the system clock.
     *
     * @throws PemException when the file cannot be read or holds no (or a malformed) certificate
     */
    public static PkiVerifier fromPemFile(Path cafile) throws PemException {
        return trusting(TrustAnchors.fromPemFile(cafile));
    }

    /** The trust anchors. */
    public TrustAnchors anchors() {
        return anchors;
    }

    @Override
    public Verdict verify(List<X509Certificate> chain, String serverNameOrNull, Role peerRole) {
        Purpose purpose = peerRole == Role.SERVER ? Purpose.SERVER_AUTH : Purpose.CLIENT_AUTH;
        // A client certificate names a person or device, not the host the server was reached at: no name check.
        String name = peerRole == Role.SERVER ? serverNameOrNull : null;
        VerificationResult result = ChainVerifier.verify(chain, anchors, clock.instant(), purpose, name);
        return switch (result) {
            case VerificationResult.Valid v -> Verdict.trusted();
            case VerificationResult.Invalid i ->
                Verdict.rejected(AlertDescription.of(i.reason().tlsAlert()), describe(i.reason()) + ": " + i.detail());
        };
    }

    /** The reason in words, e.g. {@code certificate expired}, {@code host name mismatch}. */
    static String describe(FailureReason reason) {
        return switch (reason) {
            case EXPIRED -> "certificate expired";
            case NOT_YET_VALID -> "certificate not yet valid";
            case UNKNOWN_CA -> "unknown CA";
            case BAD_SIGNATURE -> "bad certificate signature";
            case HOSTNAME_MISMATCH -> "host name mismatch";
            case EXTENDED_KEY_USAGE -> "extended key usage forbids this purpose";
            case KEY_USAGE -> "key usage forbids this use";
            default -> reason.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    @Override
    public String toString() {
        return "PkiVerifier[" + anchors.size() + " trust anchor" + (anchors.size() == 1 ? "" : "s") + "]";
    }
}
