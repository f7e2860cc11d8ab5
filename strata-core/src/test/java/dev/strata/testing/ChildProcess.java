package dev.strata.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: one child process (a real peer such as openssl, gnutls-serv or curl, or the strata CLI in a fresh
 * JVM) with its standard output and error captured, separately or merged. {@link #close()} kills this process, and
 * only it, so a test never leaves it behind. It runs with {@code LC_ALL=C} (messages the tests look for are
 * English) and without {@code SSLKEYLOGFILE} (a test's own key log is never written by a peer).
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private ChildProcess(Process process, boolean merged) {
        this.process = process;
        this.outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
        this.errReader = merged ? null : Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
    }

    private static void copy(InputStream in, StringBuffer to) {
        try (in) {
            byte[] b = new byte[4096];
            int n;
            while ((n = in.read(b)) > 0) {
                to.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Starts {@code command} in {@code dir}, its standard output and error captured separately. */
    public static ChildProcess start(Path dir, List<String> command) throws IOException {
        return start(dir, command, false);
    }

    /** Starts {@code command} in {@code dir}, its standard error merged into {@link #out()}. */
    public static ChildProcess startMerged(Path dir, List<String> command) throws IOException {
        return start(dir, command, true);
    }

    private static ChildProcess start(Path dir, List<String> command, boolean merged) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(merged);
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("SSLKEYLOGFILE");
        return new ChildProcess(pb.start(), merged);
    }

    /** Waits until standard output contains {@code marker}; false on timeout or exit without it. */
    public boolean awaitOut(String marker, long timeoutMillis) throws InterruptedException {
        return await(out, marker, timeoutMillis);
    }

    /** Waits until standard error contains {@code marker}; false on timeout or exit without it. */
    public boolean awaitErr(String marker, long timeoutMillis) throws InterruptedException {
        return await(err, marker, timeoutMillis);
    }

    private boolean await(StringBuffer buf, String marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (buf.indexOf(marker) >= 0) {
                return true;
            }
            if (!process.isAlive()) {
                joinReaders();
                return buf.indexOf(marker) >= 0;
            }
            Thread.sleep(10);
        }
        return false;
    }

    private void joinReaders() throws InterruptedException {
        outReader.join(2000);
        if (errReader != null) {
            errReader.join(2000);
        }
    }

    /** Writes to standard input. */
    public void send(String s) throws IOException {
        OutputStream o = process.getOutputStream();
        o.write(s.getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
    }

    /** Closes standard input. */
    public void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for exit; returns the exit code, or -1 after killing it on timeout. */
    public int waitFor(long timeoutMillis) throws InterruptedException {
        if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            joinReaders();
            return process.exitValue();
        }
        close();
        return -1;
    }

    /** Standard output so far (with standard error, when merged). */
    public String out() {
        return out.toString();
    }

    /** Standard error so far (empty when merged). */
    public String err() {
        return err.toString();
    }

    @Override
    public String toString() {
        return "stdout:\n" + out + "\nstderr:\n" + err;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(2, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
