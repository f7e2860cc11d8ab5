package dev.strata.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import org.junit.jupiter.api.Test;

/**
 * {@code strata bench tcp|sim --quick} run end to end and print their figures and the ratio line. Smoke tests only:
 * no figure is asserted (timing belongs to the benchmarks), and ns-3 is not run (it is not installed in CI).
 */
class BenchCommandTest {

    @Test
    void benchTcpQuickPrintsEachFigureAndEndsWithTheRatio() {
        CliRun r = CliRun.of("bench", "tcp", "--quick");
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
        CliRun r = CliRun.of("bench", "sim", "--quick", "--no-ns3", "--no-aot");
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
        CliRun r = CliRun.of("bench", "sim", "--scenario", "D", "--no-ns3");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("unknown scenario 'D'");
    }
}
