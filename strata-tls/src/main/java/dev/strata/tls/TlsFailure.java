package dev.strata.tls;

/**
 * Why a connection failed: the fatal alert, who sent it, and a human-readable reason.
 *
 * @param alert the alert description
 * @param sentByUs true when this side detected the problem and sent the alert, false when the peer sent it
 * @param reason what went wrong, for logs and the command line
 */
public record TlsFailure(AlertDescription alert, boolean sentByUs, String reason) {

    @Override
    public String toString() {
        return (sentByUs ? "sent " : "received ") + alert.alertName() + " alert: " + reason;
    }
}
