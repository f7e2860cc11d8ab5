package dev.strata.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void medianAndSpreadOfOddAndEvenCounts() {
        assertThat(Samples.of(3, 1, 2).median()).isEqualTo(2);
        assertThat(Samples.of(4, 1, 3, 2).median()).isEqualTo(2.5);
        assertThat(Samples.of(4, 1, 3, 2).format(1)).isEqualTo("2.5 (1.0-4.0)");
        assertThat(Samples.of(1.234).format(2)).isEqualTo("1.23");
    }

    @Test
    void notANumberIsNotASample() {
        Samples s = new Samples().add(Double.NaN).add(5);
        assertThat(s.count()).isEqualTo(1);
        assertThat(new Samples().format(2)).isEqualTo("-");
        assertThat(new Samples().median()).isNaN();
    }
}
