package dev.strata.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/** Runs the JMH benchmarks of this module with JMH's own command-line arguments, for {@code strata bench jmh}. */
public final class JmhLauncher {

    private JmhLauncher() {}

    /**
     * Runs JMH with {@code args} (benchmark regexes and JMH options; {@code -l} lists, {@code -h} helps).
     *
     * @return 0 on success, 1 when no benchmark ran, 2 for bad arguments
     */
    public static int run(String... args) throws RunnerException, java.io.IOException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("strata bench jmh: " + e.getMessage());
            return 2;
        }
        if (options.shouldHelp()) {
            options.showHelp();
            return 0;
        }
        if (options.shouldList()) {
            new Runner(options).list();
            return 0;
        }
        return new Runner(options).run().isEmpty() ? 1 : 0;
    }
}
