package dev.strata.tcp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The receiver's out-of-order queue (RFC 9293 §3.10.7.4, "segment text"): segments beyond RCV.NXT wait here until
 * the gap before them fills; it also produces the SACK blocks to advertise (RFC 2018 §4).
 *
 * <p>Bounded: at most {@code maxBytes} octets and {@code maxRanges} distinct ranges are held; a segment that does not
 * fit is refused (the sender will retransmit it). Overlapping data is trimmed to what is not yet held. Memory is
 * proportional to the data held; an empty queue holds no buffers.
 *
 * <p>Two sorted arrays: the pieces (disjoint [seq, seq + remaining) buffers, in sequence order) and the ranges (the
 * maximal contiguous runs of pieces, each stamped with the arrival that last touched it, for the SACK order). A
 * segment that arrives whole into a gap is kept as the caller's buffer, without a copy or a slice; only trimmed
 * segments are sliced. All sequence comparisons use {@link Seq}, so the queue works across 2^32 as long as what it
 * holds spans less than 2^31 octets.
 */
public final class ReassemblyQueue {

    private static final int INITIAL_CAPACITY = 8;

    private final int maxBytes;
    private final int maxRanges;

    private int[] pieceSeq;
    private ByteBuffer[] pieceBuf;
    private int pieces;

    private int[] rangeLeft;
    private int[] rangeRight;
    private long[] rangeStamp;
    private int ranges;

    private int bytes;
    private long clock;

    /** An empty queue with the given bounds. */
    public ReassemblyQueue(int maxBytes, int maxRanges) {
        if (maxBytes < 0 || maxRanges < 1) {
            throw new IllegalArgumentException("reassembly bounds need maxBytes >= 0 and maxRanges >= 1");
        }
        this.maxBytes = maxBytes;
        this.maxRanges = maxRanges;
    }

    /**
     * Stores {@code data} (position..limit; the queue may keep the buffer, the caller must not change it) as octets
     * starting at {@code seq}, which lies after {@code rcvNxt}.
     *
     * <p>Octets below {@code rcvNxt} and octets already held are dropped (the first copy is kept); a segment with
     * nothing new is accepted and counts as the most recent arrival for the SACK order.
     *
     * @return false when the bounds refused it
     */
    public boolean add(int rcvNxt, int seq, ByteBuffer data) {
        int length = data.remaining();
        int end = seq + length;
        int s = seq;
        if (length == 0 || Seq.le(end, rcvNxt)) {
            return true; // nothing at or above RCV.NXT
        }
        if (Seq.lt(s, rcvNxt)) {
            s = rcvNxt;
        }
        // i: first range ending at or after s (overlapping or touching); j: last range starting at or before end.
        int i = firstRangeEndingAtOrAfter(s);
        int j = i - 1;
        while (j + 1 < ranges && Seq.le(rangeLeft[j + 1], end)) {
            j++;
        }
        long covered = 0;
        for (int r = i; r <= j; r++) {
            int lo = Seq.max(rangeLeft[r], s);
            int hi = Seq.min(rangeRight[r], end);
            if (Seq.lt(lo, hi)) {
                covered += hi - lo;
            }
        }
        long fresh = (long) (end - s) - covered;
        if (fresh == 0) {
            rangeStamp[i] = ++clock; // a duplicate: still the most recent arrival (RFC 2018 §4)
            return true;
        }
        int rangesAfter = ranges - (j - i + 1) + 1;
        if (bytes + fresh > maxBytes || (rangesAfter > maxRanges && rangesAfter > ranges)) {
            return false;
        }
        ensureStorage();
        // Store the gaps of [s, end) that no range covers, each as a piece.
        int cursor = s;
        for (int r = i; r <= j + 1; r++) {
            int gapEnd = r <= j ? Seq.min(rangeLeft[r], end) : end;
            if (Seq.lt(cursor, gapEnd)) {
                ByteBuffer piece = cursor == seq && gapEnd == end
                        ? data
                        : data.slice(data.position() + (cursor - seq), gapEnd - cursor);
                insertPiece(cursor, piece);
            }
            if (r <= j) {
                cursor = Seq.max(cursor, rangeRight[r]);
            }
        }
        bytes += (int) fresh;
        mergeRanges(i, j, s, end);
        return true;
    }

