package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A UDP header to build (RFC 768). The length is the distance from the header's first octet to the buffer's limit
 * ({@link HeaderRecord}); the checksum is computed over {@code pseudoHeader}, header and data.
 *
 * @param sourcePort the source port, 0..65535
 * @param destinationPort the destination port, 0..65535
 * @param pseudoHeader the IP addresses the checksum covers, or null to send no checksum (a zero field, allowed
 *     on IPv4 only)
 */
public record UdpHeader(int sourcePort, int destinationPort, PseudoHeader pseudoHeader) implements HeaderRecord {

    /** Largest UDP length. */
    public static final int MAX_LENGTH = 65535;

    /** Validates the port ranges. */
    public UdpHeader {
        if (((sourcePort | destinationPort) & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("UDP port out of range: " + sourcePort + " > " + destinationPort);
        }
    }

    /** A header whose checksum covers the IPv4 pseudo-header of {@code source} and {@code destination}. */
    public static UdpHeader of(int sourcePort, int destinationPort, Ip4 source, Ip4 destination) {
        return new UdpHeader(sourcePort, destinationPort, new Ipv4PseudoHeader(source, destination));
    }

    @Override
    public int length() {
        return UdpDatagram.HEADER_LENGTH;
    }

    /**
     * Writes the header at {@code at}; the datagram runs to {@code buf.limit()}.
     *
     * @throws IllegalArgumentException if that length is above 65535
     */
    @Override
    public void emit(ByteBuffer buf, int at) {
        int len = buf.limit() - at;
        if (len < UdpDatagram.HEADER_LENGTH || len > MAX_LENGTH) {
            throw new IllegalArgumentException("UDP length " + len + " out of range");
        }
        buf.putShort(at + UdpDatagram.SOURCE_PORT, (short) sourcePort);
        buf.putShort(at + UdpDatagram.DESTINATION_PORT, (short) destinationPort);
        buf.putShort(at + UdpDatagram.LENGTH, (short) len);
        buf.putShort(at + UdpDatagram.CHECKSUM, (short) 0);
        if (pseudoHeader != null) {
            int checksum =
                    Checksums.finish(pseudoHeader.sum(IpProtocol.UDP.value(), len) + Checksums.sum(buf, at, len));
            // RFC 768: "If the computed checksum is zero, it is transmitted as all ones".
            buf.putShort(at + UdpDatagram.CHECKSUM, (short) (checksum == 0 ? 0xFFFF : checksum));
        }
    }
}
