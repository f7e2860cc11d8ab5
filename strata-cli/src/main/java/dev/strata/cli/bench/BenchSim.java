package dev.strata.cli.bench;

import dev.strata.bench.sim.Scenario;
import dev.strata.bench.sim.SimBench;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench sim}: the ns-3 reference scenarios in ns-3 and in Strata, side by side. */
@Command(
        name = "sim",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the ns-3 reference scenarios (A: 1 GB bulk, A-loss: 100 MB with 1%% loss, B: 100-host star,"
                    + " C: 1,000,000 UDP echoes) in ns-3 and in Strata's simulator with the same model, and prints"
                    + " the simulated results of both, their wall and CPU times and peak RSS, and the speed ratio.",
            "ns-3 comes from Debian's packages (apt-get install ns3 libns3-dev g++ time); the scripts are"
                    + " compiled on first use. Without ns-3 the ratios are estimates from ns-3's recorded speed.",
            "The last line is ratio=X.XX: Strata's speed over ns-3's on the scenario where it is lowest."
        })
public final class BenchSim implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Smaller sizes for a quick smoke run.")
    boolean quick;

    @Option(
            names = "--runs",
            defaultValue = "1",
            description =
                    "Timed runs of each side per scenario; median and spread are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(
            names = "--seeds",
            defaultValue = "1",
            description =
                    "Seeds of A-loss to compare statistically (loss, recoveries, RTOs, completion; default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--scenario",
            split = ",",
            paramLabel = "NAME",
            description = "Scenarios to run: A, A-loss, B, C (default: all).")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--no-ns3", description = "Do not run ns-3 even when it is installed (ratios become estimates).")
    boolean noNs3;

    @Option(
            names = "--match-ack-order",
            description = "Give Strata's TCP sinks one MSS more receive buffer, so that they advertise the window"
                    + " ns-3's do (ns-3 ACKs after its sink has read; Strata, like Linux, before).")
    boolean matchAckOrder;

    @Option(
            names = "--no-aot",
            description =
                    "Run Strata without the JDK ahead-of-time cache (made on first use from small training runs).")
    boolean noAot;

    @Option(
            names = "--ns3-cache",
            paramLabel = "DIR",
            description = "Where the ns-3 programs and Strata's AOT cache are kept (default: $XDG_CACHE_HOME/strata or"
                    + " ~/.cache/strata).")
    Path cache;

    /** The command. */
    public BenchSim() {}

    @Override
    public Integer call() {
        if (runs < 1 || seeds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs and --seeds must be at least 1");
        }
        List<Scenario> chosen = new ArrayList<>();
        try {
            for (String s : scenarios) {
                chosen.add(Scenario.named(s.strip()));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (chosen.isEmpty()) {
            chosen.addAll(List.of(Scenario.values()));
        }
        SimBench.Options o = new SimBench.Options(
                quick,
                runs,
                seeds,
                chosen,
                noNs3,
                cache == null ? SimBench.defaultCacheDir() : cache,
                matchAckOrder,
                !noAot);
        try {
            return new SimBench(o, System.out).run();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("strata bench sim: " + e.getMessage());
            return 1;
        }
    }
}
