package dev.strata.tcp;

/**
 * The sender's SACK scoreboard (RFC 6675 §3-4): which octets above SND.UNA the receiver has reported holding, and
 * the loss-recovery questions asked of it (IsLost, SetPipe, NextSeg).
 *
 * <p>Sequence numbers are 32-bit and compared with {@link Seq}. Memory is bounded by the number of distinct SACKed
 * ranges, which the caller bounds by the send window.
 */
public final class SackScoreboard {

    /** An empty scoreboard. */
    public SackScoreboard() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Forgets everything (after an RTO, RFC 6675 §5.1, or when the connection resets). */
    public void clear() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Records an ACK: drops ranges at or below {@code sndUna} (already cumulatively acknowledged) and adds the given
     * SACK blocks, ignoring blocks that are not within (sndUna, sndNxt] (RFC 6675 §4: invalid or D-SACK blocks).
     *
     * @param sndUna the cumulative ACK point after this ACK
     * @param sndNxt the highest sequence sent (HighData + 1)
     * @param left left edges of the blocks
     * @param right right edges (exclusive) of the blocks
     * @param count number of blocks in the arrays
     * @return octets newly marked SACKed by this ACK
     */
    public long update(int sndUna, int sndNxt, int[] left, int[] right, int count) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** True when octet {@code seq} has been SACKed. */
    public boolean isSacked(int seq) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * RFC 6675 §4 IsLost(SeqNum): true when DupThresh discontiguous SACKed sequences lie above {@code seq}, or
     * more than (DupThresh - 1) * SMSS octets above it are SACKed.
     */
    public boolean isLost(int seq, int smss, int dupThresh) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * RFC 6675 §4 SetPipe(): the octets believed in flight between {@code sndUna} and {@code highData}, counting
     * each unSACKed octet once if not lost, and once more if retransmitted below {@code highRxt}.
     */
    public long pipe(int sndUna, int highData, int highRxt, int smss, int dupThresh) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * RFC 6675 §4 NextSeg() rule (1): the first unSACKed octet at or above {@code from} (HighRxt) and below
     * {@code highData} that IsLost() says is lost, with the length of the unSACKed run starting there (at most
     * {@code smss}); or null when there is none.
     */
    public Hole nextLost(int from, int highData, int smss, int dupThresh) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * RFC 6675 §4 NextSeg() rule (3): the first unSACKed octet at or above {@code from} and below {@code highData},
     * with the length of the unSACKed run (at most {@code smss}), lost or not; or null.
     */
    public Hole nextUnsacked(int from, int highData, int smss) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The highest SACKed octet plus one (HighSACK + 1), or {@code sndUna} when nothing is SACKed. */
    public int highestSacked(int sndUna) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Octets currently marked SACKed. */
    public long sackedBytes() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Number of distinct SACKed ranges. */
    public int ranges() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * A run of unSACKed octets to (re)transmit.
     *
     * @param seq first octet
     * @param length octets
     */
    public record Hole(int seq, int length) {}
}
