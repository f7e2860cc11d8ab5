package dev.strata.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import dev.strata.testing.NetNs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** {@code strata bench tap} runs end to end and cleans up; its figures are not asserted (they are measurements). */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TapBenchTest {

    private record Result(int exit, String out, String err) {}

    private static Result strata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(args), out.toString(), err.toString());
    }

    @Test
    void badOptionsExitWith2() {
        Result r = strata("bench", "tap", "--seconds", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("strata bench tap: ");
    }

    @Test
    void aShortRunPrintsEveryFigureAndTheRatioLastAndLeavesNoNamespace() {
        NetNs.assumeAvailable();
        String before = NetNs.host("ip", "netns", "list").out();
        Result r = strata("bench", "tap", "--seconds", "1", "--rounds", "200");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out())
                .contains("veth  Linux -> Linux  iperf3")
                .contains("tap   Linux -> Strata")
                .contains("tap   Strata -> Linux")
                .contains("Strata echo over the TAP  p50");
        assertThat(r.out().strip().lines().toList().getLast()).matches("ratio=\\d+\\.\\d\\d");
        String after = NetNs.host("ip", "netns", "list").out();
        assertThat(after.lines().filter(l -> l.startsWith("strata-bench-")).toList())
                .isEqualTo(before.lines()
                        .filter(l -> l.startsWith("strata-bench-"))
                        .toList());
    }
}
