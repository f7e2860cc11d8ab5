package dev.strata.trace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Facts about this build of Strata, from a resource Maven fills in when it builds the jar. */
final class BuildInfo {

    private static final String VERSION = load();

    private BuildInfo() {}

    /** Strata's version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code dev} when the resource is missing. */
    static String version() {
        return VERSION;
    }

    private static String load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("strata-build.properties")) {
            if (in == null) {
                return "dev";
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "dev");
            return v.isBlank() || v.startsWith("${") ? "dev" : v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
