package dev.strata.tcp;

import java.nio.ByteBuffer;

/**
 * The receive buffer: in-order octets that arrived and that the application has not read yet.
 *
 * <p>It keeps the received payload buffers themselves (no copy on arrival) and copies only when the application
 * reads. Its free space is what the receive window advertises. An empty buffer holds no arrays.
 *
 * <p>A queue of the appended buffers: a single buffer sits in a field, more in a ring that is allocated when the
 * second arrives and released when the queue empties, so the common cases (the application keeps up, or the buffer
 * is idle) allocate nothing. Reads are absolute bulk copies ({@link ByteBuffer#put(int, ByteBuffer, int, int)}).
 *
 * <p>Bounded memory against tiny segments: once {@value #COALESCE_AFTER} buffers are queued (the application is not
 * keeping up), payloads shorter than {@value #COPY_BELOW} octets are copied into 4 KiB blocks of the buffer's own
 * instead of being queued one object each, so a peer sending one-octet segments cannot multiply the memory a window
 * costs. The size counts payload octets, not backing arrays: a large payload sliced from a larger frame keeps the
 * frame alive, which the connection decides about when it appends.
 */
public final class ReceiveBuffer {

    /** Payloads shorter than this are copied into an own block once the queue is long. */
    static final int COPY_BELOW = 512;

    /** The queue length from which short payloads are coalesced. */
    static final int COALESCE_AFTER = 8;

    private static final int BLOCK = 4096;

    private int capacity;
    private int size;

    /** The only buffer held while {@link #ring} is null. */
    private ByteBuffer single;

    private ByteBuffer[] ring;
    private int first;
    private int count;

    /** True when the last queued buffer is an own block that may grow up to its capacity. */
    private boolean tailOwned;

    /** An empty buffer that accepts at most {@code capacity} octets. */
    public ReceiveBuffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative receive buffer capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** The most octets the buffer holds (SO_RCVBUF). */
    public int capacity() {
        return capacity;
    }

    /** Changes the capacity; never below the octets held. */
    public void setCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative receive buffer capacity " + capacity);
        }
        this.capacity = Math.max(capacity, size);
    }

    /** Octets held. */
    public int size() {
        return size;
    }

    /** Room left. */
    public int free() {
        return capacity - size;
    }

    /**
     * Appends {@code data} (position..limit; the buffer may keep it). The caller has checked it fits.
     *
     * @throws IllegalArgumentException when it does not fit (a bug in the caller's window check)
     */
    public void append(ByteBuffer data) {
        int n = data.remaining();
        if (n == 0) {
            return;
        }
        if (n > free()) {
            throw new IllegalArgumentException(n + " octets do not fit in " + free() + " free");
        }
        size += n;
        if (n < COPY_BELOW && (tailOwned || count >= COALESCE_AFTER)) {
            coalesce(data, n);
            return;
        }
        enqueue(data);
        tailOwned = false;
    }

    /** Copies a short payload to the own block at the tail, or to a new one. */
    private void coalesce(ByteBuffer data, int n) {
        ByteBuffer tail = last();
        if (tailOwned && tail.capacity() - tail.limit() >= n) {
            int at = tail.limit();
            tail.limit(at + n);
            tail.put(at, data, data.position(), n);
        } else {
            ByteBuffer own = ByteBuffer.allocate(BLOCK);
            own.put(0, data, data.position(), n);
            own.limit(n);
            enqueue(own);
            tailOwned = true;
        }
        data.position(data.limit());
    }

    private ByteBuffer last() {
        return ring == null ? single : ring[(first + count - 1) & (ring.length - 1)];
    }

    private void enqueue(ByteBuffer data) {
        if (count == 0) {
            single = data;
            count = 1;
            return;
        }
        if (ring == null) {
            ring = new ByteBuffer[8];
            ring[0] = single;
            single = null;
            first = 0;
        } else if (count == ring.length) {
            ByteBuffer[] bigger = new ByteBuffer[ring.length * 2];
            for (int i = 0; i < count; i++) {
                bigger[i] = ring[(first + i) & (ring.length - 1)];
            }
            ring = bigger;
            first = 0;
        }
        ring[(first + count) & (ring.length - 1)] = data;
        count++;
    }

    /** Moves up to {@code dst.remaining()} octets into {@code dst}; returns the count. */
    public int read(ByteBuffer dst) {
        int moved = 0;
        while (count > 0 && dst.hasRemaining()) {
            ByteBuffer src = ring == null ? single : ring[first];
            int n = Math.min(src.remaining(), dst.remaining());
            dst.put(dst.position(), src, src.position(), n);
            dst.position(dst.position() + n);
            src.position(src.position() + n);
            moved += n;
            if (!src.hasRemaining()) {
                removeFirst();
            }
        }
        size -= moved;
        return moved;
    }

    private void removeFirst() {
        count--;
        if (count == 0) {
            tailOwned = false;
        }
        if (ring == null) {
            single = null;
            return;
        }
        ring[first] = null;
        first = (first + 1) & (ring.length - 1);
        if (count == 0) {
            ring = null;
            first = 0;
        }
    }

    /** Drops everything. */
    public void clear() {
        size = 0;
        count = 0;
        single = null;
        ring = null;
        first = 0;
        tailOwned = false;
    }

    /** True when a queued buffer shares {@code array}: the frame it arrived in is still in use. */
    boolean holds(byte[] array) {
        for (int i = 0; i < count; i++) {
            ByteBuffer b = ring == null ? single : ring[(first + i) & (ring.length - 1)];
            if (b.hasArray() && b.array() == array) {
                return true;
            }
        }
        return false;
    }

    /** Number of buffers queued, for tests. */
    int buffersQueued() {
        return count;
    }

    /** Buffers and arrays held (the queued buffers and the ring), for tests of the idle-memory promise. */
    int arraysHeld() {
        return count + (ring == null ? 0 : 1);
    }
}
