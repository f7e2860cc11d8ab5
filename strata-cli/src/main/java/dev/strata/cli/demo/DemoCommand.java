package dev.strata.cli.demo;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo}: runs the most complete story Strata can tell so far and lists the other demos. That story is
 * the TLS demo: a CA and a certificate, TCP's three-way handshake, the TLS handshake in the notes' order, an HTTP
 * request and answer as encrypted application data, close_notify and the four-way termination.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = "Simulated, deterministic demos of the stack (each prints a per-packet trace).",
        subcommands = {TlsDemo.class, PingDemo.class, TcpDemo.class})
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
        int rc = TlsDemo.run(options, new TlsDemo.Choice(dev.strata.tls.ProtocolVersion.TLS12, false, null), out);
        out.println();
        out.println("Other demos:");
        for (var sub : spec.subcommands().entrySet()) {
            String[] d = sub.getValue().getCommandSpec().usageMessage().description();
            out.printf("  ./strata demo %-6s %s%n", sub.getKey(), d.length > 0 ? d[0] : "");
        }
        return rc;
    }
}
