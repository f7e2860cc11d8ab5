package dev.strata.tls.io;

import dev.strata.tls.TlsFailure;
import java.io.IOException;
import java.io.Serial;

/** The I/O form of a TLS failure: what a blocking stream throws when the engine failed. */
public final class TlsIOException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient TlsFailure failure;

    /** An exception carrying {@code failure}. */
    public TlsIOException(TlsFailure failure) {
        super(failure.toString());
        this.failure = failure;
    }

    /** The failure. */
    public TlsFailure failure() {
        return failure;
    }
}
