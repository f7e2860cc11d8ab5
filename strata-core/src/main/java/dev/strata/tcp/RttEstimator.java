package dev.strata.tcp;

/**
 * The retransmission timer's estimator (RFC 6298): SRTT, RTTVAR and RTO from RTT samples, with exponential backoff.
 *
 * <p>The caller follows Karn's algorithm (RFC 6298 §3): it takes samples only from segments that were not
 * retransmitted (or from timestamps, RFC 7323 §4).
 *
 * <p>Arithmetic is in whole nanoseconds with the RFC's gains alpha = 1/8 and beta = 1/4 (RFC 6298 §2.3); the integer
 * division loses less than a nanosecond per sample.
 */
public final class RttEstimator {

    /** RFC 6298 §2: K = 4. */
    private static final int K = 4;

    private final long initialRto;
    private final long minRto;
    private final long maxRto;
    private final long granularity;

    private boolean hasSample;
    private long srtt;
    private long rttvar;
    private long minRtt;
    private long latestRtt;
    private int backoffs;

    /**
     * An estimator before its first sample.
     *
     * @param initialRtoNanos RTO before any sample (RFC 6298 §2.1: 1 s)
     * @param minRtoNanos lower bound (RFC 6298 §2.4: 1 s; Linux uses 200 ms)
     * @param maxRtoNanos upper bound (RFC 6298 §2.5: at least 60 s)
     * @param granularityNanos clock granularity G of RFC 6298 §2.3
     */
    public RttEstimator(long initialRtoNanos, long minRtoNanos, long maxRtoNanos, long granularityNanos) {
        if (minRtoNanos <= 0 || maxRtoNanos < minRtoNanos || initialRtoNanos <= 0 || granularityNanos < 0) {
            throw new IllegalArgumentException("RTO bounds need 0 < min <= max, initial > 0 and G >= 0");
        }
        this.initialRto = initialRtoNanos;
        this.minRto = minRtoNanos;
        this.maxRto = maxRtoNanos;
        this.granularity = granularityNanos;
    }

    /**
     * Takes an RTT measurement (RFC 6298 §2.2 for the first, §2.3 after); clears any backoff. A negative sample (a
     * clock or timestamp anomaly, e.g. a forged TSecr) is ignored.
     */
    public void sample(long rttNanos) {
        if (rttNanos < 0) {
            return;
        }
        if (!hasSample) {
            // RFC 6298 §2.2: SRTT <- R, RTTVAR <- R/2
            srtt = rttNanos;
            rttvar = rttNanos / 2;
            minRtt = rttNanos;
            hasSample = true;
        } else {
            // RFC 6298 §2.3, in this order (RTTVAR uses the old SRTT):
            // RTTVAR <- (1 - beta) * RTTVAR + beta * |SRTT - R'|, beta = 1/4
            // SRTT <- (1 - alpha) * SRTT + alpha * R', alpha = 1/8
            rttvar += (Math.abs(srtt - rttNanos) - rttvar) / 4;
            srtt += (rttNanos - srtt) / 8;
            minRtt = Math.min(minRtt, rttNanos);
        }
        latestRtt = rttNanos;
        // RFC 6298 §5.7 and Karn: a new sample from a new transmission ends the backoff.
        backoffs = 0;
    }

    /** The current RTO, backoff included, within [min, max]. */
    public long rto() {
        long base = hasSample
                // RFC 6298 §2.2/§2.3: RTO <- SRTT + max(G, K*RTTVAR)
                ? srtt + Math.max(granularity, K * rttvar)
                // RFC 6298 §2.1
                : initialRto;
        // RFC 6298 §2.4 (lower bound) and §2.5 (upper bound)
        base = Math.clamp(base, minRto, maxRto);
        // RFC 6298 §5.5: RTO <- RTO * 2 per expiry, saturating at the maximum.
        for (int i = 0; i < backoffs && base < maxRto; i++) {
            base = base > maxRto / 2 ? maxRto : base * 2;
        }
        return base;
    }

    /** Doubles the RTO after the timer expired (RFC 6298 §5.5), up to the maximum. */
    public void backoff() {
        if (backoffs < Integer.MAX_VALUE) {
            backoffs++;
        }
    }

    /**
     * Ends the backoff without a sample: the RTO returns to SRTT + max(G, 4*RTTVAR). For an ACK of new data when no
     * sample may be taken (Karn), where the implementation chooses to trust the old estimate again (as Linux does when
     * an ACK advances SND.UNA).
     */
    public void clearBackoff() {
        backoffs = 0;
    }

    /** Number of backoffs since the last sample. */
    public int backoffs() {
        return backoffs;
    }

    /** True once a sample was taken. */
    public boolean hasSample() {
        return hasSample;
    }

    /** The smoothed RTT, or 0 before the first sample. */
    public long srtt() {
        return srtt;
    }

    /** The RTT variation, or 0 before the first sample. */
    public long rttvar() {
        return rttvar;
    }

    /** The smallest sample seen, or 0 before the first sample. */
    public long minRtt() {
        return minRtt;
    }

    /** The latest sample, or 0 before the first sample. */
    public long latestRtt() {
        return latestRtt;
    }
}
