package dev.strata.pki;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a real tool (openssl, certtool) as a referee: bounded in time, killed if it hangs, output captured. */
final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    /** What a run printed (stdout and stderr merged) and its exit code. */
    record Run(int exit, String output) {
        @Override
        public String toString() {
            return "exit " + exit + ": " + output;
        }
    }

    private ExternalTool() {}

    /** True when {@code name} is an executable on PATH. */
    static boolean available(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                return true;
            }
        }
        return false;
    }

    /** Runs {@code command} in {@code dir} and waits for it; a run that outlives the timeout is killed. */
    static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("strata-tool", ".out");
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new IOException(command.getFirst() + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
            Files.deleteIfExists(out);
        }
    }

    /** {@link #run(Path, List)} with varargs. */
    static Run run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, List.of(command));
    }

    /** Runs and requires exit 0, returning the output. */
    static String ok(Path dir, String... command) throws IOException, InterruptedException {
        Run r = run(dir, command);
        if (r.exit() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed: " + r);
        }
        return r.output();
    }
}
