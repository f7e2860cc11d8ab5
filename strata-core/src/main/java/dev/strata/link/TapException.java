package dev.strata.link;

import java.io.IOException;

/**
 * Why a TAP device could not be opened: one line a person can act on (for example "needs root (CAP_NET_ADMIN) to
 * open a TAP device"), and the {@code errno} behind it when the kernel refused.
 */
public final class TapException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The errno value reported by the kernel, or 0 when the failure was found before asking it. */
    private final int errno;

    /** True when only the offloads were refused: opening without them may work. */
    private final boolean offloadsRefused;

    /** A failure with a one-line {@code message} and the kernel's {@code errno} (0 for none). */
    public TapException(String message, int errno) {
        this(message, errno, false);
    }

    /**
     * A failure with a one-line {@code message} and the kernel's {@code errno}; {@code offloadsRefused} when the
     * device opened but its offloads (IFF_VNET_HDR, TUNSETOFFLOAD) could not be set up.
     */
    public TapException(String message, int errno, boolean offloadsRefused) {
        super(message);
        this.errno = errno;
        this.offloadsRefused = offloadsRefused;
    }

    /** True when the device opened but its offloads were refused: opening without them may work. */
    public boolean offloadsRefused() {
        return offloadsRefused;
    }

    /** The errno value reported by the kernel, or 0 when the failure was found before asking it. */
    public int errno() {
        return errno;
    }
}
