package dev.strata.link;

import dev.strata.wire.VirtioNetHeader;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Opening a TAP device: the clone device, TUNSETIFF, offloads, the MTU and IFF_UP, optionally inside another network
 * namespace; every refusal becomes a {@link TapException} with one line a person can act on.
 */
final class TapOpener {

    // linux/if_tun.h
    private static final long TUNSETIFF = 0x400454caL;
    private static final long TUNSETOFFLOAD = 0x400454d0L;
    private static final long TUNSETVNETHDRSZ = 0x400454d8L;
    private static final int IFF_TAP = 0x0002;
    private static final int IFF_NO_PI = 0x1000;
    private static final int IFF_VNET_HDR = 0x4000;
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

    /**
     * An attached device: its descriptors and the native memory that goes with them, owned by the caller from now on.
     *
     * @param name the device's name, as the kernel has it
     * @param fd the TAP descriptor (non-blocking)
     * @param wakeFd an eventfd that wakes the reader for closing
     * @param mtu the MTU read at open
     * @param created whether the device did not exist before
     * @param arena the shared arena of the device's native buffers
     * @param libc a caller, with its errno buffer, for the transmitting thread
     */
    record Opened(String name, int fd, int wakeFd, int mtu, boolean created, Arena arena, Libc libc) {}

    private TapOpener() {}

    /**
     * Opens the device {@code config} describes, in {@code config.netns()} or in the calling thread's namespace.
     *
     * <p>The kernel binds the descriptor to the namespace of the thread that opens it (drivers/net/tun.c,
     * tun_chr_open) and looks the name up there. To open inside another namespace a short-lived thread joins it with
     * setns(2), opens the device and ends: the rest of the process stays where it was, and the descriptor, once
     * attached, is read and written from any thread.
     */
    static Opened open(TapDevice.Config config) throws TapException {
        checkName(config.name());
        if (config.netns() == null) {
            return openHere(config);
        }
        Opened[] opened = new Opened[1];
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
        joinUninterruptibly(t);
        if (failed[0] != null) {
            throw failed[0];
        }
        if (crashed[0] != null) {
            throw crashed[0];
        }
        return opened[0];
    }

    /** Waits for {@code t} to end, keeping (not losing) an interrupt that arrives meanwhile. */
    static void joinUninterruptibly(Thread t) {
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

    private static Opened openHere(TapDevice.Config config) throws TapException {
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
            return new Opened(actual, fd, wakeFd, mtu, !existed, arena, libc);
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

    /** The one-line message for a failed open(2) of the clone device. */
    static TapException openFailure(String path, int errno) {
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
            throw new TapException("cannot set the virtio-net header size: " + Libc.strerror(-r), -r, true);
        }
        int tcp = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
        r = libc.ioctl(fd, TUNSETOFFLOAD, tcp | TUN_F_USO4 | TUN_F_USO6);
        if (r == -Libc.EINVAL) {
            r = libc.ioctl(fd, TUNSETOFFLOAD, tcp);
        }
        if (r < 0) {
            throw new TapException("cannot enable offloads: " + Libc.strerror(-r), -r, true);
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
}
