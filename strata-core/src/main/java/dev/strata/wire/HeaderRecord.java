package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A protocol header described as a value, which can write itself into a buffer.
 *
 * <p>Packets are built back to front: the payload is placed first, leaving headroom, and each layer then
 * {@linkplain #prepend prepends} its header in place, so no layer copies the payload. A header with length or
 * checksum fields that cover its payload takes the payload to run from the end of the header to the buffer's limit.
 */
public interface HeaderRecord {

    /** Number of octets {@link #emit} writes. */
    int length();

    /** Writes the header at absolute index {@code at} of {@code buf}, which must have room for it. */
    void emit(ByteBuffer buf, int at);

    /**
     * Writes the header just before {@code buf}'s position and moves the position back to its first octet.
     *
     * @throws IllegalStateException if the headroom before the position is too small
     */
    default void prepend(ByteBuffer buf) {
        int at = buf.position() - length();
        if (at < 0) {
            throw new IllegalStateException("no headroom for a " + length() + "-octet header");
        }
        emit(buf, at);
        buf.position(at);
    }
}
