package dev.strata.bench.sim;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Runs one Strata scenario in a JVM of its own ({@link ScenarioMain}), so that each run starts cold, as an ns-3
 * process does, and has its own peak RSS; under {@code /usr/bin/time -v} when installed, as the ns-3 runs are.
 *
 * <p>Optionally with a JDK ahead-of-time cache (JEP 483/514/515: classes loaded and linked, and method profiles, from
 * a training run of all four scenarios at small sizes), made on first use like the compiled ns-3 programs. It
 * shortens the JIT's warm-up, which is most of a short run such as A-loss.
 */
final class StrataProcess {

    /**
     * The child JVM's options: the serial collector suits a single-threaded simulation (no GC threads competing for
     * the cores); a 64 MiB young generation lets packets in flight die young even in B (100 windows of 128 KiB),
     * and a 96 MiB initial heap keeps the footprint near what a run needs (the default starts at 1/64 of the RAM).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xms96m", "-Xmn64m");

    private static final Path TIME = Path.of("/usr/bin/time");

    private final Path aotCache;

    /** Runs without an AOT cache ({@code aotCache} null) or with the one given. */
    StrataProcess(Path aotCache) {
        this.aotCache = aotCache;
    }

    /**
     * The AOT cache for this JDK and class path in {@code cacheDir}, trained now when missing; empty when the class
     * path is not made of jars (the JDK caches classes from jars only) or training failed.
     */
    static Optional<Path> prepareAotCache(Path cacheDir) {
        String cp = System.getProperty("java.class.path", "");
        List<Path> entries = Arrays.stream(cp.split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath())
                .toList();
        if (entries.isEmpty()
                || System.getProperty("jdk.module.path") != null
                || !entries.stream().allMatch(e -> e.toString().endsWith(".jar") && Files.isRegularFile(e))) {
            return Optional.empty();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(System.getProperty("java.vm.version", "").getBytes(StandardCharsets.UTF_8));
            sha.update(String.join(" ", JVM_OPTIONS).getBytes(StandardCharsets.UTF_8));
            for (Path e : entries) {
                sha.update((e + ":" + Files.size(e) + ":"
                                + Files.getLastModifiedTime(e).toMillis())
                        .getBytes(StandardCharsets.UTF_8));
            }
            Path file = cacheDir.resolve("strata-" + HexFormat.of().formatHex(sha.digest(), 0, 6) + ".aot");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
            Files.createDirectories(cacheDir);
            List<String> cmd = new ArrayList<>();
            cmd.add(java());
            cmd.addAll(JVM_OPTIONS);
            cmd.add("-XX:AOTCacheOutput=" + file);
            cmd.addAll(List.of("-cp", absolute(cp), ScenarioMain.class.getName(), "train"));
            Ns3Runner.Output out = Ns3Runner.exec(cmd, cacheDir);
            return out.exitCode() == 0 && Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs {@code scenario} at {@code size} with {@code seed} and returns its {@code RESULT} line.
     *
     * @param matchAckOrder give TCP sinks the window ns-3's advertise ({@link Ns3Model#sink})
     */
    ResultLine run(Scenario scenario, String size, long seed, boolean matchAckOrder) {
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            cmd.addAll(List.of(TIME.toString(), "-v"));
        }
        cmd.add(java());
        cmd.addAll(JVM_OPTIONS);
        if (aotCache != null) {
            cmd.add("-XX:AOTCache=" + aotCache);
        }
        String modulePath = System.getProperty("jdk.module.path");
        if (modulePath != null && !modulePath.isBlank()) {
            cmd.addAll(List.of("-p", absolute(modulePath), "-m", "dev.strata.bench/" + ScenarioMain.class.getName()));
        } else {
            cmd.addAll(List.of("-cp", absolute(System.getProperty("java.class.path")), ScenarioMain.class.getName()));
        }
        cmd.addAll(List.of(scenario.label(), size, Long.toString(seed)));
        if (matchAckOrder) {
            cmd.add("--match-ack-order");
        }
        Ns3Runner.Output out = Ns3Runner.exec(cmd, Path.of("").toAbsolutePath());
        if (out.exitCode() != 0) {
            throw new IllegalStateException(
                    "Strata scenario " + scenario.label() + " exited with " + out.exitCode() + ":\n" + out.text());
        }
        ResultLine r = Ns3Runner.parseResult(out.text(), "Strata scenario " + scenario.label());
        String ownRss = r.get("peak_rss_kb");
        Ns3Runner.withTimeFigures(r, out.text());
        if (r.get("peak_rss_kb") == null && ownRss != null) {
            r.put("peak_rss_kb", ownRss);
        }
        return r;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A class or module path with every entry made absolute, for a child that may run elsewhere. */
    private static String absolute(String path) {
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
