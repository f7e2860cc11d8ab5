package dev.strata.pki;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/** The outcome of verifying a certificate chain: the validated path, or the reason it was rejected. */
public sealed interface VerificationResult permits VerificationResult.Valid, VerificationResult.Invalid {

    /**
     * The chain is valid for the purpose and name asked for.
     *
     * @param path the validated path: the leaf first, each certificate's issuer after it, the trust anchor last
     *     (a single element when the leaf itself is trusted)
     */
    record Valid(List<X509Certificate> path) implements VerificationResult {
        /** Copies the path. */
        public Valid {
            path = List.copyOf(path);
        }

        /** The end-entity certificate, whose public key the peer proved possession of. */
        public X509Certificate leaf() {
            return path.getFirst();
        }

        /** The trust anchor the path ends at. */
        public X509Certificate anchor() {
            return path.getLast();
        }
    }

    /**
     * The chain is rejected for {@code reason}.
     *
     * @param reason the classification, with its TLS alert
     * @param detail one line naming the certificate concerned and what was wrong, for logs and users
     */
    record Invalid(FailureReason reason, String detail) implements VerificationResult {
        /** Checks both fields are present. */
        public Invalid {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        @Override
        public String toString() {
            return reason + ": " + detail;
        }
    }

    /** True for {@link Valid}. */
    default boolean isValid() {
        return this instanceof Valid;
    }
}
