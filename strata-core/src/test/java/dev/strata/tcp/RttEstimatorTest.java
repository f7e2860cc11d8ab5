package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class RttEstimatorTest {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** Linux-like bounds: 200 ms floor, 120 s ceiling, 1 ms granularity. */
    private static RttEstimator linuxLike() {
        return new RttEstimator(S, 200 * MS, 120 * S, MS);
    }

    @Test
    void beforeAnySampleTheInitialRtoApplies() {
        RttEstimator e = new RttEstimator(S, S, 60 * S, MS);
        assertThat(e.hasSample()).isFalse();
        assertThat(e.rto()).isEqualTo(S);
        assertThat(e.srtt()).isZero();
        assertThat(e.rttvar()).isZero();
        assertThat(e.minRtt()).isZero();
        assertThat(e.latestRtt()).isZero();
    }

    @Test
    void firstSampleFollowsRfc6298Section22() {
        RttEstimator e = linuxLike();
        e.sample(100 * MS);
        // SRTT = R, RTTVAR = R/2, RTO = SRTT + max(G, 4*RTTVAR) = 100 + 200 ms
        assertThat(e.srtt()).isEqualTo(100 * MS);
        assertThat(e.rttvar()).isEqualTo(50 * MS);
        assertThat(e.rto()).isEqualTo(300 * MS);
        assertThat(e.hasSample()).isTrue();
    }

    @Test
    void laterSamplesFollowRfc6298Section23() {
        RttEstimator e = linuxLike();
        e.sample(100 * MS);
        e.sample(200 * MS);
        // RTTVAR = 3/4*50 + 1/4*|100-200| = 62.5 ms (old SRTT); SRTT = 7/8*100 + 1/8*200 = 112.5 ms
        assertThat(e.rttvar()).isEqualTo(62_500_000L);
        assertThat(e.srtt()).isEqualTo(112_500_000L);
        assertThat(e.rto()).isEqualTo(112_500_000L + 250_000_000L);
        e.sample(40 * MS);
        // RTTVAR = 3/4*62.5 + 1/4*|112.5-40| = 46.875 + 18.125 = 65 ms; SRTT = 7/8*112.5 + 1/8*40 = 103.4375 ms
        assertThat(e.rttvar()).isEqualTo(65 * MS);
        assertThat(e.srtt()).isEqualTo(103_437_500L);
        assertThat(e.minRtt()).isEqualTo(40 * MS);
        assertThat(e.latestRtt()).isEqualTo(40 * MS);
    }

    @Test
    void aSteadyRttConvergesAndGranularityFloorsTheVarianceTerm() {
        RttEstimator e = new RttEstimator(S, MS, 60 * S, 10 * MS);
        for (int i = 0; i < 200; i++) {
            e.sample(50 * MS);
        }
        assertThat(e.srtt()).isEqualTo(50 * MS);
        // RTTVAR decays to (almost) zero; max(G, 4*RTTVAR) leaves G = 10 ms.
        assertThat(e.rttvar()).isLessThan(MS / 1000);
        assertThat(e.rto()).isEqualTo(60 * MS);
    }

    @Test
    void rtoIsClampedToTheMinimumAndMaximum() {
        RttEstimator rfc = new RttEstimator(S, S, 60 * S, MS);
        rfc.sample(10 * MS);
        assertThat(rfc.rto()).isEqualTo(S); // RFC 6298 §2.4: rounded up to 1 s
        RttEstimator big = new RttEstimator(S, S, 60 * S, MS);
        big.sample(100 * S);
        assertThat(big.rto()).isEqualTo(60 * S); // §2.5
        RttEstimator init = new RttEstimator(3 * S, 200 * MS, 2 * S, MS);
        assertThat(init.rto()).isEqualTo(2 * S);
    }

    @Test
    void backoffDoublesUpToTheMaximumAndASampleClearsIt() {
        RttEstimator e = new RttEstimator(S, 200 * MS, 10 * S, MS);
        e.sample(100 * MS); // RTO 300 ms
        e.backoff();
        assertThat(e.rto()).isEqualTo(600 * MS);
        e.backoff();
        assertThat(e.rto()).isEqualTo(1200 * MS);
        e.backoff();
        e.backoff();
        assertThat(e.rto()).isEqualTo(4800 * MS);
        e.backoff();
        assertThat(e.rto()).isEqualTo(9600 * MS);
        e.backoff();
        assertThat(e.rto()).isEqualTo(10 * S);
        for (int i = 0; i < 100; i++) {
            e.backoff();
        }
        assertThat(e.rto()).isEqualTo(10 * S);
        assertThat(e.backoffs()).isEqualTo(106);
        e.sample(100 * MS);
        assertThat(e.backoffs()).isZero();
        assertThat(e.rto()).isLessThan(S);
    }

    @Test
    void backoffBeforeAnySampleDoublesTheInitialRto() {
        RttEstimator e = new RttEstimator(S, S, 60 * S, MS);
        e.backoff();
        e.backoff();
        assertThat(e.rto()).isEqualTo(4 * S);
        e.clearBackoff();
        assertThat(e.rto()).isEqualTo(S);
        assertThat(e.backoffs()).isZero();
    }

    @Test
    void negativeSamplesAreIgnored() {
        RttEstimator e = linuxLike();
        e.sample(-5);
        assertThat(e.hasSample()).isFalse();
        e.sample(100 * MS);
        e.backoff();
        e.sample(-1);
        assertThat(e.srtt()).isEqualTo(100 * MS);
        assertThat(e.backoffs()).isEqualTo(1);
    }

    @Test
    void rejectsInconsistentBounds() {
        assertThatThrownBy(() -> new RttEstimator(S, 2 * S, S, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RttEstimator(S, 0, S, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RttEstimator(0, MS, S, MS)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RttEstimator(S, MS, S, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The integer estimator stays within a few nanoseconds of the RFC's real-valued formulas. */
    @Property(tries = 300)
    void matchesTheRealValuedFormulas(
            @ForAll @Size(min = 1, max = 60) List<@LongRange(min = 0, max = 2_000_000_000L) Long> rtts) {
        RttEstimator e = new RttEstimator(S, 1, Long.MAX_VALUE / 4, 1000);
        double srtt = 0;
        double rttvar = 0;
        boolean first = true;
        for (long r : rtts) {
            e.sample(r);
            if (first) {
                srtt = r;
                rttvar = r / 2.0;
                first = false;
            } else {
                rttvar = 0.75 * rttvar + 0.25 * Math.abs(srtt - r);
                srtt = 0.875 * srtt + 0.125 * r;
            }
        }
        assertThat((double) e.srtt()).isCloseTo(srtt, Offset.offset(16.0));
        assertThat((double) e.rttvar()).isCloseTo(rttvar, Offset.offset(16.0));
        assertThat((double) e.rto()).isCloseTo(srtt + Math.max(1000, 4 * rttvar), Offset.offset(100.0));
        assertThat(e.minRtt())
                .isEqualTo(rtts.stream().mapToLong(Long::longValue).min().orElseThrow());
    }
}
