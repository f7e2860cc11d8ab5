package dev.strata.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void parsesUnits() {
        assertThat(Durations.parse("20ms")).isEqualTo(20_000_000L);
        assertThat(Durations.parse("1.5s")).isEqualTo(1_500_000_000L);
        assertThat(Durations.parse("250us")).isEqualTo(250_000L);
        assertThat(Durations.parse("100ns")).isEqualTo(100L);
        assertThat(Durations.parse("2m")).isEqualTo(120_000_000_000L);
        assertThat(Durations.parse("7")).isEqualTo(7_000_000L);
    }

    @Test
    void rejectsJunk() {
        assertThatThrownBy(() -> Durations.parse("fast")).hasMessageContaining("not a duration: fast");
        assertThatThrownBy(() -> Durations.parse("-3ms")).hasMessageContaining("not a duration");
    }

    @Test
    void formatsReadably() {
        assertThat(Durations.format(1_234_567_890L)).isEqualTo("1.234568s");
        assertThat(Durations.format(12_500_000L)).isEqualTo("12.5ms");
        assertThat(Durations.format(40_000L)).isEqualTo("40us");
        assertThat(Durations.format(17)).isEqualTo("17ns");
    }
}
