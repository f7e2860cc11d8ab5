package dev.strata.link;

import dev.strata.time.Scheduler;
import dev.strata.time.Timer;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * One direction of a link: a bounded transmit queue, a serializer at the link rate, then propagation delay, jitter
 * and the impairments of {@link LinkParams}, delivering frames to a {@link FrameReceiver} at their arrival time.
 *
 * <p>The queue is modelled without events: each admitted frame's transmit start is computed from when the
 * transmitter frees up, so only arrivals are scheduled. Frames in flight wait in a FIFO behind a single timer armed
 * for the head, so a busy link costs one queue entry, not one per frame. A frame chosen for reordering leaves the
 * FIFO and gets its own one-shot event. Every random draw comes from the channel's seeded source, in a fixed order,
 * so a seed replays exactly.
 */
public final class Channel {

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final LinkParams params;
    private final LossModel.Process loss;
    private final ChannelCounters counters = new ChannelCounters();
    private final Timer arrivalTimer;
    private FrameReceiver sink;
    private FrameTap tap;

    // Transmit starts of frames still waiting for the transmitter (a ring of times).
    private long[] waiting = new long[16];
    private int waitHead;
    private int waitCount;
    private long busyUntil;

    // Frames in flight in arrival order.
    private long[] arrivals = new long[16];
    private ByteBuffer[] frames = new ByteBuffer[16];
    private int flightHead;
    private int flightCount;
    private long lastArrival;

    /**
     * A channel on {@code scheduler} drawing from {@code random}, behaving as {@code params}.
     *
     * @param sink where frames arrive (may be set later with {@link #connect})
     */
    public Channel(Scheduler scheduler, RandomGenerator random, LinkParams params, FrameReceiver sink) {
        this.scheduler = scheduler;
        this.random = random;
        this.params = params;
        this.loss = params.loss().newProcess();
        this.sink = sink;
        this.arrivalTimer = scheduler.newTimer(this::deliverDue);
    }

    /** Sets where frames arrive. */
    public void connect(FrameReceiver receiver) {
        this.sink = receiver;
    }

    /** Sets a tap that sees every frame admitted to the wire, at the time it is offered. */
    public void tap(FrameTap frameTap) {
        this.tap = frameTap;
    }

    /** This channel's parameters. */
    public LinkParams params() {
        return params;
    }

    /** This channel's counters. */
    public ChannelCounters counters() {
        return counters;
    }

    /** Frames waiting for the transmitter right now (the frame being serialized not included). */
    public int queueLength() {
        dequeueStarted(scheduler.nanos());
        return waitCount;
    }

    /**
     * Offers a frame for sending; the channel owns the buffer from now on.
     *
     * @return false when the frame was tail-dropped because the queue was full
     */
    public boolean offer(ByteBuffer frame) {
        long now = scheduler.nanos();
        counters.offered++;
        long txEnd = now;
        if (params.rateBitsPerSecond() > 0) {
            dequeueStarted(now);
            if (waitCount >= params.queuePackets()) {
                counters.queueDrops++;
                return false;
            }
            long start = Math.max(now, busyUntil);
            if (start > now) {
                pushWaiting(start);
            }
            busyUntil = start + params.serializationNanos(frame.remaining());
            txEnd = busyUntil;
        }
        if (tap != null) {
            tap.frame(now, frame);
        }
        if (loss.lose(random)) {
            counters.lost++;
            return true;
        }
        long arrival = txEnd + params.delayNanos();
        if (params.jitterNanos() > 0) {
            arrival = Math.max(txEnd, arrival + random.nextLong(-params.jitterNanos(), params.jitterNanos() + 1));
        }
        ByteBuffer copy = null;
        if (params.duplicate() > 0 && random.nextDouble() < params.duplicate()) {
            copy = ByteBuffer.allocate(frame.remaining());
            copy.put(frame.duplicate()).flip();
            counters.duplicated++;
        }
        if (params.corrupt() > 0 && random.nextDouble() < params.corrupt() && frame.hasRemaining()) {
            int bit = random.nextInt(frame.remaining() * 8);
            int at = frame.position() + bit / 8;
            frame.put(at, (byte) (frame.get(at) ^ (1 << (bit % 8))));
            counters.corrupted++;
        }
        if (params.reorder() > 0 && random.nextDouble() < params.reorder()) {
            counters.reordered++;
            ByteBuffer late = frame;
            long when = arrival + params.reorderDelayNanos();
            scheduler.schedule(when - now, () -> deliver(late));
        } else {
            enqueueInFlight(arrival, frame);
        }
        if (copy != null) {
            enqueueInFlight(arrival, copy);
        }
        return true;
    }

    private void dequeueStarted(long now) {
        while (waitCount > 0 && waiting[waitHead] <= now) {
            waitHead = (waitHead + 1) & (waiting.length - 1);
            waitCount--;
        }
    }

    private void pushWaiting(long start) {
        if (waitCount == waiting.length) {
            long[] bigger = new long[waiting.length * 2];
            for (int i = 0; i < waitCount; i++) {
                bigger[i] = waiting[(waitHead + i) & (waiting.length - 1)];
            }
            waiting = bigger;
            waitHead = 0;
        }
        waiting[(waitHead + waitCount) & (waiting.length - 1)] = start;
        waitCount++;
    }

    private void enqueueInFlight(long arrival, ByteBuffer frame) {
        // Jitter never reorders: a frame cannot arrive before the one sent ahead of it.
        arrival = Math.max(arrival, lastArrival);
        lastArrival = arrival;
        if (flightCount == arrivals.length) {
            int n = arrivals.length;
            long[] a = new long[n * 2];
            ByteBuffer[] f = new ByteBuffer[n * 2];
            for (int i = 0; i < flightCount; i++) {
                a[i] = arrivals[(flightHead + i) & (n - 1)];
                f[i] = frames[(flightHead + i) & (n - 1)];
            }
            arrivals = a;
            frames = f;
            flightHead = 0;
        }
        int slot = (flightHead + flightCount) & (arrivals.length - 1);
        arrivals[slot] = arrival;
        frames[slot] = frame;
        flightCount++;
        if (flightCount == 1) {
            arrivalTimer.setAt(arrival);
        }
    }

    private void deliverDue() {
        long now = scheduler.nanos();
        while (flightCount > 0 && arrivals[flightHead] <= now) {
            ByteBuffer frame = frames[flightHead];
            frames[flightHead] = null;
            flightHead = (flightHead + 1) & (arrivals.length - 1);
            flightCount--;
            deliver(frame);
        }
        if (flightCount > 0) {
            arrivalTimer.setAt(arrivals[flightHead]);
        }
    }

    private void deliver(ByteBuffer frame) {
        counters.delivered++;
        counters.deliveredBytes += frame.remaining();
        FrameReceiver s = sink;
        if (s != null) {
            s.receive(frame);
        }
    }

    /** Drops every frame in flight (the link went down). */
    public void clear() {
        Arrays.fill(frames, null);
        flightCount = 0;
        flightHead = 0;
        waitCount = 0;
        arrivalTimer.cancel();
    }
}
