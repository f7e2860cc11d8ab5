package dev.strata.cli.demo;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every demo takes (../shared/CLI.md "Demos"). */
public final class DemoOptions {

    @Option(
            names = "--seed",
            paramLabel = "N",
            description = "Seed of the simulation's randomness (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Write every link's frames to one pcapng file.")
    Path pcap;

    @Option(names = "--pcap-dir", paramLabel = "DIR", description = "Write one pcapng file per link into DIR.")
    Path pcapDir;

    @Option(names = "--mermaid", paramLabel = "FILE", description = "Write a Mermaid sequence diagram of the exchange.")
    Path mermaid;

    @Option(names = "--quiet", description = "Print results only, not the per-packet trace.")
    boolean quiet;

    /** Default options: seed 1, no files, the per-packet trace on. */
    public DemoOptions() {}
}
