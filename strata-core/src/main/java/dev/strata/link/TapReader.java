package dev.strata.link;

import dev.strata.time.LoopWaiter;
import dev.strata.wire.Parsed;
import dev.strata.wire.VirtioNetHeader;
import dev.strata.wire.VirtioNetPacket;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * How frames get from the TAP to the event loop, in one of two modes.
 *
 * <ul>
 *   <li><b>Reader thread</b> ({@link #startThread}): a thread waits in poll(2) on the TAP and on an eventfd (which
 *       only closing writes to), reads every frame that is ready, up to {@value #BATCH} reads per wakeup, and hands
 *       the batch to the loop as one task. At most {@value #MAX_IN_FLIGHT} frames wait for the loop; beyond that
 *       the reader stops reading until the loop has caught up to half of that, so the kernel's queue fills and the
 *       kernel drops and counts the excess, as with a NIC whose receive ring is full.
 *   <li><b>Polled by the loop</b> ({@link #waiter}): the loop itself waits in ppoll(2) on the TAP and the eventfd
 *       (other threads wake it through the eventfd), and reads the frames on its own thread: no hand-off, one
 *       wakeup less per frame. While the loop is busy it still looks at the TAP once per pass.
 * </ul>
 *
 * <p>Either way each frame is read into one reusable native buffer and copied into its own heap buffer. With
 * offloads, a TCP/IPv4 frame with a partial checksum or a TSO super-segment is copied with its virtio-net header (an
 * offloaded frame, see {@link VirtioFrames#passesWhole}); other frames with offload work left are turned into
 * ordinary frames at once ({@link VirtioFrames#toFrames}).
 */
final class TapReader {

    /** Reads one wakeup makes before handing the frames to the loop. */
    static final int BATCH = 64;
    /** Frames handed to the loop and not yet delivered, beyond which the reader stops reading. */
    static final int MAX_IN_FLIGHT = 4096;
    /** Largest read: the largest TAP MTU (65535) plus headers (Ethernet, 802.1Q, virtio-net), with room to spare. */
    static final int READ_BUFFER = 1 << 17;
    /** Longest park of a loop whose TAP has closed, in case a wake-up is lost on the way from poll to park. */
    private static final long DEGRADED_PARK_NANOS = 10_000_000L;

    private static final System.Logger LOG = System.getLogger(TapDevice.class.getName());

    /**
     * The frames of one wakeup, which of them are offloaded frames (still behind their virtio-net header: the
     * buffer's position is past it), and what the reader did to the others: dropped (bad virtio-net headers), cut
     * (super-segments), checksums completed.
     */
    static final class Batch implements Consumer<ByteBuffer> {
        ByteBuffer[] frames = new ByteBuffer[BATCH];
        boolean[] offloaded = new boolean[BATCH];
        int size;
        int dropped;
        int cut;
        int completed;

        @Override
        public void accept(ByteBuffer frame) {
            add(frame, false);
        }

        void add(ByteBuffer frame, boolean isOffloaded) {
            if (size == frames.length) {
                frames = Arrays.copyOf(frames, size * 2);
                offloaded = Arrays.copyOf(offloaded, size * 2);
            }
            offloaded[size] = isOffloaded;
            frames[size++] = frame;
        }

        boolean isEmpty() {
            return size == 0 && dropped == 0;
        }
    }

    private final String name;
    private final int fd;
    private final int wakeFd;
    private final Arena arena;
    private final boolean offloads;
    private final Consumer<Batch> delivery;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object wakeLock = new Object();
    private final Libc wakeLibc;
    private final MemorySegment one;

    private volatile boolean stopping;
    private volatile boolean waiting;
    private volatile String failure;
    private volatile Thread thread;
    private boolean fdsClosed; // guarded by wakeLock

    /** Frames from {@code fd}, each batch given to {@code delivery} on the loop; not reading yet. */
    TapReader(String name, int fd, int wakeFd, Arena arena, boolean offloads, Consumer<Batch> delivery) {
        this.name = name;
        this.fd = fd;
        this.wakeFd = wakeFd;
        this.arena = arena;
        this.offloads = offloads;
        this.delivery = delivery;
        this.wakeLibc = new Libc(arena);
        this.one = arena.allocate(ValueLayout.JAVA_LONG);
        one.set(ValueLayout.JAVA_LONG, 0, 1L);
    }

    /** Called on the loop when {@code n} frames have been delivered: may let a waiting reader thread go on. */
    void delivered(int n) {
        int left = inFlight.addAndGet(-n);
        Thread t = thread;
        if (waiting && t != null && left < MAX_IN_FLIGHT / 2) {
            LockSupport.unpark(t);
        }
    }

    /** Why reading stopped on its own, or null. */
    String failure() {
        return failure;
    }

    /**
     * Stops reading: wakes the reader thread (if any) through the eventfd and waits for it to end, then runs
     * {@code closeFds} so that no wake-up can write to a closed descriptor. In polled mode call it on the loop.
     */
    void stop(Runnable closeFds) {
        stopping = true;
        synchronized (wakeLock) {
            wakeLibc.write(wakeFd, one, 8);
        }
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            if (t != Thread.currentThread()) {
                TapOpener.joinUninterruptibly(t);
            }
        }
        synchronized (wakeLock) {
            fdsClosed = true;
            closeFds.run();
        }
    }

    // ---- reading, shared by both modes ----------------------------------------------------------------------------

    /** The native memory one reading thread uses. */
    private final class Reading {
        final Libc libc = new Libc(arena);
        final MemorySegment buf = arena.allocate(READ_BUFFER, 64);
        final ByteBuffer view = buf.asByteBuffer();
        final MemorySegment fds = arena.allocate(16, 8);

        Reading() {
            fds.set(ValueLayout.JAVA_INT, 0, fd);
            fds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
            fds.set(ValueLayout.JAVA_INT, 8, wakeFd);
            fds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
        }

        void clearEvents() {
            fds.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            fds.set(ValueLayout.JAVA_SHORT, 14, (short) 0);
        }

        boolean wakeReadable() {
            return fds.get(ValueLayout.JAVA_SHORT, 14) != 0;
        }

        /** Null when the TAP is readable (or quiet), otherwise why it is gone. */
        String tapTrouble() {
            short revents = fds.get(ValueLayout.JAVA_SHORT, 6);
            if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0 && (revents & Libc.POLLIN) == 0) {
                return "device " + name + " went away (poll events 0x" + Integer.toHexString(revents) + ")";
            }
            return null;
        }

        boolean tapReadable() {
            return (fds.get(ValueLayout.JAVA_SHORT, 6) & Libc.POLLIN) != 0;
        }

        /**
         * Reads up to {@value #BATCH} frames without blocking into {@code batch}; returns null, or why reading must
         * stop for good (the frames read before that are in the batch).
         */
        String readBatch(Batch batch) {
            for (int reads = 0; reads < BATCH; ) {
                long len = libc.read(fd, buf, READ_BUFFER);
                if (len < 0) {
                    int errno = (int) -len;
                    if (errno == Libc.EAGAIN) {
                        return null;
                    }
                    if (errno == Libc.EINTR) {
                        continue;
                    }
                    return "read from " + name + " failed: " + Libc.strerror(errno);
                }
                reads++;
                if (offloads) {
                    readOffloaded(batch, (int) len);
                } else {
                    byte[] copy = new byte[(int) len];
                    MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, copy, 0, (int) len);
                    batch.accept(ByteBuffer.wrap(copy));
                }
            }
            return null;
        }

        /** Takes in one read of {@code len} octets that begins with a virtio-net header. */
        private void readOffloaded(Batch batch, int len) {
            view.limit(len).position(0);
            if (!(VirtioNetPacket.parse(view) instanceof Parsed.Ok<VirtioNetPacket>(VirtioNetPacket p))) {
                batch.dropped++;
                return;
            }
            if (!p.needsChecksum() && !p.gsoType().isLarge()) {
                byte[] copy = new byte[p.payloadLength()];
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, VirtioNetHeader.LENGTH, copy, 0, copy.length);
                batch.accept(ByteBuffer.wrap(copy));
            } else if (VirtioFrames.passesWhole(p)) {
                byte[] copy = new byte[len];
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, copy, 0, len);
                batch.add(ByteBuffer.wrap(copy).position(VirtioNetHeader.LENGTH), true);
            } else {
                if (VirtioFrames.toFrames(p, batch) != null) {
                    batch.dropped++;
                } else if (p.gsoType().isLarge()) {
                    batch.cut++;
                } else {
                    batch.completed++;
                }
            }
        }
    }

    private void fail(String why) {
        if (!stopping) {
            failure = why;
            LOG.log(System.Logger.Level.WARNING, "TAP " + name + ": " + why);
        }
    }

    // ---- reader thread ----------------------------------------------------------------------------------------

    /** Starts the reader thread, which hands each batch to {@code loop}. */
    void startThread(Executor loop) {
        Thread t = Thread.ofPlatform().name("strata-tap-" + name).daemon(true).unstarted(() -> readThread(loop));
        thread = t;
        t.start();
    }

    private void readThread(Executor loop) {
        Reading r = new Reading();
        boolean full = false;
        while (!stopping) {
            if (!full && !waitReadable(r)) {
                return;
            }
            Batch batch = new Batch();
            String trouble = r.readBatch(batch);
            full = batch.size >= BATCH;
            if (!handOff(loop, batch)) {
                return;
            }
            if (trouble != null) {
                fail(trouble);
                return;
            }
        }
    }

    /** Waits in poll(2) until the TAP has a frame; false when the reader must stop (closing, or the device went). */
    private boolean waitReadable(Reading r) {
        while (true) {
            r.clearEvents();
            int n = r.libc.poll(r.fds, 2, -1);
            if (n < 0) {
                if (-n == Libc.EINTR) {
                    continue;
                }
                fail("poll failed: " + Libc.strerror(-n));
                return false;
            }
            if (stopping || r.wakeReadable()) {
                return false;
            }
            String trouble = r.tapTrouble();
            if (trouble != null) {
                fail(trouble);
                return false;
            }
            return true;
        }
    }

    /** Hands a batch to the loop, first waiting while too many frames are in flight; false when the loop is gone. */
    private boolean handOff(Executor loop, Batch batch) {
        if (batch.isEmpty()) {
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

    // ---- polled by the loop ---------------------------------------------------------------------------------------

    /** A waiter with which the loop waits on the TAP itself and reads its frames; {@code loop} is that loop. */
    LoopWaiter waiter(Executor loop) {
        return new PollWaiter(loop);
    }

    private final class PollWaiter implements LoopWaiter {
        private final Executor loop;
        private Reading reading; // created on the loop's thread at its first wait
        private MemorySegment timespec;
        private MemorySegment drain;
        private volatile Thread loopThread;
        private volatile boolean degraded; // the TAP is closed or gone: park instead of poll

        PollWaiter(Executor loop) {
            this.loop = loop;
        }

        @Override
        public void await(long timeoutNanos) {
            if (loopThread == null) {
                loopThread = Thread.currentThread();
                reading = new Reading();
                timespec = arena.allocate(16, 8);
                drain = arena.allocate(ValueLayout.JAVA_LONG);
            }
            if (stopping || degraded) {
                degraded = true;
                if (timeoutNanos > 0) {
                    LockSupport.parkNanos(this, Math.min(timeoutNanos, DEGRADED_PARK_NANOS));
                }
                return;
            }
            MemorySegment tmo = MemorySegment.NULL;
            if (timeoutNanos != Long.MAX_VALUE) {
                timespec.set(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
                timespec.set(ValueLayout.JAVA_LONG, 8, timeoutNanos % 1_000_000_000L);
                tmo = timespec;
            }
            Reading r = reading;
            r.clearEvents();
            int n = r.libc.ppoll(r.fds, 2, tmo);
            if (n <= 0) {
                if (n < 0 && -n != Libc.EINTR) {
                    fail("poll failed: " + Libc.strerror(-n));
                    degraded = true;
                }
                return;
            }
            if (r.wakeReadable()) {
                r.libc.read(wakeFd, drain, 8); // reset the eventfd's counter
            }
            String trouble = r.tapTrouble();
            if (trouble != null) {
                fail(trouble);
                degraded = true;
                return;
            }
            if (r.tapReadable() && inFlight.get() < MAX_IN_FLIGHT) {
                Batch batch = new Batch();
                trouble = r.readBatch(batch);
                if (!batch.isEmpty()) {
                    inFlight.addAndGet(batch.size);
                    loop.execute(() -> delivery.accept(batch)); // on the loop: queued, run in its next pass
                }
                if (trouble != null) {
                    fail(trouble);
                    degraded = true;
                }
            }
        }

        @Override
        public void wake() {
            if (!degraded) {
                synchronized (wakeLock) {
                    if (!fdsClosed) {
                        wakeLibc.write(wakeFd, one, 8);
                        return;
                    }
                }
            }
            Thread t = loopThread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }
}
