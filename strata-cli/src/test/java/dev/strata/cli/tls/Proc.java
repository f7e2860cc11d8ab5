package dev.strata.cli.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: one process (the strata CLI in a fresh JVM, or a real peer such as openssl or curl) with its standard
 * output and error captured separately. {@link #close()} kills this process, and only it.
 */
final class Proc implements AutoCloseable {

    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final StringBuffer err = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private Proc(Process process) {
        this.process = process;
        this.outReader = Thread.ofVirtual().start(() -> copy(process.getInputStream(), out));
        this.errReader = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), err));
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

    /** Starts {@code command} in {@code dir}. */
    static Proc start(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().put("LC_ALL", "C");
        pb.environment().remove("SSLKEYLOGFILE");
        return new Proc(pb.start());
    }

    /** Starts {@code strata ARGS} in a fresh JVM on this test's class path. */
    static Proc strata(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("dev.strata.cli.Main");
        cmd.addAll(List.of(args));
        return start(dir, cmd);
    }

    /** Waits until standard output contains {@code marker}; false on timeout or exit without it. */
    boolean awaitOut(String marker, long timeoutMillis) throws InterruptedException {
        return await(out, marker, timeoutMillis);
    }

    /** Waits until standard error contains {@code marker}. */
    boolean awaitErr(String marker, long timeoutMillis) throws InterruptedException {
        return await(err, marker, timeoutMillis);
    }

    private boolean await(StringBuffer buf, String marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (buf.indexOf(marker) >= 0) {
                return true;
            }
            if (!process.isAlive()) {
                outReader.join(2000);
                errReader.join(2000);
                return buf.indexOf(marker) >= 0;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Writes to standard input. */
    void send(String s) throws IOException {
        OutputStream o = process.getOutputStream();
        o.write(s.getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
    }

    /** Closes standard input. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for exit; returns the exit code, or -1 after killing it on timeout. */
    int waitFor(long timeoutMillis) throws InterruptedException {
        if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            outReader.join(2000);
            errReader.join(2000);
            return process.exitValue();
        }
        close();
        return -1;
    }

    String out() {
        return out.toString();
    }

    String err() {
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
