package dev.strata.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code strata bench tcp|sim --quick} run end to end and print their figures and the ratio line. Smoke tests only:
 * no figure is asserted (timing belongs to the benchmarks), and ns-3 is not run (it is not installed in CI).
 */
class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void benchTcpQuickPrintsEachFigureAndEndsWithTheRatio() {
        Run r = run("bench", "tcp", "--quick");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("kernel loopback")
                .contains("Strata MTU 1500 (MSS 1448)")
                .contains("Strata MTU 65535 (MSS 65483)")
                .containsPattern("bulk_mtu9000_ratio=\\d+\\.\\d\\d")
                .containsPattern("conn_ratio=\\d+\\.\\d\\d")
                .containsPattern("idle_tcb_bytes=\\d+");
        assertThat(r.lines().getLast()).matches("ratio=\\d+\\.\\d\\d");
    }

    @Test
    void benchSimQuickWithoutNs3SaysSoAndEndsWithTheRatio() {
        Run r = run("bench", "sim", "--quick", "--no-ns3", "--no-aot");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("ns-3: skipped")
                .contains("ESTIMATES")
                .contains("== A:")
                .contains("== A-loss:")
                .contains("== B:")
                .contains("== C:")
                .containsPattern("client_rx\\s+-\\s+100000");
        assertThat(r.lines().getLast()).matches("ratio=\\d+\\.\\d\\d");
    }

    @Test
    void anUnknownScenarioIsAUsageError() {
        Run r = run("bench", "sim", "--scenario", "D", "--no-ns3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario 'D'");
    }
}
