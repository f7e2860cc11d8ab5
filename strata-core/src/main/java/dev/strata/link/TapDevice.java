package dev.strata.link;

import dev.strata.time.RealTimeLoop;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.MacAddr;
import dev.strata.wire.Parsed;
import dev.strata.wire.VirtioNetHeader;
import dev.strata.wire.VirtioNetPacket;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A Linux TAP device (Documentation/networking/tuntap.rst): Ethernet frames written by the kernel's side of the
 * interface are received here, and frames transmitted here enter the kernel as if they came off a wire.
 *
 * <p>Bound with the FFM API only. {@link #open} opens {@code /dev/net/tun} and attaches it, with {@code TUNSETIFF}
 * and {@code IFF_TAP | IFF_NO_PI}, to the named device of the calling thread's network namespace (or of a namespace
 * the configuration names), creating the device when there is none; a device this call creates disappears again on
 * {@link #close}.
 *
 * <p>Threads: either {@link #start} starts a reader thread that hands batches of received frames to the host's
 * event loop through the given {@link Executor}, or {@link #pollFrom} lets the loop wait on the TAP and read it
 * itself (see {@link TapReader}). Either way each frame arrives in its own heap {@link ByteBuffer} and the
 * {@link FrameReceiver} is called on the loop. {@link #transmit} writes the frame with write(2) on the caller's
 * thread (the loop); it never blocks. Counters are written on the loop only.
 */
public final class TapDevice implements NetDevice, AutoCloseable {

    /** The default clone device. */
    public static final String TUN_PATH = "/dev/net/tun";

    /** The largest IP packet {@link #transmitSegmented} takes: IPv4's largest total length. */
    private static final int MAX_OFFLOAD_PACKET = 0xFFFF;

    /** Longest Ethernet header, used with the MTU to bound the frames {@link #transmit} accepts. */
    private static final int MAX_HEADER = EthernetFrame.HEADER_LENGTH + EthernetFrame.VLAN_TAG_LENGTH;

    /**
     * What to open.
     *
     * @param name the device name, at most 15 octets; empty lets the kernel pick one ({@code tap0}, ...)
     * @param mac Strata's own address on this link, or null for {@link #defaultMac(String)}; the kernel side of the
     *     TAP has its own, unrelated address
     * @param up whether to set the interface up (IFF_UP) after attaching, as {@code ip link set NAME up} does
     * @param netns the network namespace to open the device in, as a path such as {@code /var/run/netns/NAME}
     *     (what {@code ip netns add NAME} creates), or null for the calling thread's own namespace
     * @param offloads whether to open with IFF_VNET_HDR and TUNSETOFFLOAD: the kernel hands over large (GSO)
     *     segments and partial checksums, which go whole to a receiver that {@linkplain
     *     FrameReceiver#takesOffloadedFrames takes offloaded frames} (TCP/IPv4) and are otherwise cut into MTU-sized
     *     frames with complete checksums; and the device takes TCP super-segments for the kernel to cut
     *     ({@link #segmentOffloadSize()}, {@link #transmitSegmented})
     * @param tunPath the clone device, normally {@link #TUN_PATH}
     */
    public record Config(String name, MacAddr mac, boolean up, Path netns, boolean offloads, String tunPath) {

        /** Checks that the fields are present. */
        public Config {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(tunPath, "tunPath");
        }

        /** Attach to or create {@code name} in this thread's namespace, default MAC, link state left as it is. */
        public static Config of(String name) {
            return new Config(name, null, false, null, false, TUN_PATH);
        }

        /** This configuration with Strata's address {@code mac}. */
        public Config withMac(MacAddr mac) {
            return new Config(name, mac, up, netns, offloads, tunPath);
        }

        /** This configuration, setting the link up after attaching when {@code up} is true. */
        public Config withUp(boolean up) {
            return new Config(name, mac, up, netns, offloads, tunPath);
        }

        /** This configuration, opening the device inside the network namespace at {@code netns}. */
        public Config withNetns(Path netns) {
            return new Config(name, mac, up, netns, offloads, tunPath);
        }

        /** This configuration, with or without kernel offloads (IFF_VNET_HDR, TUNSETOFFLOAD). */
        public Config withOffloads(boolean offloads) {
            return new Config(name, mac, up, netns, offloads, tunPath);
        }

        /** This configuration, opening the device inside the namespace {@code ip netns add NAME} made. */
        public Config inNamedNetns(String netnsName) {
            return withNetns(Path.of("/var/run/netns", netnsName));
        }

        /** This configuration with another clone device path (for tests of the error paths). */
        public Config withTunPath(String tunPath) {
            return new Config(name, mac, up, netns, offloads, tunPath);
        }
    }

    private final String name;
    private final MacAddr mac;
    private final int mtu;
    private final boolean created;
    private final boolean offloads;
    private final int fd;
    private final int wakeFd;
    private final Arena arena;
    private final DeviceCounters counters = new DeviceCounters();
    private final OffloadCounters offloadCounters = new OffloadCounters();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Object txLock = new Object();
    private final Libc txLibc;
    private final MemorySegment txBuffer;
    private final ByteBuffer txView;

    private volatile boolean closed;
    private TapReader reader;
    private RealTimeLoop pollingLoop;
    private FrameReceiver receiver;
    private long receiverFailures;

    private TapDevice(TapOpener.Opened o, MacAddr mac, boolean offloads) {
        this.name = o.name();
        this.mac = mac;
        this.mtu = o.mtu();
        this.created = o.created();
        this.offloads = offloads;
        this.fd = o.fd();
        this.wakeFd = o.wakeFd();
        this.arena = o.arena();
        this.txLibc = o.libc();
        this.txBuffer = arena.allocate(TapReader.READ_BUFFER, 64);
        this.txView = txBuffer.asByteBuffer();
    }

    /**
     * Opens {@code config.tunPath()} and attaches it to the TAP device {@code config.name()}, creating the device if
     * there is none, in the namespace {@code config.netns()} or else in the calling thread's network namespace.
     *
     * @throws TapException with one clear line: not root, no /dev/net/tun, device busy, not a TAP device, bad name,
     *     no such namespace
     */
    public static TapDevice open(Config config) throws TapException {
        TapOpener.Opened o = TapOpener.open(config);
        MacAddr mac = config.mac() != null ? config.mac() : defaultMac(o.name());
        return new TapDevice(o, mac, config.offloads());
    }

    /**
     * Strata's default address for a device: locally administered, {@code 02:53} followed by 32 bits of a hash of
     * the device name, so that a host restarted on the same TAP keeps its address and the kernel's ARP entry stays
     * right.
     */
    public static MacAddr defaultMac(String deviceName) {
        int h = 0x811C9DC5; // FNV-1a
        for (byte b : deviceName.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * 0x01000193;
        }
        return MacAddr.local(0x53_0000_0000L | (h & 0xFFFF_FFFFL));
    }

    // ---- NetDevice ----------------------------------------------------------------------------------------------

    @Override
    public String name() {
        return name;
    }

    @Override
    public MacAddr mac() {
        return mac;
    }

    /** The device's MTU as read when it was opened. */
    @Override
    public int mtu() {
        return mtu;
    }

    /** True when the device was opened with kernel offloads (IFF_VNET_HDR). */
    public boolean offloads() {
        return offloads;
    }

    /** What the offloads did; all zero without them. Written and read on the loop. */
    public OffloadCounters offloadCounters() {
        return offloadCounters;
    }

    /**
     * With offloads, the largest IP packet one frame may carry for the kernel to cut (TSO): 65535, IPv4's largest;
     * else 0.
     */
    @Override
    public int segmentOffloadSize() {
        return offloads ? MAX_OFFLOAD_PACKET : 0;
    }

    /** True when {@link #open} created the device (it then disappears on {@link #close}), false when it attached. */
    public boolean created() {
        return created;
    }

    @Override
    public void setReceiver(FrameReceiver receiver) {
        this.receiver = receiver;
    }

    @Override
    public DeviceCounters counters() {
        return counters;
    }

    /** Receiver calls that threw (each also counted in {@code rxDropped}); read on the loop. */
    public long receiverFailures() {
        return receiverFailures;
    }

    /** Why the reader stopped on its own (the device went away, a read failed), or null while all is well. */
    public synchronized String failure() {
        return reader == null ? null : reader.failure();
    }

    /** True until {@link #close} is called. */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Writes the frame between {@code frame}'s position and limit to the kernel with one write(2). A direct buffer
     * is written in place; a heap buffer is copied to native memory first. Frames shorter than an Ethernet header
     * or longer than the MTU allows, and frames the kernel refuses (link down), are counted in {@code txDropped}.
     */
    @Override
    public void transmit(ByteBuffer frame) {
        int len = frame.remaining();
        synchronized (txLock) {
            if (closed || len < EthernetFrame.HEADER_LENGTH || len > mtu + MAX_HEADER) {
                counters.txDropped++;
                return;
            }
            MemorySegment src;
            int total = len;
            if (offloads) {
                // A zeroed virtio-net header (no offload asked for) before the frame.
                txBuffer.set(ValueLayout.JAVA_LONG_UNALIGNED, 0, 0L);
                txBuffer.set(ValueLayout.JAVA_SHORT_UNALIGNED, 8, (short) 0);
                MemorySegment.copy(MemorySegment.ofBuffer(frame), 0, txBuffer, VirtioNetHeader.LENGTH, len);
                src = txBuffer;
                total += VirtioNetHeader.LENGTH;
            } else if (frame.isDirect() && !frame.isReadOnly()) {
                src = MemorySegment.ofBuffer(frame);
            } else {
                MemorySegment.copy(MemorySegment.ofBuffer(frame), 0, txBuffer, 0, len);
                src = txBuffer;
            }
            long n = txLibc.write(fd, src, total);
            if (n == total) {
                counters.txFrames++;
                counters.txBytes += len;
            } else {
                counters.txDropped++;
            }
        }
    }

    /**
     * Writes a TCP/IPv4 super-segment with a virtio-net header asking the kernel to cut it into segments of {@code
     * segmentSize} payload octets (GSO_TCPV4) and to complete their checksums (NEEDS_CSUM). Without offloads, or for
     * a frame that is not an untagged TCP/IPv4 packet of at most {@link #segmentOffloadSize()} octets, counts a drop.
     */
    @Override
    public void transmitSegmented(ByteBuffer frame, int segmentSize) {
        int len = frame.remaining();
        int at = frame.position();
        int eth = EthernetFrame.HEADER_LENGTH;
        synchronized (txLock) {
            if (closed
                    || !offloads
                    || segmentSize < 1
                    || segmentSize > 0xFFFF
                    || len < eth + 40
                    || len > eth + MAX_OFFLOAD_PACKET
                    || (frame.getShort(at + 12) & 0xFFFF) != EtherType.IPV4.value()
                    || (frame.get(at + eth) & 0xF0) != 0x40
                    || frame.get(at + eth + 9) != 6) {
                counters.txDropped++;
                return;
            }
            int ipHeader = (frame.get(at + eth) & 0x0F) * 4;
            int tcpHeader = (frame.get(at + eth + ipHeader + 12) & 0xF0) >>> 2;
            VirtioNetHeader h = VirtioNetHeader.tcpv4Segmentation(eth, ipHeader, tcpHeader, segmentSize);
            h.emit(txView, 0);
            MemorySegment.copy(MemorySegment.ofBuffer(frame), 0, txBuffer, VirtioNetHeader.LENGTH, len);
            int total = len + VirtioNetHeader.LENGTH;
            long n = txLibc.write(fd, txBuffer, total);
            if (n == total) {
                counters.txFrames++;
                counters.txBytes += len;
                offloadCounters.txLarge++;
                offloadCounters.txLargeBytes += len;
            } else {
                counters.txDropped++;
            }
        }
    }

    // ---- receiving ------------------------------------------------------------------------------------------------

    /**
     * Starts the reader thread, which hands batches of received frames to {@code loop} (the host's event loop, where
     * the receiver is called).
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start(Executor loop) {
        Objects.requireNonNull(loop, "loop");
        newReader().startThread(loop);
    }

    /**
     * Lets {@code loop} read the device itself instead of a reader thread: the loop then waits in ppoll(2) on the
     * TAP (and on an eventfd through which other threads wake it) rather than parking, and reads arriving frames on
     * its own thread, one thread wake-up less per frame. Call before {@code loop.start()}; one device per loop.
     * {@link #close} then runs on the loop (it is handed there when called elsewhere).
     *
     * @throws IllegalStateException when already started or closed, when the loop has started, or when another
     *     device already polls from it
     */
    public synchronized void pollFrom(RealTimeLoop loop) {
        Objects.requireNonNull(loop, "loop");
        TapReader r = newReader();
        try {
            loop.setWaiter(r.waiter(loop));
        } catch (IllegalStateException e) {
            reader = null;
            throw e;
        }
        pollingLoop = loop;
    }

    private TapReader newReader() {
        if (reader != null || closed) {
            throw new IllegalStateException(closed ? "device " + name + " is closed" : "already started");
        }
        reader = new TapReader(name, fd, wakeFd, arena, offloads, this::deliver);
        return reader;
    }

    /** Runs on the loop: counts and delivers one batch, surviving receivers that throw. */
    private void deliver(TapReader.Batch batch) {
        int n = batch.size;
        reader.delivered(n);
        counters.rxDropped += batch.dropped;
        offloadCounters.rxCut += batch.cut;
        offloadCounters.rxChecksumsCompleted += batch.completed;
        RuntimeException first = null;
        for (int i = 0; i < n; i++) {
            try {
                if (batch.offloaded[i]) {
                    deliverOffloaded(batch.frames[i]);
                } else {
                    deliverOne(batch.frames[i]);
                }
            } catch (RuntimeException e) {
                receiverFailures++;
                counters.rxDropped++;
                if (first == null) {
                    first = e;
                } else if (first.getSuppressed().length < 16) {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first; // after the whole batch, so the loop counts and reports it
        }
    }

    private void deliverOne(ByteBuffer frame) {
        FrameReceiver r = receiver;
        if (closed || r == null || frame.remaining() < EthernetFrame.HEADER_LENGTH) {
            counters.rxDropped++;
            return;
        }
        counters.rxFrames++;
        counters.rxBytes += frame.remaining();
        r.receive(frame);
    }

    /**
     * An offloaded frame (the buffer holds its virtio-net header before the position): whole to a receiver that
     * takes offloaded frames, otherwise made into ordinary frames here.
     */
    private void deliverOffloaded(ByteBuffer frame) {
        FrameReceiver r = receiver;
        if (closed || r == null) {
            counters.rxDropped++;
            return;
        }
        if (r.takesOffloadedFrames()) {
            counters.rxFrames++;
            counters.rxBytes += frame.remaining();
            offloadCounters.rxOffloaded++;
            if (frame.remaining() > mtu + EthernetFrame.HEADER_LENGTH) {
                offloadCounters.rxLarge++;
            }
            r.receiveOffloaded(frame);
            return;
        }
        ByteBuffer raw = frame.duplicate().position(0);
        if (!(VirtioNetPacket.parse(raw) instanceof Parsed.Ok<VirtioNetPacket>(VirtioNetPacket p))
                || VirtioFrames.toFrames(p, this::deliverOne) != null) {
            counters.rxDropped++;
        } else if (p.gsoType().isLarge()) {
            offloadCounters.rxCut++;
        } else {
            offloadCounters.rxChecksumsCompleted++;
        }
    }

    // ---- closing --------------------------------------------------------------------------------------------------

    /**
     * Closes the device: stops the reader (waking it from poll(2) through an eventfd), then closes the file
     * descriptors. Frames still on their way to the loop are counted as dropped. Safe to call from any thread, more
     * than once.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        synchronized (txLock) {
            closed = true;
        }
        TapReader r;
        RealTimeLoop polling;
        synchronized (this) {
            r = reader;
            polling = pollingLoop;
        }
        if (polling != null && polling.isRunning() && !polling.inLoop()) {
            // The loop may be inside ppoll(2) on these descriptors: close them there.
            try {
                polling.run(() -> closeDescriptors(r));
                return;
            } catch (RejectedExecutionException | CancellationException e) {
                // The loop is ending; after its thread is gone nothing polls.
                joinLoop(polling);
            }
        }
        closeDescriptors(r);
    }

    private void closeDescriptors(TapReader r) {
        Runnable closeFds = () -> {
            try (Arena tmp = Arena.ofConfined()) {
                Libc libc = new Libc(tmp);
                libc.close(fd);
                libc.close(wakeFd);
            }
        };
        if (r != null) {
            r.stop(closeFds);
        } else {
            closeFds.run();
        }
        arena.close();
    }

    private static void joinLoop(RealTimeLoop loop) {
        boolean interrupted = false;
        while (true) {
            try {
                loop.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "TapDevice[" + name + " mac " + mac + " mtu " + mtu + (closed ? " closed" : "") + "]";
    }
}
