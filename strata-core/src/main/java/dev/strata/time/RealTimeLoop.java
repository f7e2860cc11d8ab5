package dev.strata.time;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The real-time driver of an {@link EventQueue}: one thread runs the queue's events in time order on the monotonic
 * wall clock ({@link System#nanoTime()} minus the loop's start), the same queue and the same {@link Scheduler}
 * contract the simulator drives in virtual time, so the stack has one code path for both.
 *
 * <p>Between events the thread parks until the next deadline, or until another thread hands it work through
 * {@link #execute} (a lock-free multi-producer inbox plus {@link LockSupport#unpark}); a {@link LoopWaiter} may
 * replace the parking, e.g. with a poll(2) on a TAP device. Work from other threads runs
 * at the instant the loop takes it from the inbox, after the events already due. An exception thrown by an event is
 * caught, counted ({@link #failures()}) and reported to the failure handler; it never stops the loop.
 *
 * <p>The {@link Scheduler} methods may be called from any thread: on the loop they act at once, from other threads
 * they are handed to the loop. {@link Timer}s, as everywhere, are used on the loop only.
 */
public final class RealTimeLoop implements Scheduler, Executor {

    /** Events run in one pass before the loop looks at its inbox and the clock again. */
    private static final int PASS = 1024;
    /** Events run at most after the shutdown hooks, so that a task that keeps re-queueing itself cannot stall it. */
    private static final int FINAL_EVENTS = 1 << 16;

    private static final System.Logger LOG = System.getLogger(RealTimeLoop.class.getName());

    private enum State {
        NEW,
        RUNNING,
        STOPPING,
        TERMINATED
    }

    private final String name;
    private final EventQueue queue = new EventQueue();
    private final ConcurrentLinkedQueue<Runnable> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean parked = new AtomicBoolean();
    private final ArrayDeque<Runnable> shutdownHooks = new ArrayDeque<>();

    private volatile State state = State.NEW;
    private boolean waiterSet; // guarded by this
    private volatile Thread thread;
    private volatile LoopWaiter waiter = new LoopWaiter() {
        @Override
        public void await(long timeoutNanos) {
            if (timeoutNanos == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else if (timeoutNanos > 0) {
                LockSupport.parkNanos(this, timeoutNanos);
            }
        }

        @Override
        public void wake() {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    };
    private volatile long startNanos;
    private volatile long failures;
    private volatile long handedOver;
    private volatile Throwable lastFailure;
    private volatile Consumer<Throwable> failureHandler =
            e -> LOG.log(System.Logger.Level.WARNING, "event loop task failed", e);

    /** A loop whose thread will be called {@code name}; nothing runs until {@link #start}. */
    public RealTimeLoop(String name) {
        this.name = Objects.requireNonNull(name, "name");
        queue.onFailure(this::failed);
    }

    /** Sets who hears of failed events (default: a warning on {@link System.Logger}); called on the loop. */
    public void onFailure(Consumer<Throwable> handler) {
        this.failureHandler = Objects.requireNonNull(handler, "handler");
    }

    /**
     * Replaces how the loop waits (by default it parks its thread), e.g. with a device's poll on its file descriptor.
     *
     * @throws IllegalStateException when the loop has already started, or already has a waiter set here
     */
    public synchronized void setWaiter(LoopWaiter waiter) {
        Objects.requireNonNull(waiter, "waiter");
        if (state != State.NEW) {
            throw new IllegalStateException("loop " + name + " has started: its waiter is set before the start");
        }
        if (waiterSet) {
            throw new IllegalStateException("loop " + name + " already has a waiter: one device can poll from it");
        }
        this.waiter = waiter;
        waiterSet = true;
    }

    /**
     * Starts the loop's thread (a daemon platform thread named as the loop); the clock starts at zero now.
     *
     * @throws IllegalStateException when already started
     */
    public synchronized RealTimeLoop start() {
        if (state != State.NEW) {
            throw new IllegalStateException("loop " + name + " already started");
        }
        startNanos = System.nanoTime();
        Thread t = Thread.ofPlatform().name(name).daemon(true).unstarted(this::loop);
        thread = t;
        state = State.RUNNING;
        t.start();
        return this;
    }

    // ---- Scheduler and Executor, callable from any thread -------------------------------------------------------

    /**
     * Nanoseconds since {@link #start}: on the loop, the instant the current event began (constant within one
     * event, like the simulator's clock); elsewhere, the wall clock now.
     */
    @Override
    public long nanos() {
        return inLoop() ? queue.nanos() : wallNanos();
    }

    /** Nanoseconds since {@link #start} right now, from any thread; 0 before the start. */
    public long wallNanos() {
        long s = startNanos;
        return s == 0 ? 0 : System.nanoTime() - s;
    }

    /**
     * Runs {@code task} on the loop: at once in the queue's order when called on the loop, otherwise as soon as the
     * loop takes it from its inbox. Work handed over before {@link #start} waits for the start.
     *
     * @throws RejectedExecutionException when the loop has terminated
     */
    @Override
    public void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (inLoop()) {
            queue.execute(task);
        } else {
            submit(task);
        }
    }

    @Override
    public void schedule(long delayNanos, Runnable task) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("negative delay " + delayNanos);
        }
        Objects.requireNonNull(task, "task");
        if (inLoop()) {
            queue.schedule(delayNanos, task);
        } else {
            long at = wallNanos() + delayNanos;
            submit(() -> queue.scheduleAt(at, task));
        }
    }

    @Override
    public Timer newTimer(Runnable action) {
        return queue.newTimer(action);
    }

    /** True when the calling thread is the loop's thread. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /**
     * Runs {@code task} on the loop and waits for its result: a blocking facade for tests and the command line. On
     * the loop itself the task runs at once.
     *
     * @throws CompletionException wrapping a checked exception the task threw (unchecked ones are rethrown as they
     *     are)
     * @throws CancellationException when the loop stopped before running the task, or the caller was interrupted
     */
    public <T> T call(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        if (inLoop()) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        }
        FutureTask<T> f = new FutureTask<>(task);
        submit(f);
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            f.cancel(false);
            throw new CancellationException("interrupted while waiting for loop " + name);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new CompletionException(cause);
        }
    }

    /** {@link #call} for a task with no result. */
    public void run(Runnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    private void submit(Runnable task) {
        if (state == State.TERMINATED) {
            throw new RejectedExecutionException("loop " + name + " has terminated");
        }
        inbox.offer(task);
        if (state == State.TERMINATED) {
            discardInbox(); // the loop ended between the check and the offer; it will not see the task
            throw new RejectedExecutionException("loop " + name + " has terminated");
        }
        if (parked.get()) {
            waiter.wake();
        }
    }

    // ---- shutdown -------------------------------------------------------------------------------------------------

    /** Adds {@code hook} to run on the loop at {@link #shutdown}; hooks run last-added first, like closing resources. */
    public void onShutdown(Runnable hook) {
        Objects.requireNonNull(hook, "hook");
        execute(() -> shutdownHooks.push(hook));
    }

    /**
     * Asks the loop to stop: it runs the shutdown hooks (each failure counted), then the events due at that instant
     * (including those the hooks scheduled for now, up to 65536 of them), then ends its thread. Later events are discarded; work handed
     * to the loop afterwards is rejected, and {@link #call}s still waiting are cancelled. Returns at once; see
     * {@link #join}. Safe to call from any thread, more than once, also before {@link #start}.
     */
    public void shutdown() {
        synchronized (this) {
            if (state == State.NEW) {
                state = State.TERMINATED;
                discardInbox();
                return;
            }
            if (state != State.RUNNING) {
                return;
            }
            state = State.STOPPING;
        }
        waiter.wake();
    }

    /**
     * Waits until the loop's thread has ended.
     *
     * @throws IllegalStateException when called on the loop itself, which would wait for ever
     */
    public void join() throws InterruptedException {
        Thread t = joinable();
        if (t != null) {
            t.join();
        }
    }

    /**
     * Waits at most {@code timeoutNanos} for the loop's thread to end; true when it has.
     *
     * @throws IllegalStateException when called on the loop itself
     */
    public boolean join(long timeoutNanos) throws InterruptedException {
        Thread t = joinable();
        return t == null || t.join(Duration.ofNanos(timeoutNanos));
    }

    private Thread joinable() {
        if (inLoop()) {
            throw new IllegalStateException("join on loop " + name + " from the loop itself");
        }
        return thread;
    }

    /** True from {@link #start} until the loop's thread has finished. */
    public boolean isRunning() {
        State s = state;
        return s == State.RUNNING || s == State.STOPPING;
    }

    /** True once the loop's thread has finished (or the loop was shut down before it started). */
    public boolean isTerminated() {
        return state == State.TERMINATED;
    }

    // ---- statistics -----------------------------------------------------------------------------------------------

    /** Events that threw, counted since the start. */
    public long failures() {
        return failures;
    }

    /** The last failure, or null. */
    public Throwable lastFailure() {
        return lastFailure;
    }

    /** Tasks taken from other threads so far. */
    public long handedOver() {
        return handedOver;
    }

    /** The loop thread's name. */
    public String name() {
        return name;
    }

    // ---- the loop -------------------------------------------------------------------------------------------------

    private void loop() {
        try {
            LoopWaiter w = waiter;
            while (state == State.RUNNING) {
                takeInbox();
                runPass();
                long next = queue.nextTime();
                long now = wallNanos();
                if (!inbox.isEmpty() || state != State.RUNNING || next <= now) {
                    w.await(0); // busy: only look (a polling waiter must not be starved by a busy loop)
                    continue;
                }
                parked.set(true);
                if (inbox.isEmpty() && state == State.RUNNING) {
                    w.await(next == Long.MAX_VALUE ? Long.MAX_VALUE : next - now);
                }
                parked.set(false);
            }
            // STOPPING: hooks, then what is due now.
            takeInbox();
            runPass();
            while (!shutdownHooks.isEmpty()) {
                Runnable hook = shutdownHooks.pop();
                queue.execute(hook);
            }
            queue.advanceTo(wallNanos());
            takeInbox();
            for (int i = 0; i < FINAL_EVENTS && queue.nextTime() <= queue.nanos(); i++) {
                runOne();
            }
        } catch (OutOfMemoryError e) {
            failed(e);
        } finally {
            state = State.TERMINATED;
            discardInbox();
        }
    }

    private void takeInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            handedOver++; // written by the loop only
            queue.execute(task);
        }
    }

    private void runPass() {
        for (int i = 0; i < PASS; i++) {
            queue.advanceTo(wallNanos());
            if (queue.nextTime() > queue.nanos()) {
                return;
            }
            runOne();
        }
    }

    private void runOne() {
        try {
            queue.runNext();
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Error e) {
            failed(e); // AssertionError, StackOverflowError, LinkageError: counted, the loop goes on
        }
    }

    private void failed(Throwable e) {
        failures++;
        lastFailure = e;
        try {
            failureHandler.accept(e);
        } catch (RuntimeException ignored) {
            // a failing failure handler must not stop the loop either
        }
    }

    private void discardInbox() {
        Runnable task;
        while ((task = inbox.poll()) != null) {
            if (task instanceof Future<?> f) {
                f.cancel(false);
            }
        }
    }

    @Override
    public String toString() {
        return "RealTimeLoop[" + name + " " + state + ", " + queue.size() + " events, " + failures + " failures]";
    }
}
