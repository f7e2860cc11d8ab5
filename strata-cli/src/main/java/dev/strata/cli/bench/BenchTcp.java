package dev.strata.cli.bench;

import dev.strata.bench.tcp.TcpBench;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench tcp}: Strata's TCP against the kernel's over loopback, in one run. */
@Command(
        name = "tcp",
        mixinStandardHelpOptions = true,
        description = {
            "Bulk transfer between two Strata hosts in one JVM (ideal link, MTU 1500, 9000, 65535) against the JDK's"
                    + " sockets over the kernel's loopback; connections per second (open, request, close) in the"
                    + " simulator against the kernel; heap per idle established connection (100,000 connections).",
            "Prints each figure (median and range of --runs runs, wall and CPU time) and the ratio Strata/kernel;"
                    + " the last line is ratio=X.XX, the geometric mean of the wall-time ratios."
        })
public final class BenchTcp implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Smaller sizes and one run, for a quick smoke run.")
    boolean quick;

    @Option(
            names = "--runs",
            description = "Measured runs of each figure after one warm-up (default: 3, or 1 with --quick).")
    Integer runs;

    /** The command. */
    public BenchTcp() {}

    @Override
    public Integer call() {
        int n = runs != null ? runs : quick ? 1 : 3;
        if (n < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--runs must be at least 1");
        }
        try {
            return new TcpBench(new TcpBench.Options(quick, n), System.out).run();
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("strata bench tcp: " + e.getMessage());
            return 1;
        }
    }
}
