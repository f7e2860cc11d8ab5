package dev.strata.bench.sim;

import dev.strata.bench.Samples;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code strata bench sim}: runs each ns-3 reference scenario in ns-3 and in Strata, one process per run, and prints
 * the simulated results side by side (model fidelity: the same model should give the same answer) and the wall
 * time, CPU time and peak RSS of both (speed). The last line is {@code ratio=X.XX}: Strata's speed relative to
 * ns-3's (ns-3's wall time over Strata's) on the scenario where it is lowest.
 */
public final class SimBench {

    /**
     * What to run.
     *
     * @param quick smaller sizes for a smoke run
     * @param runs timed runs of each side per scenario (median and spread are reported)
     * @param lossSeeds seeds (ns-3 RngRun values) of A-loss to compare statistically, the first one timed
     * @param scenarios the scenarios to run, in order
     * @param skipNs3 do not run ns-3 even when it is installed
     * @param cacheDir where the ns-3 programs are compiled
     * @param matchAckOrder give Strata's TCP sinks the window ns-3's advertise ({@link Ns3Model#sink})
     * @param aot run Strata with a JDK ahead-of-time cache, trained on first use
     */
    public record Options(
            boolean quick,
            int runs,
            int lossSeeds,
            List<Scenario> scenarios,
            boolean skipNs3,
            Path cacheDir,
            boolean matchAckOrder,
            boolean aot) {
        /** Validates counts. */
        public Options {
            if (runs < 1 || lossSeeds < 1) {
                throw new IllegalArgumentException("runs and seeds must be at least 1");
            }
            scenarios = List.copyOf(scenarios);
        }
    }

    private final Options options;
    private final PrintStream out;
    private StrataProcess strata;

