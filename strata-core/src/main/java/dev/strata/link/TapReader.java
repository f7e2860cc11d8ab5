package dev.strata.link;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The reader thread of a TAP device: waits in poll(2) on the TAP and on an eventfd (which only closing writes to),
 * reads every frame that is ready, up to {@value #BATCH} reads per wakeup, into one reusable native buffer, copies
 * each frame into its own heap buffer, and hands the batch to the event loop as one task.
 *
 * <p>At most {@value #MAX_IN_FLIGHT} frames wait for the loop; beyond that the reader stops reading until the loop
 * has caught up to half of that, so the kernel's queue fills and the kernel drops and counts the excess, as with a
 * NIC whose receive ring is full.
 */
final class TapReader {

    /** Reads one wakeup makes before handing the frames to the loop. */
    static final int BATCH = 64;
    /** Frames handed to the loop and not yet delivered, beyond which the reader stops reading. */
    static final int MAX_IN_FLIGHT = 4096;
    /** Largest read: the largest TAP MTU (65535) plus headers (Ethernet, 802.1Q, virtio-net), with room to spare. */
    static final int READ_BUFFER = 1 << 17;

    private static final System.Logger LOG = System.getLogger(TapDevice.class.getName());

    /** The frames of one wakeup, and how many the reader already dropped (bad virtio-net headers). */
    static final class Batch implements Consumer<ByteBuffer> {
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

    private final String name;
    private final int fd;
    private final int wakeFd;
    private final Arena arena;
    private final boolean offloads;
    private final Executor loop;
    private final Consumer<Batch> delivery;
    private final Thread thread;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong largeSegments = new AtomicLong();

    private volatile boolean stopping;
    private volatile boolean waiting;
    private volatile String failure;

    /** A reader of {@code fd} that runs {@code delivery} with each batch on {@code loop}; not started yet. */
    TapReader(String name, int fd, int wakeFd, Arena arena, boolean offloads, Executor loop, Consumer<Batch> delivery) {
        this.name = name;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.arena = arena;
        this.offloads = offloads;
        this.loop = loop;
        this.delivery = delivery;
        this.thread =
                Thread.ofPlatform().name("strata-tap-" + name).daemon(true).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Stops the thread: wakes it from poll(2) through the eventfd, and waits for it to end. */
    void stop() {
        stopping = true;
        try (Arena tmp = Arena.ofConfined()) {
            MemorySegment one = tmp.allocate(ValueLayout.JAVA_LONG);
            one.set(ValueLayout.JAVA_LONG, 0, 1L);
            new Libc(tmp).write(wakeFd, one, 8);
        }
        LockSupport.unpark(thread);
        if (thread != Thread.currentThread() && thread.getState() != Thread.State.NEW) {
            TapOpener.joinUninterruptibly(thread);
        }
    }

    /** Called on the loop when {@code n} frames have been delivered: may let a waiting reader go on. */
    void delivered(int n) {
        int left = inFlight.addAndGet(-n);
        if (waiting && left < MAX_IN_FLIGHT / 2) {
            LockSupport.unpark(thread);
        }
    }

    /** Large (GSO) segments cut into frames so far. */
    long largeSegments() {
        return largeSegments.get();
    }

    /** Why the reader stopped on its own, or null. */
    String failure() {
        return failure;
    }

    private void run() {
        Libc libc = new Libc(arena);
        MemorySegment buf = arena.allocate(READ_BUFFER, 64);
        ByteBuffer view = buf.asByteBuffer();
        MemorySegment fds = arena.allocate(16, 8);
        fds.set(ValueLayout.JAVA_INT, 0, fd);
        fds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
        fds.set(ValueLayout.JAVA_INT, 8, wakeFd);
        fds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
        boolean full = false;
        while (!stopping) {
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
                    handOff(batch);
                    fail("read from " + name + " failed: " + Libc.strerror(errno));
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
            if (!handOff(batch)) {
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
                fail("poll failed: " + Libc.strerror(-r));
                return false;
            }
            if (stopping || fds.get(ValueLayout.JAVA_SHORT, 14) != 0) {
                return false;
            }
            short revents = fds.get(ValueLayout.JAVA_SHORT, 6);
            if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0 && (revents & Libc.POLLIN) == 0) {
                fail("device " + name + " went away (poll events 0x" + Integer.toHexString(revents) + ")");
                return false;
            }
            return true;
        }
    }

    /** Hands a batch to the loop, first waiting while too many frames are in flight; false when the loop is gone. */
    private boolean handOff(Batch batch) {
        if (batch.size == 0 && batch.dropped == 0) {
            return true;
        }
        while (inFlight.get() >= MAX_IN_FLIGHT && !stopping) {
            waiting = true;
            if (inFlight.get() >= MAX_IN_FLIGHT) {
                LockSupport.parkNanos(this, 1_000_000L);
            }
            waiting = false;
        }
        inFlight.addAndGet(batch.size);
        try {
            loop.execute(() -> delivery.accept(batch));
            return true;
        } catch (RejectedExecutionException e) {
            fail("the event loop no longer accepts frames");
            return false;
        }
    }

    private void fail(String why) {
        if (!stopping) {
            failure = why;
            LOG.log(System.Logger.Level.WARNING, "TAP " + name + ": " + why);
        }
    }
}
