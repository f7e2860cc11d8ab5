package dev.strata.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Test helper: one {@code strata} command run in this JVM ({@link Main#run}) with what it printed to standard output
 * and standard error.
 *
 * @param exitCode the command's exit code
 * @param out what it printed to standard output
 * @param err what it printed to standard error
 */
public record CliRun(int exitCode, String out, String err) {

    /** Runs {@code strata ARGS}, capturing both streams. */
    public static CliRun of(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** Standard output, line by line. */
    public List<String> lines() {
        return out.lines().toList();
    }
}
