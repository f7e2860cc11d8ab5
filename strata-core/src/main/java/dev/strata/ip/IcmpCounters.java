package dev.strata.ip;

import dev.strata.trace.CounterFields;

/** ICMP counters named as in the IP-MIB's icmpStatsTable (RFC 4293 §5), plus the drops Strata explains. */
public final class IcmpCounters {
    /** Messages received, including those in error. */
    public long inMsgs;
    /** Messages received with errors (bad checksum, truncated). */
    public long inErrors;
    /** Echo requests received. */
    public long inEchos;
    /** Echo replies received. */
    public long inEchoReps;
    /** Destination unreachable messages received. */
    public long inDestUnreachs;
    /** Time exceeded messages received. */
    public long inTimeExcds;
    /** Messages sent. */
    public long outMsgs;
    /** Errors sent. */
    public long outErrors;
    /** Echo replies sent. */
    public long outEchoReps;
    /** Errors not sent because of RFC 1122 §3.2.2's rules (about an error, a fragment, a broadcast). */
    public long errorsSuppressed;
    /** Errors not sent because of the rate limit (RFC 1812 §4.3.2.8). */
    public long errorsRateLimited;
    /** Echo requests to a broadcast or multicast address, ignored as Linux does by default. */
    public long broadcastEchoIgnored;

    IcmpCounters() {}

    @Override
    public String toString() {
        return CounterFields.format(this);
    }
}
