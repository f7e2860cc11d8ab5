package dev.strata.ip;

/**
 * Frame arrays whose receiver has finished with them, kept for reuse on the same thread (see
 * {@link Frames#recycle} and {@link Frames#allocateForOverwrite}).
 *
 * <p>A bulk transfer in the simulator then builds each frame in memory that is still in the caches, where a new
 * array is fresh memory that the CPU must first fetch and zero: about a quarter of the time of a transfer at MTU
 * 1500. Every scheduler runs on one thread, and a frame is sent and received on the same one in the simulator, so
 * one pool per thread needs no locking. Arrays are kept by exact length (full-sized segments of a connection all
 * have the same), in a few stacks, the most recently given back taken first, at most {@link #MAX_BYTES} per thread.
 */
final class FramePool {

    /** Array lengths kept at a time. */
    static final int SIZES = 8;

    /** Arrays kept of one length. */
    static final int PER_SIZE = 256;

    /** Octets kept per thread. */
    static final long MAX_BYTES = 4L << 20;

    private static final ThreadLocal<FramePool> POOLS = ThreadLocal.withInitial(FramePool::new);

    private final int[] lengths = new int[SIZES];
    private final byte[][][] stacks = new byte[SIZES][][];
    private final int[] counts = new int[SIZES];
    private long bytes;
    private int victim;

    /** An empty pool; {@link #current()} is the calling thread's. */
    FramePool() {}

    /** The calling thread's pool. */
    static FramePool current() {
        return POOLS.get();
    }

    /** An array of exactly {@code length} octets given back earlier (holding old octets), or null. */
    byte[] take(int length) {
        for (int i = 0; i < SIZES; i++) {
            if (lengths[i] == length) {
                int n = counts[i];
                if (n == 0) {
                    return null;
                }
                byte[] a = stacks[i][--n];
                stacks[i][n] = null;
                counts[i] = n;
                bytes -= length;
                return a;
            }
        }
        return null;
    }

    /** Keeps {@code array} for reuse, unless the pool is full; nothing else may refer to it. */
    void give(byte[] array) {
        int length = array.length;
        if (bytes + length > MAX_BYTES) {
            return;
        }
        int free = -1;
        for (int i = 0; i < SIZES; i++) {
            if (lengths[i] == length) {
                push(i, array);
                return;
            }
            if (free < 0 && counts[i] == 0) {
                free = i;
            }
        }
        if (free < 0) {
            // Every stack holds another length: empty one in turn, so lengths no longer sent do not stay forever.
            free = victim;
            victim = (victim + 1) % SIZES;
            bytes -= (long) counts[free] * lengths[free];
            java.util.Arrays.fill(stacks[free], 0, counts[free], null);
            counts[free] = 0;
        }
        lengths[free] = length;
        push(free, array);
    }

    private void push(int i, byte[] array) {
        if (stacks[i] == null) {
            stacks[i] = new byte[PER_SIZE][];
        }
        int n = counts[i];
        if (n < PER_SIZE) {
            stacks[i][n] = array;
            counts[i] = n + 1;
            bytes += array.length;
        }
    }
}
