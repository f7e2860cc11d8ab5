package dev.strata.link;

import dev.strata.wire.EthernetFrame;
import dev.strata.wire.MacAddr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A Linux TAP device (Documentation/networking/tuntap.rst): Ethernet frames written by the kernel's side of the
 * interface are received here, and frames transmitted here enter the kernel as if they came off a wire.
 *
 * <p>Bound with the FFM API only. {@link #open} opens {@code /dev/net/tun} and attaches it, with {@code TUNSETIFF}
 * and {@code IFF_TAP | IFF_NO_PI}, to the named device of the calling thread's network namespace (or of a namespace
 * the configuration names), creating the device when there is none; a device this call creates disappears again on
 * {@link #close}.
 *
 * <p>Threads: {@link #start} starts one reader thread that waits in poll(2), reads every frame that is ready (up to
 * a batch), copies each into its own heap {@link ByteBuffer}, and hands the batch to the host's event loop through
 * the given {@link Executor}; the {@link FrameReceiver} is then called on the loop. At most
 * {@value #MAX_IN_FLIGHT} frames wait for the loop: beyond that the reader stops reading, so the kernel's queue
 * fills and the kernel drops (and counts) the excess, as a NIC does when its receive ring is full. {@link #transmit}
 * writes the frame with write(2) on the caller's thread (the loop); it never blocks. Counters are written on the
 * loop only.
 */
public final class TapDevice implements NetDevice, AutoCloseable {

    /** The default clone device. */
    public static final String TUN_PATH = "/dev/net/tun";

    // linux/if_tun.h
    private static final long TUNSETIFF = 0x400454caL;
    private static final int IFF_TAP = 0x0002;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_VNET_HDR = 0x4000;
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    private static final long TUNSETVNETHDRSZ = 0x400454d8L;
    private static final int TUN_F_CSUM = 0x01;
    private static final int TUN_F_TSO4 = 0x02;
    private static final int TUN_F_TSO6 = 0x04;
    private static final int TUN_F_TSO_ECN = 0x08;
    private static final int TUN_F_USO4 = 0x20;
    private static final int TUN_F_USO6 = 0x40;
    // linux/sockios.h, linux/if.h
    private static final long SIOCGIFFLAGS = 0x8913L;
    private static final long SIOCSIFFLAGS = 0x8914L;
    private static final long SIOCGIFMTU = 0x8921L;
    private static final int IFF_UP = 0x1;

    /** Reads one wakeup of the reader makes before handing the frames to the loop. */
    static final int BATCH = 64;
    /** Frames handed to the loop and not yet delivered, beyond which the reader stops reading. */
    static final int MAX_IN_FLIGHT = 4096;
    /** Largest frame read(2) accepts: the largest TAP MTU (65535) plus an 802.1Q header, with room to spare. */
    private static final int READ_BUFFER = 1 << 17;
    /** Longest Ethernet header, used with the MTU to bound the frames {@link #transmit} accepts. */
    private static final int MAX_HEADER = EthernetFrame.HEADER_LENGTH + EthernetFrame.VLAN_TAG_LENGTH;

    private static final System.Logger LOG = System.getLogger(TapDevice.class.getName());

    /**
     * What to open.
     *
     * @param name the device name, at most 15 octets; empty lets the kernel pick one ({@code tap0}, ...)
     * @param mac Strata's own address on this link, or null for {@link #defaultMac(String)}; the kernel side of the
     *     TAP has its own, unrelated address
     * @param up whether to set the interface up (IFF_UP) after attaching, as {@code ip link set NAME up} does
     * @param netns the network namespace to open the device in, as a path such as {@code /var/run/netns/NAME}
     *     (what {@code ip netns add NAME} creates), or null for the calling thread's own namespace
     * @param offloads whether to open with IFF_VNET_HDR and let the kernel hand over large (GSO) segments and
     *     partial checksums, which the device then cuts into MTU-sized frames with complete checksums (measured in
     *     docs/tap.md); the stack sees ordinary frames either way
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
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong largeSegments = new AtomicLong();
    private final Object txLock = new Object();
    private final Libc txLibc;
    private final MemorySegment txBuffer;

    private volatile boolean closed;
    private volatile boolean readerWaiting;
    private volatile String failure;
    private volatile Thread reader;
    private FrameReceiver receiver;
    private long receiverFailures;

    private TapDevice(
            String name,
            MacAddr mac,
            int mtu,
            boolean created,
            boolean offloads,
            int fd,
            int wakeFd,
            Arena arena,
            Libc txLibc) {
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.created = created;
        this.offloads = offloads;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.arena = arena;
        this.txLibc = txLibc;
        this.txBuffer = arena.allocate(READ_BUFFER, 64);
    }

    /**
     * Opens {@code config.tunPath()} and attaches it to the TAP device {@code config.name()}, creating the device if
     * there is none, in the namespace {@code config.netns()} or else in the calling thread's network namespace.
     *
     * <p>The kernel binds the file descriptor to the namespace of the thread that opens it (drivers/net/tun.c,
     * tun_chr_open), and looks the name up there. To open inside another namespace, a short-lived thread joins it
     * with setns(2), opens the device, and ends: the rest of the process stays where it was, and the descriptor,
     * once attached, is read and written from any thread.
     *
     * @throws TapException with one clear line: not root, no /dev/net/tun, device busy, not a TAP device, bad name,
     *     no such namespace
     */
    public static TapDevice open(Config config) throws TapException {
        checkName(config.name());
        if (config.netns() == null) {
            return openHere(config);
        }
        TapDevice[] opened = new TapDevice[1];
        TapException[] failed = new TapException[1];
        RuntimeException[] crashed = new RuntimeException[1];
        Thread t = Thread.ofPlatform().name("strata-tap-open").start(() -> {
            try (Arena tmp = Arena.ofConfined()) {
                joinNetns(new Libc(tmp), tmp, config.netns());
                opened[0] = openHere(config);
            } catch (TapException e) {
                failed[0] = e;
            } catch (RuntimeException e) {
                crashed[0] = e;
            }
        });
        boolean interrupted = false;
        while (t.isAlive()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failed[0] != null) {
            throw failed[0];
        }
        if (crashed[0] != null) {
            throw crashed[0];
        }
        return opened[0];
    }

    /** setns(2) of the calling thread into the network namespace bound at {@code path}. */
    private static void joinNetns(Libc libc, Arena arena, Path path) throws TapException {
        int nsfd = libc.open(arena.allocateFrom(path.toString()), Libc.O_RDONLY | Libc.O_CLOEXEC);
        if (nsfd < 0) {
            int errno = -nsfd;
            throw switch (errno) {
                case Libc.ENOENT -> new TapException("no network namespace at " + path, errno);
                case Libc.EPERM, Libc.EACCES ->
                    new TapException("needs root (CAP_SYS_ADMIN) to enter the network namespace " + path, errno);
                default ->
                    new TapException("cannot open the network namespace " + path + ": " + Libc.strerror(errno), errno);
            };
        }
        try {
            int r = libc.setns(nsfd, Libc.CLONE_NEWNET);
            if (r < 0) {
                int errno = -r;
                throw switch (errno) {
                    case Libc.EPERM ->
                        new TapException("needs root (CAP_SYS_ADMIN) to enter the network namespace " + path, errno);
                    case Libc.EINVAL -> new TapException(path + " is not a network namespace", errno);
                    default ->
                        new TapException(
                                "cannot enter the network namespace " + path + ": " + Libc.strerror(errno), errno);
                };
            }
        } finally {
            libc.close(nsfd);
        }
    }

    private static TapDevice openHere(Config config) throws TapException {
        String requested = config.name();
        Arena arena = Arena.ofShared();
        Libc libc = new Libc(arena);
        int fd = -1;
        int wakeFd = -1;
        try {
            MemorySegment req = IfReq.allocate(arena, requested);
            boolean existed = !requested.isEmpty() && libc.ifNameToIndex(req) != 0;
            fd = libc.open(arena.allocateFrom(config.tunPath()), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
            if (fd < 0) {
                throw openFailure(config.tunPath(), -fd);
            }
            IfReq.setFlags(req, IFF_TAP | IFF_NO_PI | (config.offloads() ? IFF_VNET_HDR : 0));
            int r = libc.ioctl(fd, TUNSETIFF, req);
            if (r < 0) {
                throw attachFailure(requested, -r);
            }
            if (config.offloads()) {
                enableOffloads(libc, arena, fd);
            }
            String actual = IfReq.name(req);
            int mtu = interfaceMtuAndUp(libc, arena, actual, config.up());
            wakeFd = libc.eventfd(0, Libc.EFD_CLOEXEC | Libc.EFD_NONBLOCK);
            if (wakeFd < 0) {
                throw new TapException("eventfd failed: " + Libc.strerror(-wakeFd), -wakeFd);
            }
            MacAddr mac = config.mac() != null ? config.mac() : defaultMac(actual);
            return new TapDevice(actual, mac, mtu, !existed, config.offloads(), fd, wakeFd, arena, libc);
        } catch (TapException | RuntimeException e) {
            if (wakeFd >= 0) {
                libc.close(wakeFd);
            }
            if (fd >= 0) {
                libc.close(fd);
            }
            arena.close();
            throw e;
        }
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

    private static void checkName(String name) throws TapException {
        int octets = name.getBytes(StandardCharsets.UTF_8).length;
        if (octets >= IfReq.IFNAMSIZ) {
            throw new TapException(
                    "bad TAP device name '" + name + "': " + octets + " octets, Linux allows at most "
                            + (IfReq.IFNAMSIZ - 1),
                    Libc.EINVAL);
        }
        if (name.indexOf('\0') >= 0) {
            throw new TapException("bad TAP device name: contains a NUL character", Libc.EINVAL);
        }
    }

    private static TapException openFailure(String path, int errno) {
        return switch (errno) {
            case Libc.EPERM, Libc.EACCES ->
                new TapException(
                        "needs root (CAP_NET_ADMIN) to open a TAP device (" + path + ": " + Libc.strerror(errno) + ")",
                        errno);
            case Libc.ENOENT ->
                new TapException(
                        "no " + path + ": this system has no TUN/TAP clone device (load the tun module, or give the "
                                + "container /dev/net/tun)",
                        errno);
            case Libc.ENODEV, Libc.ENXIO ->
                new TapException(path + " exists but the kernel has no tun driver (load the tun module)", errno);
            default -> new TapException("cannot open " + path + ": " + Libc.strerror(errno), errno);
        };
    }

    /** The one-line message for a failed TUNSETIFF (drivers/net/tun.c, tun_set_iff). */
    static TapException attachFailure(String name, int errno) {
        String dev = name.isEmpty() ? "a new TAP device" : "TAP device " + name;
        return switch (errno) {
            case Libc.EPERM, Libc.EACCES ->
                new TapException("needs root (CAP_NET_ADMIN) to open a TAP device (" + dev + ")", errno);
            case Libc.EBUSY ->
                new TapException(
                        dev + " is busy: another process has it open (close that process or pick another name)", errno);
            case Libc.EINVAL ->
                new TapException(
                        "cannot attach to " + name
                                + ": a device of that name exists and is not a TAP device, or the name is not a valid"
                                + " interface name",
                        errno);
            default -> new TapException("cannot attach to " + dev + ": " + Libc.strerror(errno), errno);
        };
    }

    /**
     * Sets the virtio-net header size and asks for checksum and segmentation offloads: TCP (TSO) always, UDP (USO,
     * Linux 6.2 and later) when the kernel has it.
     */
    private static void enableOffloads(Libc libc, Arena arena, int fd) throws TapException {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_INT);
        size.set(ValueLayout.JAVA_INT, 0, VirtioNetHeader.LENGTH);
        int r = libc.ioctl(fd, TUNSETVNETHDRSZ, size);
        if (r < 0) {
            throw new TapException("cannot set the virtio-net header size: " + Libc.strerror(-r), -r);
        }
        int tcp = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
        r = libc.ioctl(fd, TUNSETOFFLOAD, tcp | TUN_F_USO4 | TUN_F_USO6);
        if (r == -Libc.EINVAL) {
            r = libc.ioctl(fd, TUNSETOFFLOAD, tcp);
        }
        if (r < 0) {
            throw new TapException("cannot enable offloads: " + Libc.strerror(-r), -r);
        }
    }

    /** Reads the MTU (SIOCGIFMTU) and, when asked, sets IFF_UP, over an AF_INET datagram socket (netdevice(7)). */
    private static int interfaceMtuAndUp(Libc libc, Arena arena, String name, boolean up) throws TapException {
        int sock = libc.socket(Libc.AF_INET, Libc.SOCK_DGRAM | Libc.SOCK_CLOEXEC, 0);
        if (sock < 0) {
            throw new TapException("cannot open a control socket: " + Libc.strerror(-sock), -sock);
        }
        try {
            MemorySegment req = IfReq.allocate(arena, name);
            int r = libc.ioctl(sock, SIOCGIFMTU, req);
            if (r < 0) {
                throw new TapException("cannot read the MTU of " + name + ": " + Libc.strerror(-r), -r);
            }
            int mtu = IfReq.intValue(req);
            if (up) {
                req = IfReq.allocate(arena, name);
                r = libc.ioctl(sock, SIOCGIFFLAGS, req);
                if (r >= 0) {
                    IfReq.setFlags(req, IfReq.flags(req) | IFF_UP);
                    r = libc.ioctl(sock, SIOCSIFFLAGS, req);
                }
                if (r < 0) {
                    throw new TapException("cannot set " + name + " up: " + Libc.strerror(-r), -r);
                }
            }
            return mtu;
        } finally {
            libc.close(sock);
        }
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

    /**
     * Large (GSO) segments the kernel handed over and the device cut into MTU-sized frames; always 0 without
     * offloads. Readable from any thread.
     */
    public long largeSegments() {
        return largeSegments.get();
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
    public String failure() {
        return failure;
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
                // A zeroed virtio-net header (no offload asked for) before the frame; the first 10 octets stay 0.
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

    // ---- receiving ------------------------------------------------------------------------------------------------

    /**
     * Starts the reader thread, which hands batches of received frames to {@code loop} (the host's event loop, where
     * the receiver is called).
     *
     * @throws IllegalStateException when already started or closed
     */
    public synchronized void start(Executor loop) {
        Objects.requireNonNull(loop, "loop");
        if (reader != null || closed) {
            throw new IllegalStateException(closed ? "device " + name + " is closed" : "already started");
        }
        Thread t = Thread.ofPlatform().name("strata-tap-" + name).daemon(true).unstarted(() -> readLoop(loop));
        reader = t;
        t.start();
    }

    private void readLoop(Executor loop) {
        Libc libc = new Libc(arena);
        MemorySegment buf = arena.allocate(READ_BUFFER, 64);
        ByteBuffer view = buf.asByteBuffer();
        MemorySegment fds = arena.allocate(16, 8);
        fds.set(ValueLayout.JAVA_INT, 0, fd);
        fds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        fds.set(ValueLayout.JAVA_INT, 8, wakeFd);
        fds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
        boolean full = false;
        while (!closed) {
            if (!full && !waitReadable(libc, fds)) {
                return;
            }
            Batch batch = new Batch();
            int reads = 0;
            while (reads < BATCH) {
                long len = libc.read(fd, buf, READ_BUFFER);
                if (len < 0) {
                    int errno = (int) -len;
                    if (errno == Libc.EAGAIN) {
                        break;
                    }
                    if (errno == Libc.EINTR) {
                        continue;
                    }
                    handOff(loop, batch);
                    stopReader("read from " + name + " failed: " + Libc.strerror(errno));
                    return;
                }
                reads++;
                if (offloads) {
                    int before = batch.size;
                    if (VirtioNetHeader.split(view, (int) len, batch) != null) {
                        batch.dropped++;
                    } else if (batch.size - before > 1) {
                        largeSegments.incrementAndGet();
                    }
                } else {
                    byte[] copy = new byte[(int) len];
                    MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, copy, 0, (int) len);
                    batch.accept(ByteBuffer.wrap(copy));
                }
            }
            // After a full batch more frames are likely waiting: read again before paying for a poll(2).
            full = reads == BATCH;
            if (!handOff(loop, batch)) {
                return;
            }
        }
    }

    /** Waits in poll(2) until the TAP has a frame; false when the reader must stop (closing, or the device went). */
    private boolean waitReadable(Libc libc, MemorySegment fds) {
        while (true) {
            fds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            fds.set(ValueLayout.JAVA_SHORT, 14, (short) 0);
            int r = libc.poll(fds, 2, -1);
            if (r < 0) {
                if (-r == Libc.EINTR) {
                    continue;
                }
                stopReader("poll failed: " + Libc.strerror(-r));
                return false;
            }
            if (closed || fds.get(ValueLayout.JAVA_SHORT, 14) != 0) {
                return false;
            }
            short revents = fds.get(ValueLayout.JAVA_SHORT, 6);
            if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0 && (revents & Libc.POLLIN) == 0) {
                stopReader("device " + name + " went away (poll events 0x" + Integer.toHexString(revents) + ")");
                return false;
            }
            return true;
        }
    }

    /** The frames of one wakeup, and the frames the reader already dropped. */
    private static final class Batch implements Consumer<ByteBuffer> {
        ByteBuffer[] frames = new ByteBuffer[BATCH];
        int size;
        int dropped;

        @Override
        public void accept(ByteBuffer frame) {
            if (size == frames.length) {
                frames = Arrays.copyOf(frames, size * 2);
            }
            frames[size++] = frame;
        }
    }

    /** Hands a batch to the loop, first waiting while too many frames are in flight; false when the loop is gone. */
    private boolean handOff(Executor loop, Batch batch) {
        if (batch.size == 0 && batch.dropped == 0) {
            return true;
        }
        while (inFlight.get() >= MAX_IN_FLIGHT && !closed) {
            readerWaiting = true;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            readerWaiting = false;
        }
        inFlight.addAndGet(batch.size);
        try {
            loop.execute(() -> deliver(batch));
            return true;
        } catch (RejectedExecutionException e) {
            stopReader("the event loop no longer accepts frames");
            return false;
        }
    }

    /** Runs on the loop: counts and delivers one batch, surviving receivers that throw. */
    private void deliver(Batch batch) {
        int n = batch.size;
        int left = inFlight.addAndGet(-n);
        if (readerWaiting && left < MAX_IN_FLIGHT / 2) {
            Thread t = reader;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
        counters.rxDropped += batch.dropped;
        RuntimeException first = null;
        for (int i = 0; i < n; i++) {
            ByteBuffer frame = batch.frames[i];
            FrameReceiver r = receiver;
            if (closed || r == null || frame.remaining() < EthernetFrame.HEADER_LENGTH) {
                counters.rxDropped++;
                continue;
            }
            counters.rxFrames++;
            counters.rxBytes += frame.remaining();
            try {
                r.receive(frame);
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

    private void stopReader(String why) {
        if (!closed) {
            failure = why;
            LOG.log(System.Logger.Level.WARNING, "TAP " + name + ": " + why);
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
        Thread t;
        synchronized (this) {
            t = reader;
        }
        try (Arena tmp = Arena.ofConfined()) {
            Libc libc = new Libc(tmp);
            MemorySegment one = tmp.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            libc.write(wakeFd, one, 8);
            if (t != null && t != Thread.currentThread()) {
                LockSupport.unpark(t);
                boolean interrupted = false;
                while (t.isAlive()) {
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            libc.close(fd);
            libc.close(wakeFd);
        }
        if (t != Thread.currentThread()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "TapDevice[" + name + " mac " + mac + " mtu " + mtu + (closed ? " closed" : "") + "]";
    }
}
