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

    /**
     * Like {@link #allocate}, but the buffer may be one given back with {@link #recycle} on this thread, holding old
     * octets: only for a caller that writes every octet of its frame, headers and payload (padding to the Ethernet
     * minimum is written by {@link #padToMinimum}). What it sends is the same as with a new buffer.
     */
    public static ByteBuffer allocateForOverwrite(int payloadLength) {
        int capacity = HEADROOM + Math.max(payloadLength, EthernetFrame.MIN_FRAME_LENGTH);
        byte[] reused = FramePool.current().take(capacity);
        ByteBuffer b = reused == null ? ByteBuffer.allocate(capacity) : ByteBuffer.wrap(reused);
        b.position(HEADROOM).limit(HEADROOM + payloadLength);
        return b;
    }

    /**
     * Gives a received frame's array back for reuse by {@link #allocateForOverwrite} on this thread, when the
     * buffer covers its whole array. Only the frame's last reader may call this, when nothing refers to any part of
     * the buffer any more: a device hands a received frame over, not shared ({@link dev.strata.link.NetDevice},
     * {@link dev.strata.link.FrameReceiver}), and taps do not keep frames ({@link dev.strata.link.FrameTap}), so
     * that is the protocol that consumed it, having copied what it keeps.
     */
    public static void recycle(ByteBuffer frame) {
        if (frame.hasArray() && frame.arrayOffset() == 0 && frame.capacity() == frame.array().length) {
            FramePool.current().give(frame.array());
        }
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
