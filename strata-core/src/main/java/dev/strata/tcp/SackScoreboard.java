package dev.strata.tcp;

import java.util.Arrays;
import java.util.Objects;

/**
 * The sender's SACK scoreboard (RFC 6675 §3-4): which octets above SND.UNA the receiver has reported holding, and
 * the loss-recovery questions asked of it (IsLost, SetPipe, NextSeg).
 *
 * <p>Sequence numbers are 32-bit and compared with {@link Seq}. Memory is bounded by the number of distinct SACKed
 * ranges, which the caller bounds by the send window.
 *
 * <p>The ranges are kept as sorted, disjoint, non-adjacent [left, right) pairs in two int arrays; a block that
 * overlaps or touches held ranges is merged with them. Every operation is O(ranges) and allocation-free, except the
 * {@link Hole} results and the arrays' growth.
 *
 * <p>Conventions: {@code highData} and {@code sndNxt} are exclusive ends (HighData + 1 in RFC 6675's terms);
 * {@code highRxt} in {@link #pipe} and {@code from} in {@link #nextLost} are exclusive as well: the octets below were
 * retransmitted in this recovery (RFC 6675's HighRxt + 1).
 *
 * <p>For PRR's DeliveredData (RFC 6937 §3: change_in(snd.una) + change_in(SACKd)) use the change of
 * {@link #sackedBytes()} across {@link #update} plus the advance of SND.UNA, not update's result alone: octets SACKed
 * earlier and now covered by the cumulative ACK must not count twice.
 */
public final class SackScoreboard {

    /** Arrays larger than this are released when the scoreboard empties. */
    private static final int KEEP_CAPACITY = 8;

    private static final int[] NONE = {};

    private int[] lefts;
    private int[] rights;
    private int count;
    private long sacked;

    /** An empty scoreboard. */
    public SackScoreboard() {
        lefts = NONE;
        rights = NONE;
    }

    /** Forgets everything (after an RTO, RFC 6675 §5.1, or when the connection resets). */
    public void clear() {
        count = 0;
        sacked = 0;
        trimStorage();
    }

    /**
     * Records an ACK: drops ranges at or below {@code sndUna} (already cumulatively acknowledged) and adds the given
     * SACK blocks, ignoring blocks that are not within (sndUna, sndNxt] (RFC 6675 §4: invalid or D-SACK blocks).
     *
     * <p>A block is taken when sndUna <= left < right <= sndNxt; any other block (a D-SACK below SND.UNA, one
     * reaching beyond what was sent, an empty or inverted one) is ignored whole.
     *
     * @param sndUna the cumulative ACK point after this ACK
     * @param sndNxt the highest sequence sent (HighData + 1)
     * @param left left edges of the blocks
     * @param right right edges (exclusive) of the blocks
     * @param count number of blocks in the arrays
     * @return octets newly marked SACKed by this ACK
     */
    public long update(int sndUna, int sndNxt, int[] left, int[] right, int count) {
        dropBelow(sndUna);
        long added = 0;
        for (int i = 0; i < count; i++) {
            int a = left[i];
            int b = right[i];
            if (Seq.le(sndUna, a) && Seq.lt(a, b) && Seq.le(b, sndNxt)) {
                added += insert(a, b);
            }
        }
        if (this.count == 0) {
            trimStorage();
        }
        return added;
    }

    /** Removes what lies below {@code sndUna}, trimming a range that straddles it. */
    private void dropBelow(int sndUna) {
        int drop = 0;
        while (drop < count && Seq.le(rights[drop], sndUna)) {
            sacked -= rights[drop] - lefts[drop];
            drop++;
        }
        removeRange(0, drop);
        if (count > 0 && Seq.lt(lefts[0], sndUna)) {
            sacked -= sndUna - lefts[0];
            lefts[0] = sndUna;
        }
    }

