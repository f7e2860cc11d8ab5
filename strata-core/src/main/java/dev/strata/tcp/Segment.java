package dev.strata.tcp;

import dev.strata.wire.TcpFlags;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;

/**
 * The fields of one arriving segment that the state machine reads, copied out of the {@link TcpSegment} view once
 * (RFC 9293 §3.3.1's SEG.SEQ, SEG.ACK, SEG.LEN, SEG.WND, plus the options), and trimmed in place when part of it
 * falls outside the receive window.
 */
final class Segment {
    int seq;
    int ack;
    int flags;
    /** The window field as sent (not yet scaled). */
    int window;
    /** Payload octets (after trimming). */
    int dataLength;
    /** The payload buffer; data starts at {@link #dataOffset}. */
    ByteBuffer buffer;

    int dataOffset;
    /**
     * The payload was queued out of order without a copy, so the frame must not be reused (the receive buffer's
     * hold on in-order payloads is checked with {@link ReceiveBuffer#holds}).
     */
    boolean kept;

    boolean syn;
    boolean fin;
    int mss = -1;
    int windowScale = -1;
    boolean sackPermitted;
    boolean hasTimestamps;
    int tsVal;
    int tsEcr;
    int sackBlocks;
    final int[] sackLeft = new int[4];
    final int[] sackRight = new int[4];

    Segment() {}

    /** Fills the fields from a parsed segment. */
    Segment read(TcpSegment s) {
        seq = s.sequenceNumber();
        ack = s.acknowledgmentNumber();
        flags = s.flagBits();
        window = s.window();
        buffer = s.buffer();
        kept = false;
        dataOffset = s.payloadOffset();
        dataLength = s.payloadLength();
        syn = (flags & TcpFlags.SYN_BIT) != 0;
        fin = (flags & TcpFlags.FIN_BIT) != 0;
        mss = s.mssOption();
        windowScale = s.windowScaleOption();
        sackPermitted = s.sackPermittedOption();
        hasTimestamps = s.hasTimestamps();
        tsVal = hasTimestamps ? s.timestampValue() : 0;
        tsEcr = hasTimestamps ? s.timestampEchoReply() : 0;
        sackBlocks = Math.min(4, s.sackBlockCount());
        for (int i = 0; i < sackBlocks; i++) {
            sackLeft[i] = s.sackBlockLeft(i);
            sackRight[i] = s.sackBlockRight(i);
        }
        return this;
    }

    boolean ackFlag() {
        return (flags & TcpFlags.ACK_BIT) != 0;
    }

    boolean rst() {
        return (flags & TcpFlags.RST_BIT) != 0;
    }

    /** SEG.LEN: payload octets plus one for SYN and one for FIN (RFC 9293 §3.4). */
    int length() {
        return dataLength + (syn ? 1 : 0) + (fin ? 1 : 0);
    }

    /** The payload as a buffer of its own (shares the bytes). */
    ByteBuffer data() {
        return buffer.slice(dataOffset, dataLength);
    }

    /** Drops {@code n} octets from the front of the segment (the SYN first, if set). */
    void trimFront(int n) {
        if (n <= 0) {
            return;
        }
        if (syn) {
            syn = false;
            seq++;
            n--;
        }
        int d = Math.min(n, dataLength);
        dataOffset += d;
        dataLength -= d;
        seq += d;
    }

    /** Keeps at most {@code n} octets of SEG.LEN (dropping data from the end, then the FIN). */
    void trimBack(int n) {
        int max = n - (syn ? 1 : 0);
        if (max < dataLength) {
            dataLength = Math.max(0, max);
            fin = false;
        } else if (fin && max < dataLength + 1) {
            fin = false;
        }
    }

    @Override
    public String toString() {
        return new TcpFlags(flags) + " seq " + Integer.toUnsignedString(seq) + " ack " + Integer.toUnsignedString(ack)
                + " win " + window + " len " + dataLength;
    }
}
