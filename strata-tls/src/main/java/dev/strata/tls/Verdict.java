package dev.strata.tls;

/** The outcome of checking a peer's certificate chain: trusted, or rejected with the alert to send and why. */
public sealed interface Verdict permits Verdict.Trusted, Verdict.Rejected {

    /** The chain is trusted for this peer. */
    record Trusted() implements Verdict {}

    /**
     * The chain is not trusted.
     *
     * @param alert the alert to send, e.g. bad_certificate, unknown_ca, certificate_expired
     * @param reason what is wrong, naming the certificate and the check
     */
    record Rejected(AlertDescription alert, String reason) implements Verdict {}

    /** A trusted verdict. */
    static Verdict trusted() {
        return new Trusted();
    }

    /** A rejection with {@code alert} and {@code reason}. */
    static Verdict rejected(AlertDescription alert, String reason) {
        return new Rejected(alert, reason);
    }
}
