package dev.strata.time;

import java.util.Arrays;

/**
 * A single-threaded scheduler core: a priority queue of timed events, ordered by time and then by the order they
 * were scheduled, so that equal-time events run in a stable order.
 *
 * <p>The queue is an indexed binary heap: each event knows its slot, so a {@link Timer} is moved or cancelled in
 * O(log n) with no garbage; a timer armed for later than its entry, or {@linkplain Timer#disarm() disarmed}, costs
 * O(1), its entry being moved on or dropped when it reaches the top. The driver (the simulator's virtual clock or the
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

    /**
     * A timer. While armed, its deadline and its place among equal times are {@code due} and {@code dueSeq}; its
     * entry in the heap ({@code time}, {@code seq}) is never later, and may be earlier: arming a timer for later
     * than its entry (a retransmission timer pushed back on every ACK, a delayed ACK re-armed after each ACK)
     * leaves the entry where it is, and the entry is moved on to the deadline when it reaches the top. A disarmed
     * timer's entry is dropped when it reaches the top. So the timer fires at exactly the time and in exactly the
     * order it would if every arming moved the entry.
     */
    private final class QueuedTimer extends Event implements Timer {
        private final Runnable action;
        boolean armed;
        long due;
        long dueSeq;

        QueuedTimer(Runnable action) {
            this.action = action;
        }

        @Override
        void fire() {
            armed = false;
            action.run();
        }

        /** True when the heap entry is where the timer fires (not early, not disarmed). */
        boolean current() {
            return armed && seq == dueSeq;
        }

        @Override
        public void setAt(long deadlineNanos) {
            arm(this, Math.max(deadlineNanos, now));
        }

        @Override
        public void setAfter(long delayNanos) {
            if (delayNanos < 0) {
                throw new IllegalArgumentException("negative delay " + delayNanos);
            }
            arm(this, now + delayNanos);
        }

        @Override
        public void cancel() {
            if (index >= 0) {
                if (!armed) {
                    stale--;
                }
                remove(this);
            }
            armed = false;
        }

        @Override
        public void disarm() {
            if (armed) {
                armed = false;
                stale++;
            }
        }

        @Override
        public boolean isPending() {
            return armed;
        }

        @Override
        public long deadline() {
            return due;
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
    /** Heap entries of disarmed timers, not yet dropped: {@link #size} less these is the number of events. */
    private int stale;

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
        return size - stale;
    }

    /** True when no event is waiting. */
    public boolean isEmpty() {
        return size == stale;
    }

    /** Time of the earliest waiting event, or {@link Long#MAX_VALUE} when none waits. */
    public long nextTime() {
        settleTop();
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
        settleTop();
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
        while (true) {
            settleTop();
            if (size == 0 || heap[0].time > now) {
                return;
            }
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
        place(e, time, nextSeq++);
    }

    private void place(Event e, long time, long seq) {
        e.time = time;
        e.seq = seq;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        e.index = size;
        heap[size++] = e;
        siftUp(e.index);
    }

    /** Arms {@code t} for {@code time}, taking the next place in the order, as a new event would. */
    private void arm(QueuedTimer t, long time) {
        long seq = nextSeq++;
        if (t.index >= 0 && !t.armed) {
            stale--;
        }
        t.armed = true;
        t.due = time;
        t.dueSeq = seq;
        if (t.index < 0) {
            place(t, time, seq);
        } else if (t.time > time) {
            // Earlier than the entry: move the entry up to the new deadline.
            t.time = time;
            t.seq = seq;
            siftUp(t.index);
        }
        // Otherwise the entry comes first and settleTop moves it on to the deadline when it is reached.
    }

    /** Drops the entries of disarmed timers at the top, and moves early timer entries on to their deadlines. */
    private void settleTop() {
        while (size > 0 && heap[0] instanceof QueuedTimer t && !t.current()) {
            if (t.armed) {
                t.time = t.due;
                t.seq = t.dueSeq;
                siftDown(0);
            } else {
                stale--;
                pollFirst();
            }
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