    /** Merges [a, b) into the ranges; returns the octets that were not held before. */
    private long insert(int a, int b) {
        // i: first range ending at or after a (overlapping or touching); j: last range starting at or before b.
        int i = 0;
        while (i < count && Seq.lt(rights[i], a)) {
            i++;
        }
        int j = i - 1;
        while (j + 1 < count && Seq.le(lefts[j + 1], b)) {
            j++;
        }
        long length = b - a;
        if (i > j) {
            ensureCapacity(count + 1);
            System.arraycopy(lefts, i, lefts, i + 1, count - i);
            System.arraycopy(rights, i, rights, i + 1, count - i);
            lefts[i] = a;
            rights[i] = b;
            count++;
            sacked += length;
            return length;
        }
        long covered = 0;
        for (int r = i; r <= j; r++) {
            int lo = Seq.max(lefts[r], a);
            int hi = Seq.min(rights[r], b);
            if (Seq.lt(lo, hi)) {
                covered += hi - lo;
            }
        }
        int newLeft = Seq.min(a, lefts[i]);
        int newRight = Seq.max(b, rights[j]);
        long before = 0;
        for (int r = i; r <= j; r++) {
            before += rights[r] - lefts[r];
        }
        lefts[i] = newLeft;
        rights[i] = newRight;
        removeRange(i + 1, j - i);
        sacked += (long) (newRight - newLeft) - before;
        return length - covered;
    }

    private void removeRange(int from, int n) {
        if (n <= 0) {
            return;
        }
        System.arraycopy(lefts, from + n, lefts, from, count - from - n);
        System.arraycopy(rights, from + n, rights, from, count - from - n);
        count -= n;
    }

    private void ensureCapacity(int needed) {
        if (needed > lefts.length) {
            int capacity = Math.max(4, Math.max(needed, lefts.length * 2));
            lefts = Arrays.copyOf(lefts, capacity);
            rights = Arrays.copyOf(rights, capacity);
        }
    }

    private void trimStorage() {
        if (lefts.length > KEEP_CAPACITY) {
            lefts = NONE;
            rights = NONE;
        }
    }

    /** True when octet {@code seq} has been SACKed. */
    public boolean isSacked(int seq) {
        int r = rangeAtOrBelow(seq);
        return r >= 0 && Seq.lt(seq, rights[r]);
    }

