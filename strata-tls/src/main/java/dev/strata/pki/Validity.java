package dev.strata.pki;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * A certificate's validity period (RFC 5280 §4.1.2.5): valid from {@code notBefore} through {@code notAfter},
 * both inclusive, at one-second precision (the resolution of UTCTime and GeneralizedTime).
 *
 * @param notBefore the first instant the certificate is valid
 * @param notAfter the last instant the certificate is valid
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** Truncates both ends to whole seconds and checks that {@code notBefore} is not after {@code notAfter}. */
    public Validity {
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
        notBefore = notBefore.truncatedTo(ChronoUnit.SECONDS);
        notAfter = notAfter.truncatedTo(ChronoUnit.SECONDS);
        if (notBefore.isAfter(notAfter)) {
            throw new IllegalArgumentException("notBefore " + notBefore + " is after notAfter " + notAfter);
        }
    }

    /** A period starting at {@code from} and lasting {@code length}. */
    public static Validity starting(Instant from, Duration length) {
        return new Validity(from, from.plus(length));
    }

    /** True when {@code instant} lies inside the period (both ends inclusive, RFC 5280 §4.1.2.5). */
    public boolean contains(Instant instant) {
        return !instant.isBefore(notBefore) && !instant.isAfter(notAfter);
    }
}
