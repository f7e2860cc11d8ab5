package dev.strata.tls;

import java.io.Serial;

/**
 * A fatal protocol error: the alert to send (or that was received) and why.
 *
 * <p>Thrown inside the engine's handshake and record code only; {@link TlsEngine} catches it at its boundary, sends the
 * alert and turns it into a {@link TlsFailure}, so it never escapes to a caller of the engine.
 */
public final class TlsAlertException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /** The alert that ends the connection. */
    private final transient AlertDescription alert;

    /** A fatal error for {@code alert} with a human-readable {@code reason}. */
    public TlsAlertException(AlertDescription alert, String reason) {
        super(alert.alertName() + ": " + reason);
        this.alert = alert;
    }

    /** A fatal error for {@code alert} with a reason and the underlying cause. */
    public TlsAlertException(AlertDescription alert, String reason, Throwable cause) {
        super(alert.alertName() + ": " + reason, cause);
        this.alert = alert;
    }

    /** The alert that ends the connection. */
    public AlertDescription alert() {
        return alert;
    }

    /** Shorthand for a decode_error. */
    public static TlsAlertException decode(String reason) {
        return new TlsAlertException(AlertDescription.DECODE_ERROR, reason);
    }

    /** Shorthand for an illegal_parameter. */
    public static TlsAlertException illegal(String reason) {
        return new TlsAlertException(AlertDescription.ILLEGAL_PARAMETER, reason);
    }

    /** Shorthand for an unexpected_message. */
    public static TlsAlertException unexpected(String reason) {
        return new TlsAlertException(AlertDescription.UNEXPECTED_MESSAGE, reason);
    }

    /** Shorthand for a handshake_failure. */
    public static TlsAlertException handshakeFailure(String reason) {
        return new TlsAlertException(AlertDescription.HANDSHAKE_FAILURE, reason);
    }

    /** Shorthand for an internal_error wrapping a JCA failure. */
    public static TlsAlertException internal(String reason, Throwable cause) {
        return new TlsAlertException(AlertDescription.INTERNAL_ERROR, reason, cause);
    }
}
