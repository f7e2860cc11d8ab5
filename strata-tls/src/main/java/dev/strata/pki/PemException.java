package dev.strata.pki;

import java.io.Serial;

/** A PEM text or file that does not hold what was asked for: its message is one line a user can act on. */
public final class PemException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public PemException(String message) {
        super(message);
    }

    /** An error described by {@code message}, caused by {@code cause}. */
    public PemException(String message, Throwable cause) {
        super(message, cause);
    }
}
