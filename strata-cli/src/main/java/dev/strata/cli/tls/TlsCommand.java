package dev.strata.cli.tls;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strata tls}: a TLS client and server over the OS's sockets, like openssl s_client and s_server. */
@Command(
        name = "tls",
        mixinStandardHelpOptions = true,
        description = {
            "Strata's TLS 1.3/1.2 over the OS's TCP, certificates checked with Strata's own PKI.",
            "",
            "  strata tls client HOST:PORT --cafile F         like openssl s_client",
            "  strata tls server --port P --cert F --key F   like openssl s_server"
        },
        subcommands = {TlsClientCommand.class, TlsServerCommand.class})
public final class TlsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command; picocli fills in the fields. */
    public TlsCommand() {}

    /** Without a subcommand: the usage, on the error stream, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("strata tls: which command? client or server");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
