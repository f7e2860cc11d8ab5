package dev.strata.bench.sim;

import dev.strata.trace.PcapngSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one Strata scenario in this JVM and prints its {@code RESULT} line, with the peak resident set size of the
 * process (Linux's {@code VmHWM}) as {@code peak_rss_kb}. {@link SimBench} starts one JVM per scenario so that each
 * has its own peak RSS, as each ns-3 scenario is its own process.
 *
 * <p>Usage: {@code ScenarioMain A|A-loss|B|C SIZE [SEED] [--pcap FILE] [--match-ack-order]}, where SIZE is octets for A and A-loss,
 * octets per flow and a host count as {@code BYTES/HOSTS} for B, and datagrams for C; {@code --pcap} captures every
 * link (slow: for checking the model, not for timing); {@code --match-ack-order} gives TCP sinks the window ns-3's
 * advertise ({@link Ns3Model#sink}).
 */
public final class ScenarioMain {

    private ScenarioMain() {}

    /** The entry point of the child JVM. */
    public static void main(String[] args) throws IOException {
        List<String> positional = new ArrayList<>();
        Path pcap = null;
        boolean matchAckOrder = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--match-ack-order")) {
                matchAckOrder = true;
            } else if (args[i].equals("--pcap") && i + 1 < args.length) {
                pcap = Path.of(args[++i]);
            } else {
                positional.add(args[i]);
            }
        }
        if (positional.size() == 1 && positional.getFirst().equals("train")) {
            train();
            return;
        }
        if (positional.size() < 2) {
            System.err.println("usage: ScenarioMain A|A-loss|B|C SIZE [SEED] [--pcap FILE] [--match-ack-order]");
            System.exit(2);
        }
        long seed = positional.size() > 2 ? Long.parseLong(positional.get(2)) : 1;
        Scenario s = Scenario.named(positional.get(0));
        PcapngSink sink = pcap == null ? null : PcapngSink.toFile(pcap);
        ResultLine r = s.runStrata(positional.get(1), seed, matchAckOrder, sim -> {
            if (sink != null) {
                sim.trace(sink);
            }
        });
        if (sink != null) {
            sink.close();
        }
        long rss = peakRssKb();
        if (rss > 0) {
            r.put("peak_rss_kb", rss);
        }
        System.out.println(r);
    }

    /**
     * Runs every scenario at a small size, for a JVM that records an ahead-of-time cache ({@code
     * -XX:AOTCacheOutput}): loaded and linked classes and method profiles, so later runs start with them.
     */
    static void train() {
        for (Scenario s : Scenario.values()) {
            s.runStrata(s.trainingSize(), 1, false, sim -> {});
        }
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
