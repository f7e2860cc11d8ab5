package dev.strata.ip;

import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ipv4Quote;

/**
 * An ICMP error about a datagram this host sent, as handed to the transport that sent it (RFC 1122 §3.2.2: "the
 * ICMP error message ... MUST be passed to the transport layer").
 *
 * @param reporter the address of the host or router that sent the error
 * @param code the error's type and code
 * @param nextHopMtu for "fragmentation needed", the MTU of the next hop (RFC 1191), else 0
 * @param quote the quoted header of our datagram and at least the first 8 octets of its payload (ports)
 */
public record IcmpError(Ip4 reporter, Icmpv4Code code, int nextHopMtu, Ipv4Quote quote) {}
