package dev.strata.time;

import java.util.Arrays;

/**
 * A single-threaded scheduler core: a priority queue of timed events, ordered by time and then by the order they
 * were scheduled, so that equal-time events run in a stable order.
 *
 * <p>The queue is an indexed binary heap: each event knows its slot, so a {@link Timer} is moved or cancelled in
 * O(log n) with no garbage and no dead entries left behind. The driver (the simulator's virtual clock or the
 * real-time loop) decides when time advances: it calls {@link #advanceTo} and then {@link #runDue} or
 * {@link #runNext}.
 */
public final class EventQueue implements Scheduler {

    /** Something the queue can hold: a one-shot task or a timer. */
    abstract static sealed class Event permits OneShot, QueuedTimer {
        long time;
        long seq;
        int index = -1;

        abstract void fire();
    }

    private static final class OneShot extends Event {
        private final Runnable task;

        OneShot(Runnable task) {
            this.task = task;
        }

        @Override
        void fire() {
            task.run();
        }
    }

    private final class QueuedTimer extends Event implements Timer {
        private final Runnable action;

        QueuedTimer(Runnable action) {
            this.action = action;
        }

        @Override
        void fire() {
            action.run();
        }

        @Override
        public void setAt(long deadlineNanos) {
            reschedule(this, Math.max(deadlineNanos, now));
        }

        @Override
        public void setAfter(long delayNanos) {
            if (delayNanos < 0) {
                throw new IllegalArgumentException("negative delay " + delayNanos);
            }
            reschedule(this, now + delayNanos);
        }

        @Override
        public void cancel() {
            if (index >= 0) {
                remove(this);
            }
        }

        @Override
        public boolean isPending() {
            return index >= 0;
        }

        @Override
        public long deadline() {
            return time;
        }
    }

    /** What happens when an event throws: the loop survives and reports the failure here. */
    @FunctionalInterface
    public interface FailureHandler {
        /** Called on the loop's thread with the failure of one event. */
        void failed(RuntimeException failure);
    }

    private Event[] heap = new Event[256];
    private int size;
    private long nextSeq;
    private long now;
    private long executed;
    private long failures;
    private FailureHandler failureHandler = e -> {
        throw e;
    };

    /** An empty queue with its clock at zero. */
    public EventQueue() {}

    /** Sets what happens when an event throws; by default the exception propagates to the driver. */
    public void onFailure(FailureHandler handler) {
        this.failureHandler = handler;
    }

    @Override
    public long nanos() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        insert(new OneShot(task), now);
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos);
        }
        insert(new OneShot(task), now + delayNanos);
    }

    /** Runs {@code task} at absolute time {@code timeNanos} (or now, if that has passed). */
    public void scheduleAt(long timeNanos, Runnable task) {
        insert(new OneShot(task), Math.max(timeNanos, now));
    }

    @Override
    public Timer newTimer(Runnable action) {
        return new QueuedTimer(action);
    }

    /** Number of events waiting. */
    public int size() {
        return size;
    }

    /** True when no event is waiting. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest waiting event, or {@link Long#MAX_VALUE} when none waits. */
    public long nextTime() {
        return size == 0 ? Long.MAX_VALUE : heap[0].time;
    }

    /** Number of events run so far. */
    public long executed() {
        return executed;
    }

    /** Number of events that threw. */
    public long failures() {
        return failures;
    }

    /** Moves the clock forward to {@code timeNanos}; the clock never runs backwards. */
    public void advanceTo(long timeNanos) {
        if (timeNanos > now) {
            now = timeNanos;
        }
    }

    /**
     * Runs the earliest event, first advancing the clock to its time.
     *
     * @return false when the queue was empty
     */
    public boolean runNext() {
        if (size == 0) {
            return false;
        }
        Event e = pollFirst();
        if (e.time > now) {
            now = e.time;
        }
        fire(e);
        return true;
    }

    /** Runs every event due at or before the current time, including those they schedule for now. */
    public void runDue() {
        while (size > 0 && heap[0].time <= now) {
            fire(pollFirst());
        }
    }

    private void fire(Event e) {
        executed++;
        try {
            e.fire();
        } catch (RuntimeException ex) {
            failures++;
            failureHandler.failed(ex);
        }
    }

    // ---- the indexed heap -------------------------------------------------------------------------------------

    private static boolean before(Event a, Event b) {
        return a.time < b.time || (a.time == b.time && a.seq < b.seq);
    }

    private void insert(Event e, long time) {
        e.time = time;
        e.seq = nextSeq++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.index = size;
        heap[size++] = e;
        siftUp(e.index);
    }

    private void reschedule(Event e, long time) {
        if (e.index < 0) {
            insert(e, time);
            return;
        }
        e.time = time;
        e.seq = nextSeq++;
        int i = e.index;
        siftUp(i);
        if (e.index == i) {
            siftDown(i);
        }
    }

    private Event pollFirst() {
        Event first = heap[0];
        Event last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            heap[0] = last;
            last.index = 0;
            siftDown(0);
        }
        first.index = -1;
        return first;
    }

    private void remove(Event e) {
        int i = e.index;
        Event last = heap[--size];
        heap[size] = null;
        if (i != size) {
            heap[i] = last;
            last.index = i;
            siftUp(i);
            if (last.index == i) {
                siftDown(i);
            }
        }
        e.index = -1;
    }

    private void siftUp(int i) {
        Event e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = e;
        e.index = i;
    }

    private void siftDown(int i) {
        Event e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Event c = heap[child];
            int right = child + 1;
            if (right < size && before(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!before(c, e)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = e;
        e.index = i;
    }
}
