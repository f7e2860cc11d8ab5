/** Strata's command line: the picocli commands behind {@code ./strata}. */
module dev.strata.cli {
    requires dev.strata.core;
    requires dev.strata.tls;
    requires dev.strata.apps;
    requires dev.strata.bench;
    requires info.picocli;

    opens dev.strata.cli to
            info.picocli;
    opens dev.strata.cli.bench to
            info.picocli;
    opens dev.strata.cli.ca to
            info.picocli;
    opens dev.strata.cli.demo to
            info.picocli;
    opens dev.strata.cli.host to
            info.picocli;
    opens dev.strata.cli.tls to
            info.picocli;
}
