package dev.strata.bench.sim;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Runs one Strata scenario in a JVM of its own ({@link ScenarioMain}), so that each run starts cold, as an ns-3
 * process does, and has its own peak RSS; under {@code /usr/bin/time -v} when installed, as the ns-3 runs are.
 */
final class StrataProcess {

    /**
     * The child JVM's options: the serial collector suits a single-threaded simulation (no GC threads competing for
     * the cores, smaller footprint).
     */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC");

    private static final Path TIME = Path.of("/usr/bin/time");

    StrataProcess() {}

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
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTIONS);
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

    /** A class or module path with every entry made absolute, for a child that may run elsewhere. */
    private static String absolute(String path) {
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(e -> !e.isEmpty())
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }
}
