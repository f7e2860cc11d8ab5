package dev.strata.bench.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Builds and runs the ns-3 reference programs (Debian's ns-3.37 packages): the three scripts ship in this jar and
 * are compiled on first use into a cache folder, as the reference's README builds them; each run happens under
 * {@code /usr/bin/time -v} to learn its peak resident set size.
 */
public final class Ns3Runner {

    /** The command that installs what this runner needs on Debian 12. */
    public static final String INSTALL_COMMAND =
            "sudo apt-get install -y --no-install-recommends ns3 libns3-dev g++ time";

    private static final String[] PROGRAMS = {"tcp_bulk", "star_many", "udp_echo_many"};
    private static final List<String> LIBS = List.of(
            "-lns3-core",
            "-lns3-network",
            "-lns3-internet",
            "-lns3-point-to-point",
            "-lns3-applications",
            "-lns3-traffic-control",
            "-lns3-stats");
    private static final Path HEADER = Path.of("/usr/include/ns3/core-module.h");
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final long TIMEOUT_SECONDS = 900;

    private final Path binaries;

    private Ns3Runner(Path binaries) {
        this.binaries = binaries;
    }

    /**
     * What is missing for ns-3 runs on this machine (ns-3's headers and libraries, a C++ compiler), or empty when
     * everything is there.
     */
    public static Optional<String> missing() {
        List<String> gone = new ArrayList<>();
        if (!Files.isRegularFile(HEADER)) {
            gone.add("ns-3 headers (" + HEADER + ", package libns3-dev)");
        }
        if (onPath("g++") == null) {
            gone.add("a C++ compiler (g++)");
        }
        return gone.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", gone));
    }

    /**
     * Compiles the programs into {@code cacheRoot} (once: the folder is named after a hash of the sources) and
     * returns a runner for them.
     *
     * @throws IllegalStateException when ns-3 or the compiler is missing or compiling fails, with the compiler's output
     */
    public static Ns3Runner prepare(Path cacheRoot) {
        missing().ifPresent(m -> {
            throw new IllegalStateException(
                    "ns-3 is not installed: missing " + m + "; install with: " + INSTALL_COMMAND);
        });
        try {
            byte[][] sources = new byte[PROGRAMS.length][];
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (int i = 0; i < PROGRAMS.length; i++) {
                sources[i] = source(PROGRAMS[i]);
                sha.update(sources[i]);
            }
            String tag = HexFormat.of().formatHex(sha.digest(), 0, 6);
            Path dir = cacheRoot.resolve("ns3-" + tag);
            Files.createDirectories(dir);
            for (int i = 0; i < PROGRAMS.length; i++) {
                Path bin = dir.resolve(PROGRAMS[i]);
                if (Files.isExecutable(bin)) {
                    continue;
                }
                Path cc = dir.resolve(PROGRAMS[i] + ".cc");
                Files.write(cc, sources[i]);
                List<String> cmd = new ArrayList<>(
                        List.of("g++", "-O2", "-std=c++17", cc.toString(), "-o", bin + ".tmp", "-Wl,--no-as-needed"));
                cmd.addAll(LIBS);
                Output out = exec(cmd, dir);
                if (out.exitCode() != 0) {
                    throw new IllegalStateException("compiling " + cc + " failed:\n" + out.text());
                }
                Files.move(Path.of(bin + ".tmp"), bin, StandardCopyOption.ATOMIC_MOVE);
            }
            return new Ns3Runner(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The folder holding the compiled programs. */
    public Path binaries() {
        return binaries;
    }

    /**
     * Runs {@code scenario} at {@code size} and returns its {@code RESULT} line, with {@code peak_rss_kb} (from
     * {@code /usr/bin/time -v}, when installed) and {@code user_s}, the process's user CPU seconds.
     *
     * @throws IllegalStateException when the program fails or prints no result
     */
    public ResultLine run(Scenario scenario, String size) {
        return run(scenario, size, 1);
    }

    /** Runs {@code scenario} at {@code size} with ns-3's run number {@code run} (RngRun; seed 1). */
    public ResultLine run(Scenario scenario, String size, long run) {
        List<String> cmd = new ArrayList<>();
        boolean timed = Files.isExecutable(TIME);
        if (timed) {
            cmd.addAll(List.of(TIME.toString(), "-v"));
        }
        cmd.add(binaries.resolve(scenario.program()).toString());
        cmd.addAll(scenario.ns3Args(size));
        cmd.add("--run=" + run);
        Output out = exec(cmd, binaries);
        if (out.exitCode() != 0) {
            throw new IllegalStateException(
                    "ns-3 " + scenario.program() + " exited with " + out.exitCode() + ":\n" + out.text());
        }
        return withTimeFigures(parseResult(out.text(), scenario.program()), out.text());
    }

    /** The {@code RESULT} line in a program's output. */
    static ResultLine parseResult(String output, String program) {
        for (String line : output.split("\n")) {
            Optional<ResultLine> r = ResultLine.parse(line.strip());
            if (r.isPresent()) {
                return r.get();
            }
        }
        throw new IllegalStateException(program + " printed no RESULT line:\n" + output);
    }

    /** Adds {@code peak_rss_kb} and {@code user_s} from {@code /usr/bin/time -v}'s report, when there is one. */
    static ResultLine withTimeFigures(ResultLine r, String output) {
        for (String line : output.split("\n")) {
            String t = line.strip();
            if (t.startsWith("Maximum resident set size (kbytes):")) {
                r.put("peak_rss_kb", t.substring(t.indexOf(':') + 1).strip());
            } else if (t.startsWith("User time (seconds):")) {
                r.put("user_s", t.substring(t.indexOf(':') + 1).strip());
            }
        }
        return r;
    }

    /** A finished process: its exit code and its standard output and error, merged. */
    record Output(int exitCode, String text) {}

    /** Runs {@code cmd} in {@code dir}, merging its output streams, within the timeout. */
    static Output exec(List<String> cmd, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + cmd.getFirst(), e);
        }
        try (InputStream in = p.getInputStream()) {
            byte[][] holder = new byte[1][];
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try {
                    holder[0] = in.readAllBytes();
                } catch (IOException e) {
                    holder[0] = ("(output lost: " + e.getMessage() + ")").getBytes(StandardCharsets.UTF_8);
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", cmd) + " did not finish within " + TIMEOUT_SECONDS + " s; killed");
            }
            reader.join();
            return new Output(p.exitValue(), new String(holder[0], StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static byte[] source(String program) throws IOException {
        String name = "ns3/" + program + ".cc";
        try (InputStream in = Ns3Runner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the ns-3 source " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    private static Path onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String d : path.split(":")) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }
}
