package dev.strata.bench.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The parts of {@code strata bench tcp} do the work they claim, at small sizes. No timing is asserted. */
class TcpBenchPartsTest {

    @Test
    void bulkTransfersDeliverEveryOctetWithTheMssOfTheMtu() {
        // MSS = MTU - 40, less 12 for the timestamps option (RFC 7323), which both ends offer.
        int[][] cases = {{1500, 1448}, {9000, 8948}, {65535, 65483}};
        for (int[] c : cases) {
            StrataBulk.Result r = StrataBulk.run(c[0], 3_000_000L);
            assertThat(r.bytes()).isEqualTo(3_000_000L);
            assertThat(r.mss()).isEqualTo(c[1]);
            assertThat(r.dataFrames()).isGreaterThanOrEqualTo(3_000_000L / c[1]);
        }
    }

    @Test
    void theKernelReferenceMovesTheSameOctetsOverLoopback() {
        assertThat(KernelBulk.run(1_000_000L).bytes()).isEqualTo(1_000_000L);
    }

    @Test
    void everyConnectionCompletesInTheSimulatorAndThroughTheKernel() {
        assertThat(StrataConnectionRate.run(500, 16).connections()).isEqualTo(500);
        assertThat(KernelConnectionRate.run(20, 2).connections()).isEqualTo(20);
    }

    @Test
    void anIdleEstablishedConnectionHoldsLessThanTwoKilobytesAtEachEnd() {
        // The goal of issue 3; 5,000 connections make the heap delta large against GC noise.
        IdleConnectionMemory.Result r = IdleConnectionMemory.run(5_000);
        assertThat(r.bytesPerTcb()).isPositive().isLessThan(2048);
    }
}
