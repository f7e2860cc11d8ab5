package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A lenient view of the IPv4 datagram quoted in an ICMP error message (RFC 792: "Internet Header + 64 bits of
 * Original Data Datagram").
 *
 * <p>Only the header has to be complete: the quote is usually cut short, so its total length and checksum are not
 * checked and the quoted payload is whatever follows the header, often just the 8 octets that hold the UDP or TCP
 * ports. Accessors never fail; those reading the quoted payload say what they return when it is too short.
 */
public final class Ipv4Quote {

    private final ByteBuffer buf;
    private final int off;
    private final int headerLength;
    private final int payloadLength;

    private Ipv4Quote(ByteBuffer buf, int off, int headerLength, int payloadLength) {
        this.buf = buf;
        this.off = off;
        this.headerLength = headerLength;
        this.payloadLength = payloadLength;
    }

    /**
     * Parses the quote between {@code buf}'s position and limit. Fails with {@link ParseError#TRUNCATED} below 20
     * octets, {@link ParseError#BAD_VERSION}, or {@link ParseError#BAD_HEADER_LENGTH} when the IHL is below 5 or
     * the quoted header is incomplete.
     */
    public static Parsed<Ipv4Quote> parse(ByteBuffer buf) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < Ipv4Packet.MIN_HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "quoted IPv4 header of " + len + " bytes");
        }
        int vihl = buf.get(off + Ipv4Packet.VERSION_IHL) & 0xFF;
        if (vihl >>> 4 != Ipv4Packet.VERSION) {
            return Parsed.malformed(ParseError.BAD_VERSION, "quoted IP version " + (vihl >>> 4));
        }
        int headerLength = (vihl & 0x0F) * 4;
        if (headerLength < Ipv4Packet.MIN_HEADER_LENGTH || headerLength > len) {
            return Parsed.malformed(
                    ParseError.BAD_HEADER_LENGTH,
                    "quoted IPv4 header of " + headerLength + " octets in " + len + " bytes");
        }
        int available = len - headerLength;
        int stated = (buf.getShort(off + Ipv4Packet.TOTAL_LENGTH) & 0xFFFF) - headerLength;
        // A quote never holds more of the payload than the datagram had; bytes past it are not the datagram's.
        int payloadLength = stated >= 0 ? Math.min(available, stated) : available;
        return Parsed.ok(new Ipv4Quote(buf, off, headerLength, payloadLength));
    }

    /** Length of the quoted header in octets. */
    public int headerLength() {
        return headerLength;
    }

    /** The quoted datagram's Total Length field (the original length, not the quote's). */
    public int totalLength() {
        return buf.getShort(off + Ipv4Packet.TOTAL_LENGTH) & 0xFFFF;
    }

    /** The quoted Identification field. */
    public int identification() {
        return buf.getShort(off + Ipv4Packet.IDENTIFICATION) & 0xFFFF;
    }

    /** The quoted Fragment Offset field, in units of 8 octets. */
    public int fragmentOffset() {
        return buf.getShort(off + Ipv4Packet.FLAGS_FRAGMENT) & Ipv4Packet.FRAGMENT_OFFSET_MASK;
    }

    /** The quoted TTL, as the datagram arrived where the error was found. */
    public int ttl() {
        return buf.get(off + Ipv4Packet.TTL) & 0xFF;
    }

    /** The quoted protocol as a raw value. */
    public int protocolValue() {
        return buf.get(off + Ipv4Packet.PROTOCOL) & 0xFF;
    }

    /** The quoted protocol. */
    public IpProtocol protocol() {
        return IpProtocol.of(protocolValue());
    }

    /** The quoted source address as a 32-bit value. */
    public int sourceBits() {
        return buf.getInt(off + Ipv4Packet.SOURCE);
    }

    /** The quoted source address: the sender of the datagram the error is about. */
    public Ip4 source() {
        return new Ip4(sourceBits());
    }

    /** The quoted destination address as a 32-bit value. */
    public int destinationBits() {
        return buf.getInt(off + Ipv4Packet.DESTINATION);
    }

    /** The quoted destination address. */
    public Ip4 destination() {
        return new Ip4(destinationBits());
    }

    /** Absolute index of the quoted payload in the underlying buffer. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Number of quoted payload octets present (usually 8, at most the original payload). */
    public int payloadLength() {
        return payloadLength;
    }

    /** The quoted payload as a new buffer sharing the bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength);
    }

    /** True when the quote holds the first 4 payload octets: the ports of UDP and TCP. */
    public boolean hasPorts() {
        return payloadLength >= 4;
    }

    /** The quoted UDP or TCP source port, or -1 when the quote is too short. */
    public int sourcePort() {
        return hasPorts() ? buf.getShort(payloadOffset()) & 0xFFFF : -1;
    }

    /** The quoted UDP or TCP destination port, or -1 when the quote is too short. */
    public int destinationPort() {
        return hasPorts() ? buf.getShort(payloadOffset() + 2) & 0xFFFF : -1;
    }

    /** True when the quote holds the first 8 payload octets, as RFC 792 requires. */
    public boolean hasFirstEightOctets() {
        return payloadLength >= 8;
    }

    /**
     * The second 32-bit word of the quoted payload (the TCP sequence number, the UDP length and checksum, or an
     * ICMP echo's identifier and sequence), or 0 when {@link #hasFirstEightOctets()} is false.
     */
    public int secondWord() {
        return hasFirstEightOctets() ? buf.getInt(payloadOffset() + 4) : 0;
    }

    @Override
    public String toString() {
        return "quoted IPv4 " + source() + " > " + destination() + " " + protocol()
                + (hasPorts() ? " ports " + sourcePort() + " > " + destinationPort() : "");
    }
}
