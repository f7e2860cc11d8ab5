package dev.strata.tcp;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * The receiver's out-of-order queue (RFC 9293 §3.10.7.4, "segment text"): segments beyond RCV.NXT wait here until
 * the gap before them fills; it also produces the SACK blocks to advertise (RFC 2018 §4).
 *
 * <p>Bounded: at most {@code maxBytes} octets and {@code maxRanges} distinct ranges are held; a segment that does not
 * fit is refused (the sender will retransmit it). Overlapping data is trimmed to what is not yet held. Memory is
 * proportional to the data held; an empty queue holds no buffers.
 */
public final class ReassemblyQueue {

    /** An empty queue with the given bounds. */
    public ReassemblyQueue(int maxBytes, int maxRanges) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Stores {@code data} (position..limit; the queue may keep the buffer, the caller must not change it) as octets
     * starting at {@code seq}, which lies after {@code rcvNxt}.
     *
     * @return false when the bounds refused it
     */
    public boolean add(int rcvNxt, int seq, ByteBuffer data) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Removes the data now contiguous with {@code rcvNxt}, in order, handing each piece to {@code sink}; also drops
     * anything wholly below {@code rcvNxt}.
     *
     * @return the octets handed over (RCV.NXT advances by this much)
     */
    public int drain(int rcvNxt, Consumer<ByteBuffer> sink) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Writes the SACK blocks to advertise into {@code left}/{@code right} (right edge exclusive): the block holding
     * the most recently received segment first, then the others, most recent first (RFC 2018 §4).
     *
     * @return the number of blocks written, at most {@code max}
     */
    public int sackBlocks(int[] left, int[] right, int max) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Octets held. */
    public int bytes() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** True when nothing is held. */
    public boolean isEmpty() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Drops everything. */
    public void clear() {
        throw new UnsupportedOperationException("to be implemented");
    }
}
