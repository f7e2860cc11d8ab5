package dev.strata.udp;

import dev.strata.trace.CounterFields;

/** UDP counters named as in the UDP-MIB (RFC 4113 §4). */
public final class UdpCounters {
    /** Datagrams delivered to sockets. */
    public long inDatagrams;
    /** Datagrams for a port with no socket. */
    public long noPorts;
    /** Datagrams not delivered for other reasons (bad checksum, bad length). */
    public long inErrors;
    /** Datagrams sent. */
    public long outDatagrams;

    UdpCounters() {}

    @Override
    public String toString() {
        return CounterFields.format(this);
    }
}
