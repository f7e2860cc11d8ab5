package dev.strata.tcp;

import java.nio.ByteBuffer;

/**
 * The send buffer: octets the application wrote that are not yet acknowledged, from SND.UNA on, both sent and not
 * yet sent.
 *
 * <p>Memory grows with the content, in chunks, up to the capacity, and an empty buffer holds no array (an idle
 * connection must cost little). Reads for (re)transmission copy from any offset without consuming.
 */
public final class SendBuffer {

    /** An empty buffer that holds at most {@code capacity} octets. */
    public SendBuffer(int capacity) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The most octets the buffer holds. */
    public int capacity() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Changes the capacity (SO_SNDBUF); never below the octets held. */
    public void setCapacity(int capacity) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Octets held. */
    public int size() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Room left. */
    public int free() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Appends as much of {@code src} (position..limit) as fits, advancing its position; returns the count. */
    public int write(ByteBuffer src) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Copies {@code length} octets starting {@code offset} octets after the first held octet into {@code dst} at its
     * position, advancing it.
     */
    public void copy(int offset, int length, ByteBuffer dst) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Drops the first {@code count} octets (acknowledged). */
    public void consume(int count) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Drops everything. */
    public void clear() {
        throw new UnsupportedOperationException("to be implemented");
    }
}
