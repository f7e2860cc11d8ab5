package dev.strata.tcp;

import dev.strata.wire.Checksums;
import java.nio.ByteBuffer;

/**
 * Writes the TCP headers Strata's connections send, without allocating: the fixed header of RFC 9293 §3.1 and the
 * option layouts in use (SYN options; timestamps; SACK blocks), with the checksum over the IPv4 pseudo-header.
 *
 * <p>{@link dev.strata.wire.TcpHeader} builds any header from a description; this encoder is the per-segment fast
 * path for the few layouts TCP itself emits. Instances are reused: set the fields, then {@link #prepend}.
 */
final class SegmentEncoder {

    // RFC 9293 §3.1 header layout.
    private static final int SOURCE_PORT = 0;
    private static final int DESTINATION_PORT = 2;
    private static final int SEQUENCE = 4;
    private static final int ACKNOWLEDGMENT = 8;
    private static final int DATA_OFFSET = 12;
    private static final int FLAGS = 13;
    private static final int WINDOW = 14;
    private static final int CHECKSUM = 16;
    private static final int URGENT = 18;
    private static final int HEADER = 20;

    // Option kinds (RFC 9293 §3.2, RFC 7323, RFC 2018).
    private static final int NOP = 1;
    private static final int MSS = 2;
    private static final int WINDOW_SCALE = 3;
    private static final int SACK_PERMITTED = 4;
    private static final int SACK = 5;
    private static final int TIMESTAMPS = 8;

    /** The MSS to offer on a SYN, or -1 for none. */
    int mss = -1;
    /** The window shift to offer on a SYN, or -1 for none. */
    int windowScale = -1;
    /** Offer SACK on a SYN. */
    boolean sackPermitted;
    /** Send the timestamps option. */
    boolean timestamps;
    /** TSval. */
    int tsVal;
    /** TSecr. */
    int tsEcr;
    /** Number of SACK blocks to send (0..4). */
    int sackBlocks;
    /** SACK left edges. */
    final int[] sackLeft = new int[4];
    /** SACK right edges (exclusive). */
    final int[] sackRight = new int[4];

    /**
     * Write only the pseudo-header's sum (folded, not complemented) into the checksum field: a partial checksum, for
     * a super-segment the device cuts and checksums (TSO with checksum offload, Linux's CHECKSUM_PARTIAL).
     */
    boolean partialChecksum;

    /** Clears every option and the partial checksum. */
    void reset() {
        partialChecksum = false;
        mss = -1;
        windowScale = -1;
        sackPermitted = false;
        timestamps = false;
        sackBlocks = 0;
    }

    /** The length of the options as set, padded to a multiple of 4. */
    int optionsLength() {
        int len = 0;
        if (mss >= 0) {
            len += 4;
        }
        if (sackPermitted && timestamps) {
            len += 2; // SACK-Permitted rides in front of the timestamps instead of two NOPs
        } else if (sackPermitted) {
            len += 4; // NOP NOP SACK-Permitted
        }
        if (timestamps) {
            len += sackPermitted ? 10 : 12;
        }
        if (windowScale >= 0) {
            len += 4; // NOP Window-Scale
        }
        if (sackBlocks > 0) {
            len += 4 + 8 * sackBlocks; // NOP NOP SACK
        }
        return len;
    }

    /**
     * Writes the header just before {@code buf}'s position (the payload runs to its limit) and moves the position
     * back to the header's first octet.
     */
    void prepend(
            ByteBuffer buf,
            int sourcePort,
            int destinationPort,
            int seq,
            int ack,
            int flags,
            int window,
            int sourceAddress,
            int destinationAddress) {
        int options = optionsLength();
        int headerLength = HEADER + options;
        int at = buf.position() - headerLength;
        buf.putShort(at + SOURCE_PORT, (short) sourcePort);
        buf.putShort(at + DESTINATION_PORT, (short) destinationPort);
        buf.putInt(at + SEQUENCE, seq);
        buf.putInt(at + ACKNOWLEDGMENT, ack);
        buf.put(at + DATA_OFFSET, (byte) ((headerLength / 4) << 4));
        buf.put(at + FLAGS, (byte) flags);
        buf.putShort(at + WINDOW, (short) window);
        buf.putShort(at + CHECKSUM, (short) 0);
        buf.putShort(at + URGENT, (short) 0);
        int o = at + HEADER;
        if (mss >= 0) {
            buf.put(o, (byte) MSS).put(o + 1, (byte) 4).putShort(o + 2, (short) mss);
            o += 4;
        }
        if (sackPermitted && timestamps) {
            buf.put(o, (byte) SACK_PERMITTED).put(o + 1, (byte) 2);
            o += 2;
        } else if (sackPermitted) {
            buf.put(o, (byte) NOP)
                    .put(o + 1, (byte) NOP)
                    .put(o + 2, (byte) SACK_PERMITTED)
                    .put(o + 3, (byte) 2);
            o += 4;
        } else if (timestamps) {
            buf.put(o, (byte) NOP).put(o + 1, (byte) NOP);
            o += 2;
        }
        if (timestamps) {
            buf.put(o, (byte) TIMESTAMPS)
                    .put(o + 1, (byte) 10)
                    .putInt(o + 2, tsVal)
                    .putInt(o + 6, tsEcr);
            o += 10;
        }
        if (windowScale >= 0) {
            buf.put(o, (byte) NOP)
                    .put(o + 1, (byte) WINDOW_SCALE)
                    .put(o + 2, (byte) 3)
                    .put(o + 3, (byte) windowScale);
            o += 4;
        }
        if (sackBlocks > 0) {
            buf.put(o, (byte) NOP)
                    .put(o + 1, (byte) NOP)
                    .put(o + 2, (byte) SACK)
                    .put(o + 3, (byte) (2 + 8 * sackBlocks));
            o += 4;
            for (int i = 0; i < sackBlocks; i++) {
                buf.putInt(o, sackLeft[i]).putInt(o + 4, sackRight[i]);
                o += 8;
            }
        }
        int length = buf.limit() - at;
        long pseudo = Checksums.pseudoHeaderV4(sourceAddress, destinationAddress, 6, length);
        if (partialChecksum) {
            buf.putShort(at + CHECKSUM, (short) Checksums.fold(pseudo));
        } else {
            buf.putShort(at + CHECKSUM, (short) Checksums.finish(pseudo + Checksums.sum(buf, at, length)));
        }
        buf.position(at);
    }
}
