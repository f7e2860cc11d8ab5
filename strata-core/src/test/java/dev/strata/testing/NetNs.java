package dev.strata.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Linux network namespace a test creates for itself ({@code ip netns add strata-test-<random>}) and always removes,
 * with the processes it started there.
 *
 * <p>As a JUnit 5 extension: {@code @RegisterExtension final NetNs ns = new NetNs();} creates the namespace before
 * each test and removes it after, also when the test fails; a test without root (or without {@code ip}) is skipped
 * with a message saying why. Standalone: {@link #create()} and {@link #close()}. Processes started with
 * {@link #spawn} are killed by pid (with their descendants) before the namespace goes; nothing else is touched. A
 * JVM shutdown hook removes namespaces still present if the JVM is stopped mid-test.
 */
public final class NetNs implements BeforeEachCallback, AfterEachCallback, AutoCloseable {

    /** Prefix of every namespace the tests create. */
    public static final String PREFIX = "strata-test-";

    private static final long TIMEOUT_SECONDS = 60;
    private static final Set<NetNs> LIVE = Collections.synchronizedSet(new LinkedHashSet<>());

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(NetNs::closeAllLive, "strata-netns-cleanup"));
    }

    private final List<Process> processes = new ArrayList<>();
    private final List<String[]> hostCleanups = new ArrayList<>();
    private String name;

    /** A namespace to be created by {@link #beforeEach} (or {@link #create()}). */
    public NetNs() {}

    /** The output of a finished command. */
    public record Result(int exit, String out, String err) {
        /** True for exit status 0. */
        public boolean ok() {
            return exit == 0;
        }

        /** stdout and stderr, for failure messages. */
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** Why namespaces cannot be used here, or null when they can (root, and {@code ip} on the PATH). */
    public static String unavailableReason() {
        if (!isRoot()) {
            return "needs root: creates network namespaces and TAP devices";
        }
        if (!onPath("ip")) {
            return "needs the ip command (iproute2)";
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "needs /dev/net/tun";
        }
        return null;
    }

    /** Skips the calling test, with the reason, when namespaces cannot be used. */
    public static void assumeAvailable() {
        String why = unavailableReason();
        Assumptions.assumeTrue(why == null, () -> "skipped: " + why);
    }

    /** True when this process runs with uid 0. */
    public static boolean isRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv()
                .getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
                .split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return Files.isExecutable(Path.of("/usr/sbin", command)) || Files.isExecutable(Path.of("/sbin", command));
    }

    /** A fresh name of {@code prefix} plus 8 hex digits, e.g. for a device (keep prefix to 7 characters). */
    public static String uniqueName(String prefix) {
        byte[] b = new byte[4];
        ThreadLocalRandom.current().nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** Creates a namespace now, for use outside JUnit (close it when done). */
    public static NetNs create() {
        NetNs ns = new NetNs();
        ns.open();
        return ns;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeAvailable();
        open();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        close();
    }

    private void open() {
        if (name != null) {
            throw new IllegalStateException("namespace " + name + " already created");
        }
        String n = uniqueName(PREFIX);
        Result r = host("ip", "netns", "add", n);
        if (!r.ok()) {
            throw new IllegalStateException("ip netns add " + n + " failed: " + r);
        }
        name = n;
        LIVE.add(this);
        execOk("ip", "link", "set", "lo", "up");
    }

    /** The namespace's name. */
    public String name() {
        if (name == null) {
            throw new IllegalStateException("no namespace: not created yet, or already removed");
        }
        return name;
    }

    /** Runs {@code command} inside the namespace and waits for it (at most a minute). */
    public Result exec(String... command) {
        return run(inside(command), TIMEOUT_SECONDS);
    }

    /** Runs {@code command} inside the namespace and waits for it, at most {@code limit}. */
    public Result execWithin(Duration limit, String... command) {
        return run(inside(command), limit.toSeconds());
    }

    /** {@link #exec}, failing the test unless the command exits 0. */
    public Result execOk(String... command) {
        Result r = exec(command);
        if (!r.ok()) {
            throw new AssertionError("in " + name + ": " + String.join(" ", command) + " failed: " + r);
        }
        return r;
    }

    /**
     * Starts {@code command} inside the namespace in the background; it is killed (by pid) when the namespace is
     * removed. Its output goes to {@code output} (stdout and stderr together) when not null, otherwise nowhere.
     */
    public Process spawn(Path output, String... command) {
        ProcessBuilder pb = new ProcessBuilder(inside(command)).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(
                output == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(output.toFile()));
        try {
            Process p = pb.start();
            synchronized (processes) {
                processes.add(p);
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves {@code device} from this process's namespace into this one ({@code ip link set DEV netns NAME}). */
    public void moveIn(String device) {
        Result r = host("ip", "link", "set", device, "netns", name());
        if (!r.ok()) {
            throw new AssertionError("moving " + device + " into " + name + " failed: " + r);
        }
    }

    /** Runs {@code command} (in this process's namespace) when the namespace is removed, before removing it. */
    public void onCloseInHost(String... command) {
        synchronized (hostCleanups) {
            hostCleanups.add(command.clone());
        }
    }

    /** Runs {@code command} in this process's own namespace and waits for it (at most a minute). */
    public static Result host(String... command) {
        return run(List.of(command), TIMEOUT_SECONDS);
    }

    private List<String> inside(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name()));
        cmd.addAll(List.of(command));
        return cmd;
    }

    private static Result run(List<String> command, long timeoutSeconds) {
        try {
            Path out = Files.createTempFile("strata-netns-", ".out");
            Path err = Files.createTempFile("strata-netns-", ".err");
            try {
                Process p = new ProcessBuilder(command)
                        .redirectInput(ProcessBuilder.Redirect.from(
                                Path.of("/dev/null").toFile()))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .start();
                if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                    kill(p);
                    throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + "s");
                }
                return new Result(
                        p.exitValue(),
                        Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }

    /** Kills {@code p} and its descendants, by pid: politely first, then forcibly. */
    private static void kill(Process p) {
        List<ProcessHandle> family = new ArrayList<>(p.descendants().toList());
        family.add(p.toHandle());
        for (ProcessHandle h : family) {
            h.destroy();
        }
        for (ProcessHandle h : family) {
            try {
                h.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
            }
        }
    }

    /** Kills the processes started here, runs the host cleanups, and deletes the namespace. Idempotent. */
    @Override
    public void close() {
        String n = name;
        if (n == null) {
            return;
        }
        List<Process> ps;
        synchronized (processes) {
            ps = new ArrayList<>(processes);
            processes.clear();
        }
        for (Process p : ps) {
            if (p.isAlive()) {
                kill(p);
            }
        }
        List<String[]> cleanups;
        synchronized (hostCleanups) {
            cleanups = new ArrayList<>(hostCleanups);
            hostCleanups.clear();
        }
        for (String[] c : cleanups) {
            host(c);
        }
        Result r = host("ip", "netns", "del", n);
        name = null;
        LIVE.remove(this);
        if (!r.ok()) {
            throw new IllegalStateException("ip netns del " + n + " failed: " + r);
        }
    }

    private static void closeAllLive() {
        List<NetNs> all;
        synchronized (LIVE) {
            all = new ArrayList<>(LIVE);
        }
        for (NetNs ns : all) {
            try {
                ns.close();
            } catch (RuntimeException | AssertionError e) {
                // best effort while the JVM exits
            }
        }
    }

    @Override
    public String toString() {
        return "NetNs[" + name + "]";
    }
}
