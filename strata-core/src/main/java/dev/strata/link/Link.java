package dev.strata.link;

import dev.strata.time.Scheduler;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;

/**
 * A simulated full-duplex cable between two devices: two {@link Channel}s, one per direction, each with its own
 * {@link LinkParams} and random stream, and an {@link End} at each side that a host interface or a switch port
 * plugs into.
 */
public final class Link {

    private final String name;
    private final End a;
    private final End b;

    /**
     * A link named {@code name}.
     *
     * @param aToB behaviour of frames sent by end A
     * @param bToA behaviour of frames sent by end B
     * @param randomA the random stream of the A-to-B direction
     * @param randomB the random stream of the B-to-A direction
     */
    public Link(
            String name,
            Scheduler scheduler,
            LinkParams aToB,
            LinkParams bToA,
            RandomGenerator randomA,
            RandomGenerator randomB,
            End.Spec endA,
            End.Spec endB) {
        this.name = name;
        Channel ab = new Channel(scheduler, randomA, aToB, null);
        Channel ba = new Channel(scheduler, randomB, bToA, null);
        this.a = new End(endA, ab);
        this.b = new End(endB, ba);
        ab.connect(b::arrive);
        ba.connect(a::arrive);
    }

    /** The link's name, used for captures. */
    public String name() {
        return name;
    }

    /** The A side. */
    public End a() {
        return a;
    }

    /** The B side. */
    public End b() {
        return b;
    }

    /** Sets one tap on both directions, seeing each frame as its sender puts it on the wire. */
    public void tap(FrameTap tap) {
        a.out.tap(tap);
        b.out.tap(tap);
    }

    @Override
    public String toString() {
        return name + " [" + a.name() + " <-> " + b.name() + "]";
    }

    /** One side of a link, seen by its owner as a {@link NetDevice}. */
    public static final class End implements NetDevice {

        /**
         * What an end is called and its hardware properties.
         *
         * @param name device name, e.g. {@code eth0}
         * @param mac the device's address
         * @param mtu largest IP packet a frame may carry
         */
        public record Spec(String name, MacAddr mac, int mtu) {}

        private final Spec spec;
        private final Channel out;
        private final DeviceCounters counters = new DeviceCounters();
        private FrameReceiver receiver;

        End(Spec spec, Channel out) {
            this.spec = spec;
            this.out = out;
        }

        @Override
        public String name() {
            return spec.name();
        }

        @Override
        public MacAddr mac() {
            return spec.mac();
        }

        @Override
        public int mtu() {
            return spec.mtu();
        }

        /** The channel this end sends on. */
        public Channel outbound() {
            return out;
        }

        @Override
        public void transmit(ByteBuffer frame) {
            int len = frame.remaining();
            if (len > spec.mtu() + 18) { // Ethernet header with an 802.1Q tag
                counters.txDropped++;
                return;
            }
            if (out.offer(frame)) {
                counters.txFrames++;
                counters.txBytes += len;
            } else {
                counters.txDropped++;
            }
        }

        @Override
        public void setReceiver(FrameReceiver r) {
            this.receiver = r;
        }

        @Override
        public DeviceCounters counters() {
            return counters;
        }

        void arrive(ByteBuffer frame) {
            FrameReceiver r = receiver;
            if (r == null) {
                counters.rxDropped++;
                return;
            }
            counters.rxFrames++;
            counters.rxBytes += frame.remaining();
            r.receive(frame);
        }
    }
}
