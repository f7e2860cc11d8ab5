package dev.strata.time;

/**
 * A token bucket rate limiter: {@code ratePerSecond} tokens are added per second up to {@code burst}; each allowed
 * event takes one. Used for ICMP error rate limiting (RFC 1812 §4.3.2.8) and TCP challenge ACKs (RFC 5961 §7).
 */
public final class TokenBucket {

    private final Clock clock;
    private final double ratePerNano;
    private final double burst;
    private double tokens;
    private long last;

    /** A full bucket refilled at {@code ratePerSecond} and holding at most {@code burst} tokens. */
    public TokenBucket(Clock clock, double ratePerSecond, double burst) {
        if (ratePerSecond < 0 || burst < 1) {
            throw new IllegalArgumentException("token bucket needs a rate >= 0 and a burst >= 1");
        }
        this.clock = clock;
        this.ratePerNano = ratePerSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = clock.nanos();
    }

    /** Takes a token if there is one; returns whether the event may happen. */
    public boolean tryTake() {
        long now = clock.nanos();
        tokens = Math.min(burst, tokens + (now - last) * ratePerNano);
        last = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
