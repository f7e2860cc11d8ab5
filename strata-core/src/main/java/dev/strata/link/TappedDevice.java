package dev.strata.link;

import dev.strata.time.Clock;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.MacAddr;
import dev.strata.wire.SoftwareGso;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A device whose frames are shown to {@link FrameTap}s as they cross it, for captures of what really went over a
 * link (e.g. the TAP's traffic, outside any impairment the host applies).
 *
 * <p>The taps see each frame sent just before the inner device takes it, and each frame received just before the
 * receiver takes it, at the scheduler's time; they must not modify or keep the buffer.
 *
 * <p>Offloads pass through: the wrapper has the inner device's {@link #segmentOffloadSize()}, and takes offloaded
 * frames when its own receiver does. The taps see a super-segment as one frame, as tcpdump does on an interface
 * with GSO or GRO, but with its TCP checksum completed in a copy (the frame itself holds only the pseudo-header's
 * sum), so that a capture shows packets that verify.
 */
public final class TappedDevice implements NetDevice {

    private final NetDevice inner;
    private final Clock clock;
    private final FrameTap sent;
    private final FrameTap received;
    private FrameReceiver receiver;

    /**
     * Wraps {@code inner}; {@code sent} sees frames transmitted through it and {@code received} frames it delivers,
     * timed by {@code clock}.
     */
    public TappedDevice(NetDevice inner, Clock clock, FrameTap sent, FrameTap received) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sent = Objects.requireNonNull(sent, "sent");
        this.received = Objects.requireNonNull(received, "received");
        inner.setReceiver(new Arrivals());
    }

    /** What the inner device delivers to: offloaded frames too, when this wrapper's receiver takes them. */
    private final class Arrivals implements FrameReceiver {
        @Override
        public void receive(ByteBuffer frame) {
            arrived(frame);
        }

        @Override
        public boolean takesOffloadedFrames() {
            FrameReceiver r = receiver;
            return r != null && r.takesOffloadedFrames();
        }

        @Override
        public void receiveOffloaded(ByteBuffer frame) {
            received.frame(clock.nanos(), completed(frame));
            FrameReceiver r = receiver;
            if (r != null) {
                r.receiveOffloaded(frame);
            }
        }
    }

    /** A copy of an offloaded frame with its partial TCP checksum completed, for the taps. */
    private static ByteBuffer completed(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(0, frame, frame.position(), frame.remaining());
        SoftwareGso.completeTcpChecksum(copy, EthernetFrame.HEADER_LENGTH);
        return copy;
    }

    /** The wrapped device. */
    public NetDevice inner() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public MacAddr mac() {
        return inner.mac();
    }

    @Override
    public int mtu() {
        return inner.mtu();
    }

    @Override
    public void transmit(ByteBuffer frame) {
        sent.frame(clock.nanos(), frame);
        inner.transmit(frame);
    }

    @Override
    public int segmentOffloadSize() {
        return inner.segmentOffloadSize();
    }

    @Override
    public void transmitSegmented(ByteBuffer frame, int segmentSize) {
        sent.frame(clock.nanos(), completed(frame));
        inner.transmitSegmented(frame, segmentSize);
    }

    @Override
    public void setReceiver(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    /** The inner device's counters. */
    @Override
    public DeviceCounters counters() {
        return inner.counters();
    }

    private void arrived(ByteBuffer frame) {
        received.frame(clock.nanos(), frame);
        FrameReceiver r = receiver;
        if (r != null) {
            r.receive(frame);
        }
    }

    @Override
    public String toString() {
        return name() + " tapped";
    }
}
