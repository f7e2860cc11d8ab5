package dev.strata.ip;

import dev.strata.trace.CounterFields;
import java.util.List;

/**
 * IPv4 counters named as in the IP-MIB's ipSystemStatsTable (RFC 4293 §5), the names {@code netstat -s} shows.
 */
public final class IpCounters {
    /** Datagrams received, including those in error. */
    public long inReceives;
    /** Datagrams discarded for header errors (bad checksum, version, lengths, TTL exceeded while forwarding). */
    public long inHdrErrors;
    /** Datagrams discarded because no route could be found to forward them. */
    public long inNoRoutes;
    /** Datagrams discarded because the destination address was not ours and we do not forward, or a martian. */
    public long inAddrErrors;
    /** Locally-addressed datagrams for a protocol nobody handles. */
    public long inUnknownProtos;
    /** Datagrams discarded because they were shorter than their header said. */
    public long inTruncatedPkts;
    /** Datagrams forwarded (counted on input). */
    public long inForwDatagrams;
    /** Fragments received that needed reassembly. */
    public long reasmReqds;
    /** Datagrams reassembled. */
    public long reasmOKs;
    /** Reassembly failures (timeouts, overlaps, limits). */
    public long reasmFails;
    /** Datagrams delivered to upper layers (ICMP included). */
    public long inDelivers;
    /** Datagrams handed to IP by local upper layers. */
    public long outRequests;
    /** Locally-generated datagrams dropped because no route existed. */
    public long outNoRoutes;
    /** Datagrams forwarded (counted on output). */
    public long outForwDatagrams;
    /** Datagrams discarded on output (next hop unresolvable, too big with DF). */
    public long outDiscards;
    /** Datagrams that needed fragmentation. */
    public long outFragReqds;
    /** Datagrams fragmented successfully. */
    public long outFragOKs;
    /** Datagrams that needed fragmentation but could not be (DF set). */
    public long outFragFails;
    /** Fragments created. */
    public long outFragCreates;
    /** Datagrams handed to the link layer. */
    public long outTransmits;

    IpCounters() {}

    /** The non-zero counters as {@code name=value} strings, in declaration order. */
    public List<String> nonZero() {
        return CounterFields.nonZero(this);
    }

    @Override
    public String toString() {
        return CounterFields.format(this);
    }
}
