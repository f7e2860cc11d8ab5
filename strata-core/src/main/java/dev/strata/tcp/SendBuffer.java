package dev.strata.tcp;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The send buffer: octets the application wrote that are not yet acknowledged, from SND.UNA on, both sent and not
 * yet sent.
 *
 * <p>Memory grows with the content, in chunks, up to the capacity, and an empty buffer holds no array (an idle
 * connection must cost little). Reads for (re)transmission copy from any offset without consuming.
 *
 * <p>The content lives in 16 KiB chunks in a ring; the first octet is at {@code head} in the first chunk, so an offset
 * maps to a chunk by a shift. Chunks freed by {@link #consume} go to a free list of two and are reused by
 * {@link #write}; when the buffer empties, all chunks, the free list and the ring are released. Writes and copies are
 * bulk copies ({@link ByteBuffer#get(byte[], int, int)}, {@link ByteBuffer#put(byte[], int, int)}) and allocate
 * nothing once the chunks exist.
 *
 * <p>While the content fits in one chunk, that chunk is only as large as it needs to be (a power of two from
 * {@value #FIRST_CHUNK} octets up, doubling, copied, as it fills), so a request of a few hundred octets costs a few
 * hundred octets, not a 16 KiB chunk; from the second chunk on all chunks are whole.
 */
public final class SendBuffer {

    static final int CHUNK_SHIFT = 14;
    static final int CHUNK = 1 << CHUNK_SHIFT;
    private static final int CHUNK_MASK = CHUNK - 1;
    /** The smallest first chunk. */
    static final int FIRST_CHUNK = 256;

    private int capacity;
    private int size;
    /** Offset of the first octet in the first chunk. */
    private int head;

    private byte[][] ring;
    private int first;
    private int chunks;

    /** The free list: up to two spare chunks. */
    private byte[] spare1;

    private byte[] spare2;

    /** An empty buffer that holds at most {@code capacity} octets. */
    public SendBuffer(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative send buffer capacity " + capacity);
        }
        this.capacity = capacity;
    }

    /** The most octets the buffer holds. */
    public int capacity() {
        return capacity;
    }

    /** Changes the capacity (SO_SNDBUF); never below the octets held. */
    public void setCapacity(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("negative send buffer capacity " + capacity);
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

    /** Appends as much of {@code src} (position..limit) as fits, advancing its position; returns the count. */
    public int write(ByteBuffer src) {
        int n = Math.min(src.remaining(), free());
        if (n > 0 && chunks <= 1) {
            fitFirstChunk(head + size + n);
        }
        int left = n;
        while (left > 0) {
            int end = head + size; // where the next octet goes, from the start of the first chunk
            int index = end >>> CHUNK_SHIFT;
            if (index == chunks) {
                addChunk();
            }
            int offset = end & CHUNK_MASK;
            int len = Math.min(CHUNK - offset, left);
            src.get(chunk(index), offset, len);
            size += len;
            left -= len;
        }
        return n;
    }

    /**
     * Copies {@code length} octets starting {@code offset} octets after the first held octet into {@code dst} at its
     * position, advancing it.
     *
     * @throws IndexOutOfBoundsException when the range is not held
     * @throws java.nio.BufferOverflowException when {@code dst} has less room than {@code length}
     */
    public void copy(int offset, int length, ByteBuffer dst) {
        Objects.checkFromIndexSize(offset, length, size);
        if (dst.remaining() < length) {
            throw new java.nio.BufferOverflowException();
        }
        int at = head + offset;
        int left = length;
        while (left > 0) {
            int offsetInChunk = at & CHUNK_MASK;
            int len = Math.min(CHUNK - offsetInChunk, left);
            dst.put(chunk(at >>> CHUNK_SHIFT), offsetInChunk, len);
            at += len;
            left -= len;
        }
    }

    /** Drops the first {@code count} octets (acknowledged). */
    public void consume(int count) {
        if (count < 0 || count > size) {
            throw new IndexOutOfBoundsException("consume " + count + " of " + size + " octets");
        }
        size -= count;
        if (size == 0) {
            clear();
            return;
        }
        head += count;
        while (head >= CHUNK) {
            byte[] done = ring[first];
            ring[first] = null;
            first = (first + 1) & (ring.length - 1);
            chunks--;
            head -= CHUNK;
            if (spare1 == null) {
                spare1 = done;
            } else if (spare2 == null) {
                spare2 = done;
            }
        }
    }

    /** Drops everything, releasing all memory. */
    public void clear() {
        size = 0;
        head = 0;
        ring = null;
        first = 0;
        chunks = 0;
        spare1 = null;
        spare2 = null;
    }

    private byte[] chunk(int index) {
        return ring[(first + index) & (ring.length - 1)];
    }

    /**
     * Makes the only chunk hold {@code needed} octets from its start, or a whole chunk when more are needed: a first
     * chunk of its own size, or a bigger copy of the small one.
     */
    private void fitFirstChunk(int needed) {
        int want = needed >= CHUNK ? CHUNK : Math.max(FIRST_CHUNK, Integer.highestOneBit(needed - 1) << 1);
        if (chunks == 0) {
            ring = new byte[4][];
            first = 0;
            ring[0] = new byte[want];
            chunks = 1;
            return;
        }
        byte[] only = ring[first];
        if (only.length < want) {
            byte[] bigger = new byte[want];
            System.arraycopy(only, 0, bigger, 0, head + size);
            ring[first] = bigger;
        }
    }

    private void addChunk() {
        if (ring == null) {
            ring = new byte[4][];
        } else if (chunks == ring.length) {
            byte[][] bigger = new byte[ring.length * 2][];
            for (int i = 0; i < chunks; i++) {
                bigger[i] = chunk(i);
            }
            ring = bigger;
            first = 0;
        }
        byte[] c;
        if (spare2 != null) {
            c = spare2;
            spare2 = null;
        } else if (spare1 != null) {
            c = spare1;
            spare1 = null;
        } else {
            c = new byte[CHUNK];
        }
        ring[(first + chunks) & (ring.length - 1)] = c;
        chunks++;
    }

    /** Arrays held (chunks, spare chunks and the ring), for tests of the idle-memory promise. */
    int arraysHeld() {
        return chunks + (spare1 == null ? 0 : 1) + (spare2 == null ? 0 : 1) + (ring == null ? 0 : 1);
    }
}
