package dev.strata.cli;

import picocli.CommandLine.IVersionProvider;

/** The version line printed by {@code --version}. */
public final class Version implements IVersionProvider {

    /** Strata's version, kept in step with the Maven project version. */
    public static final String VERSION = "0.1.0-SNAPSHOT";

    @Override
    public String[] getVersion() {
        return new String[] {"strata " + VERSION + " (Java " + Runtime.version() + ")"};
    }
}
