package dev.strata.ip;

/**
 * Tunables of the ARP cache, with Linux's defaults ({@code /proc/sys/net/ipv4/neigh/default/*}).
 *
 * @param reachableNanos how long a confirmed entry is trusted (randomized 0.5x..1.5x per entry, RFC 4861 §6.3.2 style)
 * @param retransmitNanos wait between requests while resolving (RFC 1122 §2.3.2.1: at most one per second)
 * @param maxRequests requests sent before resolution fails
 * @param staleNanos how long an unconfirmed (stale) entry is kept before it is removed
 * @param maxEntries bound on the cache size
 * @param maxPending packets queued per unresolved address (RFC 1122 §2.3.2.2 asks for at least one)
 */
public record ArpParams(
        long reachableNanos, long retransmitNanos, int maxRequests, long staleNanos, int maxEntries, int maxPending) {

    /** Linux's defaults: 30 s reachable, 1 s retransmit, 3 requests, 60 s stale, 1024 entries, 101 queued packets. */
    public static final ArpParams DEFAULT =
            new ArpParams(30_000_000_000L, 1_000_000_000L, 3, 60_000_000_000L, 1024, 101);

    /** Validates ranges. */
    public ArpParams {
        if (reachableNanos <= 0
                || retransmitNanos <= 0
                || maxRequests < 1
                || staleNanos <= 0
                || maxEntries < 1
                || maxPending < 1) {
            throw new IllegalArgumentException("ARP parameters must be positive");
        }
    }
}
