package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The allocation probe sees allocations, so the zero-allocation tests that use it can fail. */
class AllocationsTest {

    private static volatile Object sink;

    @Test
    void seesAnEscapingAllocation() {
        assertThat(Allocations.perCall(() -> sink = new byte[64])).isGreaterThanOrEqualTo(64);
        assertThat(Allocations.perCall(() -> {})).isZero();
    }
}
