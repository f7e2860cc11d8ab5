package dev.strata.tcp;

/**
 * The retransmission timer's estimator (RFC 6298): SRTT, RTTVAR and RTO from RTT samples, with exponential backoff.
 *
 * <p>The caller follows Karn's algorithm (RFC 6298 §3): it takes samples only from segments that were not
 * retransmitted (or from timestamps, RFC 7323 §4).
 */
public final class RttEstimator {

    /**
     * An estimator before its first sample.
     *
     * @param initialRtoNanos RTO before any sample (RFC 6298 §2.1: 1 s)
     * @param minRtoNanos lower bound (RFC 6298 §2.4: 1 s; Linux uses 200 ms)
     * @param maxRtoNanos upper bound (RFC 6298 §2.5: at least 60 s)
     * @param granularityNanos clock granularity G of RFC 6298 §2.3
     */
    public RttEstimator(long initialRtoNanos, long minRtoNanos, long maxRtoNanos, long granularityNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Takes an RTT measurement (RFC 6298 §2.2 for the first, §2.3 after); clears any backoff. */
    public void sample(long rttNanos) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The current RTO, backoff included, within [min, max]. */
    public long rto() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Doubles the RTO after the timer expired (RFC 6298 §5.5), up to the maximum. */
    public void backoff() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Number of backoffs since the last sample. */
    public int backoffs() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** True once a sample was taken. */
    public boolean hasSample() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The smoothed RTT, or 0 before the first sample. */
    public long srtt() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The RTT variation, or 0 before the first sample. */
    public long rttvar() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The smallest sample seen, or 0 before the first sample. */
    public long minRtt() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The latest sample, or 0 before the first sample. */
    public long latestRtt() {
        throw new UnsupportedOperationException("to be implemented");
    }
}
