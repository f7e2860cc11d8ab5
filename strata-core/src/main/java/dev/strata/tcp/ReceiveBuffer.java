package dev.strata.tcp;

import java.nio.ByteBuffer;

/**
 * The receive buffer: in-order octets that arrived and that the application has not read yet.
 *
 * <p>It keeps the received payload buffers themselves (no copy on arrival) and copies only when the application
 * reads. Its free space is what the receive window advertises. An empty buffer holds no arrays.
 */
public final class ReceiveBuffer {

    /** An empty buffer that accepts at most {@code capacity} octets. */
    public ReceiveBuffer(int capacity) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The most octets the buffer holds (SO_RCVBUF). */
    public int capacity() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Changes the capacity; never below the octets held. */
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

    /** Appends {@code data} (position..limit; the buffer may keep it). The caller has checked it fits. */
    public void append(ByteBuffer data) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Moves up to {@code dst.remaining()} octets into {@code dst}; returns the count. */
    public int read(ByteBuffer dst) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Drops everything. */
    public void clear() {
        throw new UnsupportedOperationException("to be implemented");
    }
}
