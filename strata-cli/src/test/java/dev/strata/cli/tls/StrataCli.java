package dev.strata.cli.tls;

import dev.strata.testing.ChildProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Test helper: the strata CLI in a fresh JVM on this test's class path, as a {@link ChildProcess}. */
final class StrataCli {

    private StrataCli() {}

    /** Starts {@code strata ARGS} in {@code dir}, standard output and error captured separately. */
    static ChildProcess start(Path dir, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("dev.strata.cli.Main");
        cmd.addAll(List.of(args));
        return ChildProcess.start(dir, cmd);
    }
}
