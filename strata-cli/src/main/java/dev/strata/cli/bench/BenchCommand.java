package dev.strata.cli.bench;

import dev.strata.bench.JmhLauncher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strata bench}: benchmarks that run Strata and a reference side by side. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks: Strata and a reference (the OS, the JDK) in one run, with the ratio.",
        subcommands = {BenchCommand.Jmh.class, BenchTcp.class, BenchSim.class, TapBench.class, TlsBench.class})
public final class BenchCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command; picocli calls {@link #run()} when no subcommand is given. */
    public BenchCommand() {}

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code strata bench jmh [JMH options] [REGEX...]}: the JMH micro-benchmarks in this jar. */
    @Command(
            name = "jmh",
            description = "Runs the JMH benchmarks (WireBenchmark, SimBenchmark, ...); arguments are JMH's own, "
                    + "e.g. 'WireBenchmark -f 1 -wi 2 -i 3'; '-l' lists them.")
    public static final class Jmh implements Callable<Integer> {

        @CommandLine.Option(names = "--help", usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @CommandLine.Unmatched
        List<String> args = new ArrayList<>();

        /** The command. */
        public Jmh() {}

        @Override
        public Integer call() throws Exception {
            return JmhLauncher.run(args.toArray(String[]::new));
        }
    }
}