    /** A benchmark with {@code options} printing to {@code out}. */
    public SimBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The default place for compiled ns-3 programs: {@code $XDG_CACHE_HOME/strata} or {@code ~/.cache/strata}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("strata");
    }

    /**
     * Runs everything and prints the report.
     *
     * @return 0 when every run completed
     */
    public int run() {
        Ns3Runner ns3 = null;
        if (options.skipNs3()) {
            out.println("ns-3: skipped (--no-ns3)");
        } else {
            Optional<String> missing = Ns3Runner.missing();
            if (missing.isPresent()) {
                out.println("ns-3: NOT INSTALLED (missing " + missing.get() + ")");
                out.println("      install it with: " + Ns3Runner.INSTALL_COMMAND);
            } else {
                ns3 = Ns3Runner.prepare(options.cacheDir());
                out.println("ns-3: 3.37 (Debian), programs in " + ns3.binaries());
            }
        }
        if (ns3 == null) {
            out.println("      Without ns-3 the speed ratios are ESTIMATES from ns-3's recorded speed (link packets per"
                    + " wall second,");
            out.println("      2-vCPU EPYC VM, shared/bench/ns3/README.md), not a side-by-side run.");
        }
        Path aot = options.aot()
                ? StrataProcess.prepareAotCache(options.cacheDir()).orElse(null)
                : null;
        strata = new StrataProcess(aot);
        out.println("Strata: JDK " + Runtime.version() + " " + String.join(" ", StrataProcess.JVM_OPTIONS)
                + ", one JVM per run, JIT warm-up included"
                + (options.matchAckOrder() ? "; sinks advertise ns-3's window" : ""));
        if (aot != null) {
            out.println("        with the JDK's AOT cache " + aot + " (classes and profiles of a training run)");
        } else {
            out.println("        without an AOT cache" + (options.aot() ? " (needs the class path in jars)" : ""));
        }
        out.printf(
                Locale.ROOT,
                "sizes: %s, runs per side: %d%n",
                options.quick() ? "quick (smaller than the README's)" : "the README's",
                options.runs());
        double worst = Double.POSITIVE_INFINITY;
        String worstName = "";
        List<String> summary = new ArrayList<>();
        for (Scenario s : options.scenarios()) {
            double speedup = scenario(s, ns3);
            summary.add(String.format(Locale.ROOT, "%s %.2f", s.label(), speedup));
            if (speedup < worst) {
                worst = speedup;
                worstName = s.label();
            }
        }
        out.println();
        out.println("speed, Strata/ns-3 (ns-3 wall over Strata wall; goal 5): " + String.join(", ", summary)
                + (ns3 == null ? " (estimates)" : ""));
        out.printf(Locale.ROOT, "lowest: %s%n", worstName);
        out.printf(Locale.ROOT, "ratio=%.2f%n", worst);
        return 0;
    }

    private double scenario(Scenario s, Ns3Runner ns3) {
        String size = s.size(options.quick());
        out.println();
        out.printf("== %s: %s (%s)%n", s.label(), s.description(), s.describeSize(size));
        List<ResultLine> theirs = new ArrayList<>();
        List<ResultLine> ours = new ArrayList<>();
        for (int i = 0; i < options.runs(); i++) {
            if (ns3 != null) {
                theirs.add(ns3.run(s, size));
            }
            ours.add(strata.run(s, size, 1, options.matchAckOrder()));
        }
        Samples ns3Wall = new Samples();
        Samples ns3User = new Samples();
        Samples ns3Rss = new Samples();
        for (ResultLine r : theirs) {
            ns3Wall.add(r.number("wall_run_s"));
            ns3User.add(r.number("user_s"));
            ns3Rss.add(r.number("peak_rss_kb") / 1024);
        }
        Samples wall = new Samples();
        Samples cpu = new Samples();
        Samples user = new Samples();
        Samples rss = new Samples();
        for (ResultLine r : ours) {
            wall.add(r.number("wall_run_s"));
            cpu.add(r.number("cpu_run_s"));
            user.add(r.number("user_s"));
            rss.add(r.number("peak_rss_kb") / 1024);
        }
        ResultLine first = ours.getFirst();
        boolean estimated = theirs.isEmpty();
        if (estimated) {
            ns3Wall.add(linkPackets(s, first) / s.ns3LinkPacketsPerSecond());
        }
        String ns3Head = estimated ? "ns-3 (estimate)" : "ns-3";
        row("", ns3Head, "Strata", "Strata/ns-3");
        double speedup = ns3Wall.median() / wall.median();
        row("wall, run loop [s]", ns3Wall.format(3), wall.format(3), times(speedup));
        row("CPU, process user [s]", ns3User.format(2), user.format(2), times(ns3User.median() / user.median()));
        row("CPU, run loop thread [s]", "-", cpu.format(3), "");
        row("peak RSS [MB]", ns3Rss.format(1), rss.format(1), ratio(rss.median() / ns3Rss.median()));
        ResultLine ref = theirs.isEmpty() ? null : theirs.getFirst();
        double ns3Pkts = ref == null ? s.ns3LinkPacketsPerSecond() : linkPackets(s, ref) / ns3Wall.median();
        row(
                "link packets per wall s",
                String.format(Locale.ROOT, "%.0f", ns3Pkts),
                String.format(Locale.ROOT, "%.0f", linkPackets(s, first) / wall.median()),
                "");
        out.println("  -- simulated (model fidelity; the same model should give the same answer)");
        for (String key : fidelityKeys(s)) {
            String a = ref == null ? "-" : value(ref, key);
            String b = value(first, key);
            String diff = key.equals("events")
                    ? "(counted differently)"
                    : ref == null ? "" : difference(ref.number(key), first.number(key));
            row(key, a, b, diff);
        }
        if (s == Scenario.B && !options.matchAckOrder()) {
            out.println("  note: ns-3 ACKs after its sink has read the data, Strata (like Linux) before, so Strata's");
            out.println(
                    "        window is one segment smaller: 88 segments per round trip instead of 90, about 2% more");
            out.println(
                    "        time; --match-ack-order gives the sinks one MSS more buffer to advertise ns-3's window.");
        }
        if (s == Scenario.A_LOSS) {
            out.println("  note: losses follow each simulator's own random stream; compare over seeds (--seeds N).");
            if (options.lossSeeds() > 1) {
                lossSeeds(s, size, ns3);
            }
        }
        return speedup;
    }

    /** A-loss depends on the random stream: compare loss, recoveries, RTOs and completion over several seeds. */
    private void lossSeeds(Scenario s, String size, Ns3Runner ns3) {
        String[] keys = {"lost_pkts", "fast_recoveries", "rtos", "sim_done_s"};
        Samples[] theirs = new Samples[keys.length];
        Samples[] ours = new Samples[keys.length];
        for (int k = 0; k < keys.length; k++) {
            theirs[k] = new Samples();
            ours[k] = new Samples();
        }
        for (int seed = 1; seed <= options.lossSeeds(); seed++) {
            ResultLine a = ns3 == null ? null : ns3.run(s, size, seed);
            ResultLine b = strata.run(s, size, seed, options.matchAckOrder());
            for (int k = 0; k < keys.length; k++) {
                if (a != null) {
                    theirs[k].add(a.number(keys[k]));
                }
                ours[k].add(b.number(keys[k]));
            }
        }
        out.printf("  -- over %d seeds: median (min-max)%n", options.lossSeeds());
        for (int k = 0; k < keys.length; k++) {
            int d = keys[k].endsWith("_s") ? 3 : 0;
            row(keys[k], theirs[k].format(d), ours[k].format(d), "");
        }
    }

    /** The packets the links carried, in both directions. */
    static double linkPackets(Scenario s, ResultLine r) {
        return switch (s) {
            case A, A_LOSS -> r.number("data_dir_tx_pkts") + r.number("ack_dir_tx_pkts");
            case B, C -> r.number("link_tx_pkts");
        };
    }

    /** The simulated figures to compare. */
    static List<String> fidelityKeys(Scenario s) {
        return switch (s) {
            case A, A_LOSS ->
                List.of(
                        "sim_done_s",
                        "goodput_gbps",
                        "rx_bytes",
                        "data_dir_tx_pkts",
                        "ack_dir_tx_pkts",
                        "data_rx_pkts",
                        "lost_pkts",
                        "fast_recoveries",
                        "rtos",
                        "events");
            case B ->
                List.of(
                        "sim_done_s",
                        "fct_min_s",
                        "fct_mean_s",
                        "agg_goodput_gbps",
                        "total_rx_bytes",
                        "link_tx_pkts",
                        "drops",
                        "events");
            case C ->
                List.of("sim_last_echo_s", "client_tx", "server_rx", "client_rx", "link_tx_pkts", "drops", "events");
        };
    }

    private static String value(ResultLine r, String key) {
        String v = r.get(key);
        return v == null ? "-" : v;
    }

    private static String difference(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return "";
        }
        if (a == b) {
            return "same";
        }
        String pct = a == 0 ? "" : String.format(Locale.ROOT, " (%+.4f%%)", 100 * (b - a) / a);
        if (a == Math.rint(a) && b == Math.rint(b)) {
            return String.format(Locale.ROOT, "%+.0f", b - a) + pct;
        }
        return String.format(Locale.ROOT, "%+.3g", b - a) + pct;
    }

    private static String times(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return "";
        }
        return String.format(Locale.ROOT, "%.2fx", x);
    }

    private static String ratio(double x) {
        return times(x);
    }

    private void row(String name, String a, String b, String c) {
        out.printf(Locale.ROOT, "  %-26s %22s %22s  %s%n", name, a, b, c).flush();
    }
}
