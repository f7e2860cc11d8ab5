package dev.strata.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Wireshark's {@code tshark} (and {@code capinfos}) on capture files as an independent referee for tests.
 *
 * <p>Every run reads with name resolution off ({@code -n}) and with the IPv4, UDP and TCP checksum checks on (ICMP's
 * is always on), so {@link #problems} sees bad checksums. Runs are bounded by {@link #TIMEOUT}; a run that takes
 * longer is killed (only the process this helper started) and reported as a failure. Other modules use this class
 * through strata-core's test-jar ({@code <type>test-jar</type>}).
 */
public final class Tshark {

    /** Longest a single tshark run may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** Preferences that turn on checksum validation in the dissectors that default it off. */
    public static final List<String> CHECKSUM_PREFS = List.of(
            "-o", "ip.check_checksum:TRUE",
            "-o", "udp.check_checksum:TRUE",
            "-o", "tcp.check_checksum:TRUE");

    /**
     * A display filter matching frames tshark finds wrong: malformed or truncated dissection, a bad checksum in any
     * layer, or any expert info of severity error.
     */
    public static final String PROBLEM_FILTER = "_ws.malformed || _ws.expert.severity >= error"
            + " || ip.checksum.status == 0 || udp.checksum.status == 0 || tcp.checksum.status == 0"
            + " || icmp.checksum.status == 0";

    private Tshark() {}

    /**
     * The outcome of one run.
     *
     * @param exitCode the process exit code
     * @param stdout standard output, line by line
     * @param stderr standard error, whole
     */
    public record Run(int exitCode, List<String> stdout, String stderr) {}

    /** True when {@code tshark} runs on this machine. */
    public static boolean available() {
        try {
            return exec(List.of("tshark", "--version")).exitCode() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs {@code tshark -n -r file} with the checksum preferences and {@code args}.
     *
     * @throws IOException when tshark cannot run, exits non-zero or times out; the message has its stderr
     */
    public static List<String> run(Path file, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString()));
        cmd.addAll(CHECKSUM_PREFS);
        cmd.addAll(Arrays.asList(args));
        Run run = exec(cmd);
        if (run.exitCode() != 0) {
            throw new IOException(
                    "tshark exited " + run.exitCode() + ": " + String.join(" ", cmd) + "\n" + run.stderr());
        }
        return run.stdout();
    }

    /** The one-line summaries tshark prints for the frames that match {@code displayFilter} (null or "" for all). */
    public static List<String> lines(Path file, String displayFilter) throws IOException {
        return displayFilter == null || displayFilter.isEmpty() ? run(file) : run(file, "-Y", displayFilter);
    }

    /**
     * The values of {@code fields} for each frame matching {@code displayFilter} (null or "" for all), one list per
     * frame; fields with several occurrences are joined with commas, absent fields are "".
     */
    public static List<List<String>> fields(Path file, String displayFilter, String... fields) throws IOException {
        List<String> args = new ArrayList<>(List.of("-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"));
        if (displayFilter != null && !displayFilter.isEmpty()) {
            args.add("-Y");
            args.add(displayFilter);
        }
        for (String f : fields) {
            args.add("-e");
            args.add(f);
        }
        List<List<String>> rows = new ArrayList<>();
        for (String line : run(file, args.toArray(String[]::new))) {
            rows.add(List.of(line.split("\t", -1)));
        }
        return rows;
    }

    /** Number of frames matching {@code displayFilter}. */
    public static int count(Path file, String displayFilter) throws IOException {
        return lines(file, displayFilter).size();
    }

    /**
     * The frames tshark finds wrong (see {@link #PROBLEM_FILTER}), each as "frame N: expert messages"; empty when
     * the capture is clean.
     */
    public static List<String> problems(Path file) throws IOException {
        List<String> out = new ArrayList<>();
        for (List<String> row : fields(file, PROBLEM_FILTER, "frame.number", "_ws.expert.message", "_ws.malformed")) {
            out.add("frame " + row.get(0) + ": "
                    + String.join(" ", row.subList(1, row.size())).trim());
        }
        return out;
    }

    /**
     * The expert-info lines of the frames ({@code -z expert}), for diagnosing a failed check.
     */
    public static List<String> expertSummary(Path file) throws IOException {
        return run(file, "-q", "-z", "expert");
    }

    /**
     * Runs {@code capinfos} on the file, or returns an empty list when capinfos is not installed.
     *
     * @throws IOException when capinfos exists but rejects the file
     */
    public static List<String> capinfos(Path file) throws IOException {
        Run run;
        try {
            run = exec(List.of("capinfos", file.toString()));
        } catch (IOException notInstalled) {
            return List.of();
        }
        if (run.exitCode() != 0) {
            throw new IOException("capinfos exited " + run.exitCode() + ":\n" + run.stderr());
        }
        return run.stdout();
    }

    /**
     * Runs any command (e.g. {@code tcpdump}) with {@link #TIMEOUT}, collecting its output through files so neither
     * pipe can fill up; on timeout the process is killed.
     *
     * @throws IOException when the command cannot start or times out
     */
    public static Run exec(List<String> cmd) throws IOException {
        Path out = Files.createTempFile("strata-tshark", ".out");
        Path err = Files.createTempFile("strata-tshark", ".err");
        try {
            Process p = new ProcessBuilder(cmd)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            boolean done;
            try {
                done = p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for " + cmd.getFirst(), e);
            }
            if (!done) {
                p.destroyForcibly();
                throw new IOException(cmd.getFirst() + " did not finish within " + TIMEOUT + ": " + cmd);
            }
            return new Run(
                    p.exitValue(),
                    Files.readAllLines(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
