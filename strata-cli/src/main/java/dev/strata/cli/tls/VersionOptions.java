package dev.strata.cli.tls;

import dev.strata.tls.ProtocolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --tls1.2} and {@code --tls1.3}: one version only (default: both, TLS 1.3 preferred). */
public final class VersionOptions {

    @Option(names = "--tls1.2", description = "Use TLS 1.2 only.")
    boolean tls12;

    @Option(names = "--tls1.3", description = "Use TLS 1.3 only.")
    boolean tls13;

    /** No version chosen: both. */
    public VersionOptions() {}

    /** The versions to enable, preferred first; both flags at once are a usage error. */
    ProtocolVersion[] versions(CommandLine cl) {
        if (tls12 && tls13) {
            throw new CommandLine.ParameterException(cl, "--tls1.2 and --tls1.3 exclude each other");
        }
        if (tls12) {
            return new ProtocolVersion[] {ProtocolVersion.TLS12};
        }
        if (tls13) {
            return new ProtocolVersion[] {ProtocolVersion.TLS13};
        }
        return new ProtocolVersion[] {ProtocolVersion.TLS13, ProtocolVersion.TLS12};
    }
}
