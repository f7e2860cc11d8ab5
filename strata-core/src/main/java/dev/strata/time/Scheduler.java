package dev.strata.time;

/**
 * The only way a layer waits: one-shot tasks, re-armable timers, and the time now.
 *
 * <p>All tasks of one scheduler run on one thread, one at a time, in order of time; tasks due at the same instant
 * run in the order they were scheduled. The simulator and the real-time loop are the two implementations.
 */
public interface Scheduler extends Clock {

    /** Runs {@code task} at the current instant, after the tasks already due now. */
    void execute(Runnable task);

    /** Runs {@code task} once, {@code delayNanos} from now (0 means now, after the tasks already due). */
    void schedule(long delayNanos, Runnable task);

    /** A new, unarmed timer that runs {@code action} each time it fires. */
    Timer newTimer(Runnable action);
}
