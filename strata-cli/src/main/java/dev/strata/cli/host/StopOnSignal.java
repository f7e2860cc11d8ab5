package dev.strata.cli.host;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns SIGINT and SIGTERM into an orderly stop with exit code 0, using only standard API: a shutdown hook (which
 * the JVM runs on those signals) asks the command to stop, waits until it has closed its connections and flushed
 * its output, then ends the process with the command's exit code, so that the JVM's own status for a signal (130 or
 * 143) does not apply.
 */
final class StopOnSignal {

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    /** 1 (failed) until the command says otherwise: a command that hangs past the wait did not succeed. */
    private volatile int exitCode = 1;

    /**
     * Registers the hook; it waits at most {@code maxWaitNanos} for {@link #finish}, then runs {@code flush} and
     * halts.
     */
    StopOnSignal(long maxWaitNanos, Runnable flush) {
        hook = Thread.ofPlatform().name("strata-stop").unstarted(() -> {
            requested.countDown();
            try {
                finished.await(maxWaitNanos, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            flush.run();
            Runtime.getRuntime().halt(exitCode);
        });
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Waits up to {@code millis} for a stop request; true when one came. */
    boolean awaitRequest(long millis) throws InterruptedException {
        return requested.await(millis, TimeUnit.MILLISECONDS);
    }

    /**
     * The command has finished with {@code code}. Without a signal the hook is removed and the command returns as
     * usual; during a signal's shutdown the hook ends the process with {@code code}.
     */
    void finish(int code) {
        exitCode = code;
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running: it halts with the code
        }
    }
}
