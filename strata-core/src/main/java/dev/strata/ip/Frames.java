package dev.strata.ip;

import dev.strata.wire.EthernetFrame;
import java.nio.ByteBuffer;

/** Buffer conventions for packets on their way down the stack. */
public final class Frames {

    /**
     * Room left before a transport payload for every header below it: Ethernet with an 802.1Q tag (18), IPv4 with
     * the largest options (60) and TCP with the largest options (60), rounded up.
     */
    public static final int HEADROOM = 144;

    private Frames() {}

    /**
     * A buffer for a payload of {@code payloadLength} octets with {@link #HEADROOM} before it and room to pad the
     * frame to Ethernet's minimum; position at the payload's start, limit at its end.
     */
    public static ByteBuffer allocate(int payloadLength) {
        ByteBuffer b = ByteBuffer.allocate(HEADROOM + Math.max(payloadLength, EthernetFrame.MIN_FRAME_LENGTH));
        b.position(HEADROOM).limit(HEADROOM + payloadLength);
        return b;
    }

    /** A buffer holding a copy of {@code payload} (position..limit) with full headroom. */
    public static ByteBuffer copyOf(ByteBuffer payload) {
        ByteBuffer b = allocate(payload.remaining());
        b.put(b.position(), payload, payload.position(), payload.remaining());
        return b;
    }

    /**
     * Pads a frame with zero octets to the Ethernet minimum (IEEE 802.3 clause 3.2.8), in place when the buffer has
     * room after its limit, else in a copy; returns the frame to send.
     */
    public static ByteBuffer padToMinimum(ByteBuffer frame) {
        int len = frame.remaining();
        if (len >= EthernetFrame.MIN_FRAME_LENGTH) {
            return frame;
        }
        int end = frame.position() + EthernetFrame.MIN_FRAME_LENGTH;
        if (end <= frame.capacity() && !frame.isReadOnly()) {
            int from = frame.limit();
            frame.limit(end);
            for (int i = from; i < end; i++) {
                frame.put(i, (byte) 0);
            }
            return frame;
        }
        ByteBuffer padded = ByteBuffer.allocate(EthernetFrame.MIN_FRAME_LENGTH);
        padded.put(0, frame, frame.position(), len);
        return padded;
    }
}
