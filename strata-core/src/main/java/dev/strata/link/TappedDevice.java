package dev.strata.link;

import dev.strata.time.Clock;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A device whose frames are shown to {@link FrameTap}s as they cross it, for captures of what really went over a
 * link (e.g. the TAP's traffic, outside any impairment the host applies).
 *
 * <p>The taps see each frame sent just before the inner device takes it, and each frame received just before the
 * receiver takes it, at the scheduler's time; they must not modify or keep the buffer.
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
        inner.setReceiver(this::arrived);
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
