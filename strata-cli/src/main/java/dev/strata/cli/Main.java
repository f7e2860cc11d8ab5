package dev.strata.cli;

import dev.strata.cli.bench.BenchCommand;
import dev.strata.cli.ca.CaCommand;
import dev.strata.cli.demo.DemoCommand;
import dev.strata.cli.host.HostCommand;
import dev.strata.cli.tls.TlsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code strata} command: demos, real-network hosts, TLS tools, the CA and benchmarks. */
@Command(
        name = "strata",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "The Internet protocol suite, layer by layer, in pure Java.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            HostCommand.class,
            TlsCommand.class,
            CaCommand.class,
            BenchCommand.class
        })
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Runs the CLI and exits with its code: 0 success, 1 the operation failed, 2 usage. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code, for tests. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line: exit code 2 for usage errors. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExitCodeExceptionMapper(t -> t instanceof CommandLine.ParameterException ? 2 : 1);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("strata: " + ex.getMessage());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            return 2;
        });
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