    private int firstRangeEndingAtOrAfter(int seq) {
        int lo = 0;
        int hi = ranges - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.lt(rangeRight[mid], seq)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private void insertPiece(int seq, ByteBuffer buf) {
        int lo = 0;
        int hi = pieces - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.lt(pieceSeq[mid], seq)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (pieces == pieceSeq.length) {
            pieceSeq = Arrays.copyOf(pieceSeq, pieces * 2);
            pieceBuf = Arrays.copyOf(pieceBuf, pieces * 2);
        }
        System.arraycopy(pieceSeq, lo, pieceSeq, lo + 1, pieces - lo);
        System.arraycopy(pieceBuf, lo, pieceBuf, lo + 1, pieces - lo);
        pieceSeq[lo] = seq;
        pieceBuf[lo] = buf;
        pieces++;
    }

    /** Replaces ranges i..j (possibly none, i = j + 1) with their union with [s, end), stamped as the latest. */
    private void mergeRanges(int i, int j, int s, int end) {
        long stamp = ++clock;
        if (i > j) {
            if (ranges == rangeLeft.length) {
                rangeLeft = Arrays.copyOf(rangeLeft, ranges * 2);
                rangeRight = Arrays.copyOf(rangeRight, ranges * 2);
                rangeStamp = Arrays.copyOf(rangeStamp, ranges * 2);
            }
            System.arraycopy(rangeLeft, i, rangeLeft, i + 1, ranges - i);
            System.arraycopy(rangeRight, i, rangeRight, i + 1, ranges - i);
            System.arraycopy(rangeStamp, i, rangeStamp, i + 1, ranges - i);
            rangeLeft[i] = s;
            rangeRight[i] = end;
            rangeStamp[i] = stamp;
            ranges++;
            return;
        }
        rangeLeft[i] = Seq.min(s, rangeLeft[i]);
        rangeRight[i] = Seq.max(end, rangeRight[j]);
        rangeStamp[i] = stamp;
        int removed = j - i;
        System.arraycopy(rangeLeft, j + 1, rangeLeft, i + 1, ranges - j - 1);
        System.arraycopy(rangeRight, j + 1, rangeRight, i + 1, ranges - j - 1);
        System.arraycopy(rangeStamp, j + 1, rangeStamp, i + 1, ranges - j - 1);
        ranges -= removed;
    }

    /**
     * Removes the data now contiguous with {@code rcvNxt}, in order, handing each piece to {@code sink}; also drops
     * anything wholly below {@code rcvNxt}.
     *
     * @return the octets handed over (RCV.NXT advances by this much)
     */
    public int drain(int rcvNxt, Consumer<ByteBuffer> sink) {
        if (pieces == 0) {
            return 0;
        }
        int next = rcvNxt;
        int handed = 0;
        int done = 0;
        while (done < pieces) {
            int seq = pieceSeq[done];
            ByteBuffer buf = pieceBuf[done];
            int len = buf.remaining();
            int end = seq + len;
            if (Seq.le(end, next)) {
                bytes -= len; // wholly below RCV.NXT: the data arrived by another path
                pieceBuf[done++] = null;
                continue;
            }
            if (Seq.gt(seq, next)) {
                break; // a gap
            }
            if (Seq.lt(seq, next)) {
                int skip = next - seq;
                bytes -= skip;
                len -= skip;
                buf = buf.slice(buf.position() + skip, len);
            }
            pieceBuf[done++] = null;
            bytes -= len;
            handed += len;
            next = end;
            sink.accept(buf);
        }
        System.arraycopy(pieceSeq, done, pieceSeq, 0, pieces - done);
        System.arraycopy(pieceBuf, done, pieceBuf, 0, pieces - done);
        Arrays.fill(pieceBuf, pieces - done, pieces, null);
        pieces -= done;
        // The ranges follow the pieces: drop those now below, trim one that straddles.
        int drop = 0;
        while (drop < ranges && Seq.le(rangeRight[drop], next)) {
            drop++;
        }
        System.arraycopy(rangeLeft, drop, rangeLeft, 0, ranges - drop);
        System.arraycopy(rangeRight, drop, rangeRight, 0, ranges - drop);
        System.arraycopy(rangeStamp, drop, rangeStamp, 0, ranges - drop);
        ranges -= drop;
        if (ranges > 0 && Seq.lt(rangeLeft[0], next)) {
            rangeLeft[0] = next;
        }
        if (pieces == 0) {
            release();
        }
        return handed;
    }

    /**
     * Writes the SACK blocks to advertise into {@code left}/{@code right} (right edge exclusive): the block holding
     * the most recently received segment first, then the others, most recent first (RFC 2018 §4).
     *
     * @return the number of blocks written, at most {@code max}
     */
    public int sackBlocks(int[] left, int[] right, int max) {
        int n = Math.min(Math.min(max, ranges), Math.min(left.length, right.length));
        long below = Long.MAX_VALUE;
        for (int k = 0; k < n; k++) {
            // the most recent stamp below the previous pick (stamps are unique)
            int best = -1;
            for (int r = 0; r < ranges; r++) {
                if (rangeStamp[r] < below && (best < 0 || rangeStamp[r] > rangeStamp[best])) {
                    best = r;
                }
            }
            left[k] = rangeLeft[best];
            right[k] = rangeRight[best];
            below = rangeStamp[best];
        }
        return n;
    }

    /** Octets held. */
    public int bytes() {
        return bytes;
    }

    /** Number of distinct contiguous ranges held. */
    public int ranges() {
        return ranges;
    }

    /** True when nothing is held. */
    public boolean isEmpty() {
        return pieces == 0;
    }

    /** Drops everything. */
    public void clear() {
        pieces = 0;
        ranges = 0;
        bytes = 0;
        release();
    }

    private void ensureStorage() {
        if (pieceSeq == null) {
            pieceSeq = new int[INITIAL_CAPACITY];
            pieceBuf = new ByteBuffer[INITIAL_CAPACITY];
            rangeLeft = new int[INITIAL_CAPACITY];
            rangeRight = new int[INITIAL_CAPACITY];
            rangeStamp = new long[INITIAL_CAPACITY];
        }
    }

    private void release() {
        pieceSeq = null;
        pieceBuf = null;
        rangeLeft = null;
        rangeRight = null;
        rangeStamp = null;
    }

    /** Arrays currently allocated (0 when empty), for tests of the memory bound. */
    int arraysHeld() {
        return pieceSeq == null ? 0 : 5;
    }
}
