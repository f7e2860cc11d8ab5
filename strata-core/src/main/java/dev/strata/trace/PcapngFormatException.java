package dev.strata.trace;

import java.io.IOException;

/** Thrown by {@link PcapngReader} when the bytes are not a well-formed pcapng file; the message says where and why. */
public final class PcapngFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The byte offset in the file of the block that is malformed. */
    private final long offset;

    /** A failure at byte {@code offset} of the file. */
    public PcapngFormatException(long offset, String reason) {
        super("malformed pcapng at byte " + offset + ": " + reason);
        this.offset = offset;
    }

    /** The byte offset in the file of the block that is malformed. */
    public long offset() {
        return offset;
    }
}
