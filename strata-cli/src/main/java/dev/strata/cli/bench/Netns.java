package dev.strata.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace a benchmark creates for itself ({@code ip netns add strata-bench-<random>}) and removes on
 * {@link #close()}, after killing (by pid, with their descendants) the processes it started there; a JVM shutdown
 * hook removes it too if the run is interrupted.
 */
final class Netns implements AutoCloseable {

    /** The output of a finished command. */
    record Result(int exit, String out, String err) {
        boolean ok() {
            return exit == 0;
        }
    }

    private final String name;
    private final List<Process> processes = new ArrayList<>();
    private final Thread cleanup;
    private boolean closed;

    private Netns(String name) {
        this.name = name;
        this.cleanup = new Thread(this::close, "strata-bench-netns-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
    }

    /** Creates a namespace with a fresh name and its loopback up. */
    static Netns create() throws IOException {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        String name = "strata-bench-" + HexFormat.of().formatHex(b);
        Result r = run(List.of("ip", "netns", "add", name));
        if (!r.ok()) {
            throw new IOException("ip netns add " + name + " failed: " + r.err().strip());
        }
        Netns ns = new Netns(name);
        ns.execOk("ip", "link", "set", "lo", "up");
        return ns;
    }

    String name() {
        return name;
    }

    /** Runs {@code command} in the namespace and waits (at most two minutes). */
    Result exec(String... command) throws IOException {
        return run(inside(command));
    }

    /** {@link #exec}, failing unless the command exits 0. */
    Result execOk(String... command) throws IOException {
        Result r = exec(command);
        if (!r.ok()) {
            throw new IOException("in " + name + ": " + String.join(" ", command) + " failed: "
                    + r.err().strip());
        }
        return r;
    }

    /** Starts {@code command} in the namespace in the background, its output to {@code log}. */
    Process spawn(Path log, String... command) throws IOException {
        Process p = new ProcessBuilder(inside(command))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
        synchronized (processes) {
            processes.add(p);
        }
        return p;
    }

    private List<String> inside(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        return cmd;
    }

    static Result run(List<String> command) throws IOException {
        Path out = Files.createTempFile("strata-bench-", ".out");
        Path err = Files.createTempFile("strata-bench-", ".err");
        try {
            Process p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                kill(p);
                throw new IOException(String.join(" ", command) + " did not finish within 120 s");
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command, e);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static void kill(Process p) {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        family.add(p.toHandle());
        family.forEach(ProcessHandle::destroy);
        for (ProcessHandle h : family) {
            try {
                h.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /** Kills the processes started here and deletes the namespace (with its devices). Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        synchronized (processes) {
            for (Process p : processes) {
                if (p.isAlive()) {
                    kill(p);
                }
            }
            processes.clear();
        }
        try {
            run(List.of("ip", "netns", "del", name));
        } catch (IOException e) {
            System.err.println("strata bench: could not delete namespace " + name + ": " + e.getMessage());
        }
        if (Thread.currentThread() != cleanup) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway and finds the namespace closed
            }
        }
    }
}
