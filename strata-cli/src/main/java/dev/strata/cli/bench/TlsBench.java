package dev.strata.cli.bench;

import dev.strata.bench.TlsComparison;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata bench tls [--quick]}: Strata's TLS against the JDK's SSLEngine and BCJSSE, side by side. */
@Command(
        name = "tls",
        mixinStandardHelpOptions = true,
        description = {
            "TLS 1.3 full handshakes/s, resumed handshakes/s and bulk AES-128-GCM (16 KiB records, seal+open):"
                    + " Strata, the JDK's SSLEngine and BouncyCastle's BCJSSE in one run, both ends in one thread in"
                    + " memory. Prints each figure and the ratios; the last line is ratio=X.XX (full handshakes,"
                    + " Strata/SSLEngine). The JMH form: strata bench jmh TlsBenchmark."
        })
public final class TlsBench implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--quick", description = "Short warm-up and rounds (a smoke test, not a measurement).")
    boolean quick;

    /** The command; picocli fills in the fields. */
    public TlsBench() {}

    @Override
    public Integer call() throws Exception {
        TlsComparison.of(quick).run(System.out);
        return 0;
    }
}
