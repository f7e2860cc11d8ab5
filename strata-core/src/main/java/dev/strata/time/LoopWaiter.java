package dev.strata.time;

/**
 * How a {@link RealTimeLoop} waits when nothing is due, and how other threads wake it: by default the loop parks
 * its thread; a device may instead let the loop wait in the kernel on its file descriptor (poll), so that frames
 * arriving wake the loop directly and are read on it, with no thread in between.
 */
public interface LoopWaiter {

    /**
     * Called on the loop: returns after at most {@code timeoutNanos} ({@link Long#MAX_VALUE}: no limit; 0: only
     * look, do not wait), or sooner when {@link #wake} was called or when the waiter found work, which it hands to
     * the loop with {@link Scheduler#execute} (it is on the loop). Spurious early returns are allowed.
     */
    void await(long timeoutNanos);

    /** Called from any thread: makes the current {@link #await}, or the next one, return soon. */
    void wake();
}
