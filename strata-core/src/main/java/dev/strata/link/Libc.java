package dev.strata.link;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few C library calls the TAP device needs, bound with the FFM API, each capturing {@code errno}.
 *
 * <p>Every call returns what the C function returns, or {@code -errno} when it fails, so that the hot paths (read,
 * write, poll) allocate nothing and throw nothing. One instance holds one errno capture buffer and must be used by
 * one thread at a time; give each thread that makes calls its own instance.
 */
final class Libc {

    // fcntl.h, sched.h, sys/eventfd.h, sys/socket.h, poll.h (Linux, identical on x86-64 and aarch64)
    static final int O_RDONLY = 0x0;
    static final int O_RDWR = 0x2;
    static final int O_NONBLOCK = 0x800;
    static final int O_CLOEXEC = 0x80000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int CLONE_NEWNET = 0x40000000;
    static final int AF_INET = 2;
    static final int SOCK_DGRAM = 2;
    static final int SOCK_CLOEXEC = 0x80000;
    static final short POLLIN = 0x1;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final short POLLNVAL = 0x20;

    // asm-generic/errno-base.h, asm-generic/errno.h
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EBADFD = 77;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option ERRNO_OPTION = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = bind(
            "open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle CLOSE = bind("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private static final MethodHandle READ =
            bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle WRITE =
            bind("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    private static final MethodHandle IOCTL_PTR = bind(
            "ioctl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS), Linker.Option.firstVariadicArg(2));
    private static final MethodHandle IOCTL_LONG = bind(
            "ioctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG),
            Linker.Option.firstVariadicArg(2));
    private static final MethodHandle SOCKET =
            bind("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle POLL =
            bind("poll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
    private static final MethodHandle PPOLL =
            bind("ppoll", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, ADDRESS));
    private static final MethodHandle EVENTFD = bind("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle SETNS = bind("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private static final MethodHandle IF_NAMETOINDEX = bind("if_nametoindex", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle STRERROR = bindPlain("strerror", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final MemorySegment state;

    /** A caller with its own errno capture buffer, allocated in {@code arena}. */
    Libc(Arena arena) {
        this.state = arena.allocate(CAPTURE);
    }

    private static MethodHandle bind(String name, FunctionDescriptor fd, Linker.Option... extra) {
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = ERRNO_OPTION;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return bindPlain(name, fd, options);
    }

    // The one place Strata calls a restricted FFM method to bind C functions; the launcher and the tests run with
    // --enable-native-access=ALL-UNNAMED (or the module's name) so that the JVM allows it without a warning.
    @SuppressWarnings("restricted")
    private static MethodHandle bindPlain(String name, FunctionDescriptor fd, Linker.Option... options) {
        MemorySegment symbol = LINKER.defaultLookup()
                .find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("no " + name + " in the C library"));
        return LINKER.downcallHandle(symbol, fd, options);
    }

    private int errno() {
        return (int) ERRNO.get(state, 0L);
    }

    private int result(int r) {
        return r < 0 ? -errno() : r;
    }

    private long result(long r) {
        return r < 0 ? -errno() : r;
    }

    /** open(2) of the NUL-terminated {@code path}. */
    int open(MemorySegment path, int flags) {
        try {
            return result((int) OPEN.invokeExact(state, path, flags, 0));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** close(2). */
    int close(int fd) {
        try {
            return result((int) CLOSE.invokeExact(state, fd));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** read(2) of at most {@code count} octets into {@code buf}. */
    long read(int fd, MemorySegment buf, long count) {
        try {
            return result((long) READ.invokeExact(state, fd, buf, count));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** write(2) of {@code count} octets from {@code buf}. */
    long write(int fd, MemorySegment buf, long count) {
        try {
            return result((long) WRITE.invokeExact(state, fd, buf, count));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** ioctl(2) whose argument is a pointer (e.g. to a {@code struct ifreq}). */
    int ioctl(int fd, long request, MemorySegment arg) {
        try {
            return result((int) IOCTL_PTR.invokeExact(state, fd, request, arg));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** ioctl(2) whose argument is an integer value (e.g. TUNSETOFFLOAD). */
    int ioctl(int fd, long request, long arg) {
        try {
            return result((int) IOCTL_LONG.invokeExact(state, fd, request, arg));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** socket(2). */
    int socket(int domain, int type, int protocol) {
        try {
            return result((int) SOCKET.invokeExact(state, domain, type, protocol));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** poll(2) over {@code nfds} {@code struct pollfd} entries. */
    int poll(MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return result((int) POLL.invokeExact(state, fds, nfds, timeoutMillis));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** setns(2): moves the calling thread into the namespace {@code fd} refers to. */
    int setns(int fd, int nstype) {
        try {
            return result((int) SETNS.invokeExact(state, fd, nstype));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** ppoll(2) with a {@code struct timespec} timeout (NULL: none) and no signal mask change. */
    int ppoll(MemorySegment fds, long nfds, MemorySegment timeout) {
        try {
            return result((int) PPOLL.invokeExact(state, fds, nfds, timeout, MemorySegment.NULL));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** eventfd(2). */
    int eventfd(int initval, int flags) {
        try {
            return result((int) EVENTFD.invokeExact(state, initval, flags));
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** if_nametoindex(3): the interface index in the calling thread's network namespace, or 0 when none. */
    int ifNameToIndex(MemorySegment name) {
        try {
            int r = (int) IF_NAMETOINDEX.invokeExact(state, name);
            return r;
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    /** The C library's text for an errno value, e.g. "Device or resource busy". */
    @SuppressWarnings("restricted") // strerror returns a pointer to a NUL-terminated static string
    static String strerror(int errno) {
        try {
            MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
            return s.equals(MemorySegment.NULL)
                    ? "errno " + errno
                    : s.reinterpret(256).getString(0);
        } catch (Throwable t) {
            throw unexpected(t);
        }
    }

    private static RuntimeException unexpected(Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new IllegalStateException("native call failed", t);
    }
}
