package dev.strata.wire;

/**
 * The addresses an upper-layer checksum covers besides the upper-layer bytes themselves: the pseudo-header of TCP
 * (RFC 9293 §3.1) and UDP (RFC 768). IPv6 (RFC 8200 §8.1) will add its own implementation.
 */
public sealed interface PseudoHeader permits Ipv4PseudoHeader {

    /** The unfolded one's complement sum of the pseudo-header for {@code protocol} and upper-layer length. */
    long sum(int protocol, int upperLayerLength);
}