    /** The index of the last range whose left edge is at or below {@code seq}, or -1 (binary search). */
    private int rangeAtOrBelow(int seq) {
        int lo = 0;
        int hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Seq.le(lefts[mid], seq)) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return hi;
    }

    /**
     * RFC 6675 §4 IsLost(SeqNum): true when DupThresh discontiguous SACKed sequences lie above {@code seq}, or
     * more than (DupThresh - 1) * SMSS octets above it are SACKed.
     *
     * <p>"Discontiguous SACKed sequences" are counted as the SACKed ranges holding octets above {@code seq}.
     */
    public boolean isLost(int seq, int smss, int dupThresh) {
        long limit = (long) (dupThresh - 1) * smss;
        int ranges = 0;
        long bytes = 0;
        for (int r = count - 1; r >= 0; r--) {
            if (Seq.le(rights[r], seq + 1)) {
                break; // this range and all below hold no octet above seq
            }
            int from = Seq.gt(lefts[r], seq) ? lefts[r] : seq + 1;
            bytes += rights[r] - from;
            ranges++;
            if (ranges >= dupThresh || bytes > limit) {
                return true;
            }
        }
        return ranges >= dupThresh || bytes > limit;
    }

    /**
     * RFC 6675 §4 SetPipe(): the octets believed in flight between {@code sndUna} and {@code highData}, counting
     * each unSACKed octet once if not lost, and once more if retransmitted below {@code highRxt}.
     */
    public long pipe(int sndUna, int highData, int highRxt, int smss, int dupThresh) {
        long limit = (long) (dupThresh - 1) * smss;
        long pipe = 0;
        int rangesAbove = 0;
        long bytesAbove = 0;
        int holeEnd = highData;
        // Walk the holes from the top: every octet of one hole has the same SACKed ranges above it, so IsLost() is
        // the same for the whole hole.
        for (int r = count - 1; r >= -1; r--) {
            int holeStart = r >= 0 ? rights[r] : sndUna;
            int s = Seq.max(holeStart, sndUna);
            int e = Seq.min(holeEnd, highData);
            if (Seq.lt(s, e)) {
                boolean lost = rangesAbove >= dupThresh || bytesAbove > limit;
                if (!lost) {
                    pipe += e - s; // RFC 6675 SetPipe (a)
                }
                int rxtEnd = Seq.min(e, highRxt);
                if (Seq.lt(s, rxtEnd)) {
                    pipe += rxtEnd - s; // RFC 6675 SetPipe (b)
                }
            }
            if (r >= 0) {
                rangesAbove++;
                bytesAbove += rights[r] - lefts[r];
                holeEnd = lefts[r];
                if (Seq.le(holeEnd, sndUna)) {
                    break;
                }
            }
        }
        return pipe;
    }

    /**
     * RFC 6675 §4 NextSeg() rule (1): the first unSACKed octet at or above {@code from} (HighRxt) and below
     * {@code highData} that IsLost() says is lost, with the length of the unSACKed run starting there (at most
     * {@code smss}); or null when there is none.
     *
     * <p>IsLost() can only turn false going up the sequence space, and a run of unSACKed octets is lost or not as a
     * whole, so the first unSACKed octet at or above {@code from} is the only candidate. Rule (1.b), S2 below
     * HighSACK, follows from IsLost(S2).
     */
    public Hole nextLost(int from, int highData, int smss, int dupThresh) {
        Hole hole = nextUnsacked(from, highData, smss);
        return hole != null && isLost(hole.seq(), smss, dupThresh) ? hole : null;
    }

    /**
     * RFC 6675 §4 NextSeg() rule (3): the first unSACKed octet at or above {@code from} and below {@code highData},
     * with the length of the unSACKed run (at most {@code smss}), lost or not; or null.
     *
     * <p>Rule (3) applies criterion (1.b), S3 below HighSACK: pass {@link #highestSacked} as {@code highData} for it.
     * With the real HighData this is also the search for the next segment to send after a timeout.
     */
    public Hole nextUnsacked(int from, int highData, int smss) {
        int seq = from;
        int r = rangeAtOrBelow(seq);
        if (r >= 0 && Seq.lt(seq, rights[r])) {
            seq = rights[r]; // inside a SACKed range: the run starts at its right edge (ranges never touch)
        }
        if (!Seq.lt(seq, highData)) {
            return null;
        }
        int next = r + 1 < count ? lefts[r + 1] : highData;
        int end = Seq.min(next, highData);
        long run = Math.min(Seq.distance(seq, end), smss);
        return new Hole(seq, (int) run);
    }

    /** The highest SACKed octet plus one (HighSACK + 1), or {@code sndUna} when nothing is SACKed. */
    public int highestSacked(int sndUna) {
        return count == 0 ? sndUna : rights[count - 1];
    }

    /** Octets currently marked SACKed. */
    public long sackedBytes() {
        return sacked;
    }

    /** Number of distinct SACKed ranges. */
    public int ranges() {
        return count;
    }

    /** The left edge of range {@code i} (0 = lowest), for traces and tests. */
    public int rangeLeft(int i) {
        Objects.checkIndex(i, count);
        return lefts[i];
    }

    /** The right edge (exclusive) of range {@code i} (0 = lowest), for traces and tests. */
    public int rangeRight(int i) {
        Objects.checkIndex(i, count);
        return rights[i];
    }

    /**
     * A run of unSACKed octets to (re)transmit.
     *
     * @param seq first octet
     * @param length octets
     */
    public record Hole(int seq, int length) {}
}
