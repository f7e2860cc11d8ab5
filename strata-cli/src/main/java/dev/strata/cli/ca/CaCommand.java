package dev.strata.cli.ca;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code strata ca}: the certificate authority commands {@code init}, {@code issue} and {@code verify}. */
@Command(
        name = "ca",
        mixinStandardHelpOptions = true,
        description = {
            "A certificate authority for tests and demos: create one, issue TLS certificates, verify chains.",
            "",
            "  strata ca init --dir D               root and intermediate CA in D",
            "  strata ca issue --dir D --name HOST   HOST.crt, .key, .chain.pem in D",
            "  strata ca verify --cafile D/root.crt D/HOST.chain.pem --name HOST"
        },
        subcommands = {CaInit.class, CaIssue.class, CaVerify.class})
public final class CaCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Creates the command; picocli fills in the fields. */
    public CaCommand() {}

    /** Without a subcommand: the usage, on the error stream, and exit code 2. */
    @Override
    public Integer call() {
        spec.commandLine().getErr().println("strata ca: which command? init, issue or verify");
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
