package dev.strata.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test helper: one external peer process (openssl, gnutls, curl) with its merged output captured. {@link #close()}
 * kills this process (and only it), so a test never leaves it behind.
 */
final class PeerProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private PeerProcess(Process process) {
        this.process = process;
        this.reader = Thread.ofVirtual().start(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] b = new byte[4096];
                int n;
                while ((n = in.read(b)) > 0) {
                    output.append(new String(b, 0, n, StandardCharsets.ISO_8859_1));
                }
            } catch (IOException ignored) {
                // process ended
            }
        });
    }

    static PeerProcess start(Path dir, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        return new PeerProcess(pb.start());
    }

    /** Waits until the output contains {@code marker}; false on timeout or exit. */
    boolean awaitOutput(String marker, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (System.nanoTime() < deadline) {
            if (output.indexOf(marker) >= 0) {
                return true;
            }
            if (!process.isAlive()) {
                reader.join(1000);
                return output.indexOf(marker) >= 0;
            }
            Thread.sleep(10);
        }
        return false;
    }

    /** Writes to the process's standard input. */
    void send(String s) throws IOException {
        OutputStream o = process.getOutputStream();
        o.write(s.getBytes(StandardCharsets.ISO_8859_1));
        o.flush();
    }

    /** Closes the process's standard input. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Waits for exit; returns the exit code, or -1 after killing it on timeout. */
    int waitFor(long timeoutMillis) throws InterruptedException {
        if (process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
            reader.join(2000);
            return process.exitValue();
        }
        close();
        return -1;
    }

    String output() {
        return output.toString();
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
