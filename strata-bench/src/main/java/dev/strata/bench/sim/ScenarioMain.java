package dev.strata.bench.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one Strata scenario in this JVM and prints its {@code RESULT} line, with the peak resident set size of the
 * process (Linux's {@code VmHWM}) as {@code peak_rss_kb}. {@link SimBench} starts one JVM per scenario so that each
 * has its own peak RSS, as each ns-3 scenario is its own process.
 *
 * <p>Usage: {@code ScenarioMain A|A-loss|B|C SIZE [SEED]}, where SIZE is octets for A and A-loss, octets per flow
 * and a host count as {@code BYTES/HOSTS} for B, and datagrams for C.
 */
public final class ScenarioMain {

    private ScenarioMain() {}

    /** The entry point of the child JVM. */
    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: ScenarioMain A|A-loss|B|C SIZE [SEED]");
            System.exit(2);
        }
        long seed = args.length > 2 ? Long.parseLong(args[2]) : 1;
        Scenario s = Scenario.named(args[0]);
        ResultLine r = s.runStrata(args[1], seed);
        long rss = peakRssKb();
        if (rss > 0) {
            r.put("peak_rss_kb", rss);
        }
        System.out.println(r);
    }

    /** The peak resident set size of this process in KiB, or -1 when /proc does not tell. */
    static long peakRssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
