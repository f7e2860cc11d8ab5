package dev.strata.cli.demo;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: runs the most complete story Strata can tell so far and lists the other demos. Until the
 * application wave lands, that story is the ping demo.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Simulated, deterministic demos of the stack (each prints a per-packet trace).",
        subcommands = {PingDemo.class, TcpDemo.class})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    DemoOptions options = new DemoOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The command. */
    public DemoCommand() {}

    @Override
    public Integer call() throws IOException {
        var out = System.out;
        int rc = PingDemo.run(options, out);
        out.println();
        out.println("Other demos:");
        for (var sub : spec.subcommands().entrySet()) {
            String[] d = sub.getValue().getCommandSpec().usageMessage().description();
            out.printf("  ./strata demo %-6s %s%n", sub.getKey(), d.length > 0 ? d[0] : "");
        }
        return rc;
    }
}
