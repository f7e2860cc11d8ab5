package dev.strata.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Wall time and the calling thread's CPU time since it started. On a machine shared with other work the CPU time
 * is the steadier figure: it does not count the time the thread waited for a core.
 */
public final class Stopwatch {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final long wall0;
    private final long cpu0;

    private Stopwatch() {
        this.wall0 = System.nanoTime();
        this.cpu0 = THREADS.getCurrentThreadCpuTime();
    }

    /** Starts measuring now, on this thread. */
    public static Stopwatch start() {
        return new Stopwatch();
    }

    /** Wall seconds since the start. */
    public double wallSeconds() {
        return (System.nanoTime() - wall0) / 1e9;
    }

    /** CPU seconds this thread used since the start (must be called on the same thread). */
    public double cpuSeconds() {
        return (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
    }
}
