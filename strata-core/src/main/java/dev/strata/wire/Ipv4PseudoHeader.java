package dev.strata.wire;

/**
 * The IPv4 pseudo-header of TCP and UDP checksums (RFC 9293 §3.1, RFC 768): source address, destination address,
 * a zero octet, the protocol, and the TCP/UDP length. A connection can keep one and reuse it for every segment.
 *
 * @param source the IP source address
 * @param destination the IP destination address
 */
public record Ipv4PseudoHeader(Ip4 source, Ip4 destination) implements PseudoHeader {

    /** Validates that both addresses are present. */
    public Ipv4PseudoHeader {
        if (source == null || destination == null) {
            throw new IllegalArgumentException("pseudo-header needs both addresses");
        }
    }

    @Override
    public long sum(int protocol, int upperLayerLength) {
        return Checksums.pseudoHeaderV4(source.bits(), destination.bits(), protocol, upperLayerLength);
    }
}
