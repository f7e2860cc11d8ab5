package dev.strata.link;

import dev.strata.time.Scheduler;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A device seen through Strata's link impairments: a {@link Channel} in each direction between a real device (a TAP)
 * and the host, so that loss, delay, jitter, rate limits, duplication, reordering and corruption apply to a real link
 * as they do in the simulator (the {@code tc netem} of a kernel that has none).
 *
 * <p>Frames the host transmits cross the outbound channel and then go to the inner device; frames the inner device
 * receives cross the inbound channel and then go to the host's receiver. Everything runs on the host's event loop,
 * and every random draw comes from the given source. The inner device's receiver belongs to this wrapper.
 */
public final class ImpairedDevice implements NetDevice {

    private final NetDevice inner;
    private final Channel outbound;
    private final Channel inbound;
    private final DeviceCounters counters = new DeviceCounters();
    private FrameReceiver receiver;

    /**
     * Wraps {@code inner}.
     *
     * @param scheduler the host's event loop, which times delays and jitter
     * @param random the source of every impairment's draws
     * @param toDevice how frames sent by the host are impaired on their way to the inner device
     * @param fromDevice how frames from the inner device are impaired on their way to the host
     */
    public ImpairedDevice(
            NetDevice inner, Scheduler scheduler, RandomGenerator random, LinkParams toDevice, LinkParams fromDevice) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.outbound = new Channel(scheduler, random, toDevice, this::sendOut);
        this.inbound = new Channel(scheduler, random, fromDevice, this::deliver);
        inner.setReceiver(this::arrived);
    }

    /** Wraps {@code inner} with the same impairments in both directions. */
    public static ImpairedDevice symmetric(
            NetDevice inner, Scheduler scheduler, RandomGenerator random, LinkParams params) {
        return new ImpairedDevice(inner, scheduler, random, params, params);
    }

    /** The wrapped device. */
    public NetDevice inner() {
        return inner;
    }

    /** The channel frames sent by the host cross (its counters say what the impairments did). */
    public Channel outbound() {
        return outbound;
    }

    /** The channel frames received from the device cross. */
    public Channel inbound() {
        return inbound;
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

    /** Offers the frame to the outbound channel; a frame lost or tail-dropped there counts in {@code txDropped}. */
    @Override
    public void transmit(ByteBuffer frame) {
        if (!passes(outbound, frame)) {
            counters.txDropped++;
        }
    }

    @Override
    public void setReceiver(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    /**
     * Counters at the host's side of the impairments: frames that reached the host ({@code rx}), were sent on to
     * the device ({@code tx}), or were lost or tail-dropped by a channel ({@code rxDropped}, {@code txDropped}).
     * The inner device keeps its own.
     */
    @Override
    public DeviceCounters counters() {
        return counters;
    }

    private void arrived(ByteBuffer frame) {
        if (!passes(inbound, frame)) {
            counters.rxDropped++;
        }
    }

    /** Offers {@code frame} to {@code channel}: false when the channel tail-dropped it or its loss model took it. */
    private static boolean passes(Channel channel, ByteBuffer frame) {
        long lostBefore = channel.counters().lost;
        return channel.offer(frame) && channel.counters().lost == lostBefore;
    }

    private void sendOut(ByteBuffer frame) {
        counters.txFrames++;
        counters.txBytes += frame.remaining();
        inner.transmit(frame);
    }

    private void deliver(ByteBuffer frame) {
        FrameReceiver r = receiver;
        if (r == null) {
            counters.rxDropped++;
            return;
        }
        counters.rxFrames++;
        counters.rxBytes += frame.remaining();
        r.receive(frame);
    }

    @Override
    public String toString() {
        return name() + " impaired (out " + outbound.params() + ", in " + inbound.params() + ")";
    }
}
