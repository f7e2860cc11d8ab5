package dev.strata.ip;

import dev.strata.wire.Ipv4Header;

/**
 * Per-datagram choices a transport makes when it hands a datagram to IP.
 *
 * @param ttl Time to Live (RFC 791), 1..255
 * @param dscp Differentiated Services Code Point (RFC 2474)
 * @param ecn the ECN field (RFC 3168)
 * @param dontFragment set DF: the datagram is never fragmented, and is refused when larger than the path MTU
 */
public record SendOptions(int ttl, int dscp, int ecn, boolean dontFragment) {

    /** TTL 64, best effort, fragmentable: what UDP and ICMP use by default. */
    public static final SendOptions DEFAULT = new SendOptions(Ipv4Header.DEFAULT_TTL, 0, 0, false);

    /** TTL 64 with DF set, as TCP sends for path MTU discovery (RFC 1191). */
    public static final SendOptions DONT_FRAGMENT = new SendOptions(Ipv4Header.DEFAULT_TTL, 0, 0, true);

    /** Validates ranges. */
    public SendOptions {
        if (ttl < 1 || ttl > 255 || dscp < 0 || dscp > 63 || ecn < 0 || ecn > 3) {
            throw new IllegalArgumentException("bad send options ttl=" + ttl + " dscp=" + dscp + " ecn=" + ecn);
        }
    }

    /** These options with another TTL. */
    public SendOptions withTtl(int newTtl) {
        return new SendOptions(newTtl, dscp, ecn, dontFragment);
    }
}
