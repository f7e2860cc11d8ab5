package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of a UDP datagram (RFC 768).
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks the length field once: at least 8 and at most the
 * bytes present. Bytes after the length the field gives are not part of the datagram. The checksum needs the IP
 * addresses, so it is verified by {@link #parse(ByteBuffer, PseudoHeader)} or {@link #checksumValid(int, int)}.
 */
public final class UdpDatagram {

    /** Length of the UDP header. */
    public static final int HEADER_LENGTH = 8;

    static final int SOURCE_PORT = 0;
    static final int DESTINATION_PORT = 2;
    static final int LENGTH = 4;
    static final int CHECKSUM = 6;

    private final ByteBuffer buf;
    private final int off;
    private final int len;

    private UdpDatagram(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /**
     * Parses the bytes between {@code buf}'s position and limit without checking the checksum. Fails with
     * {@link ParseError#TRUNCATED} below 8 octets and {@link ParseError#BAD_LENGTH} when the length field is below
     * 8 or above the bytes present.
     */
    public static Parsed<UdpDatagram> parse(ByteBuffer buf) {
        int off = buf.position();
        int avail = buf.remaining();
        if (avail < HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "UDP datagram of " + avail + " bytes");
        }
        int len = buf.getShort(off + LENGTH) & 0xFFFF;
        if (len < HEADER_LENGTH || len > avail) {
            return Parsed.malformed(ParseError.BAD_LENGTH, "UDP length " + len + " in " + avail + " bytes");
        }
        return Parsed.ok(new UdpDatagram(buf, off, len));
    }

    /**
     * Parses as {@link #parse(ByteBuffer)} and verifies the checksum with {@code pseudoHeader}, failing with
     * {@link ParseError#BAD_CHECKSUM}. A zero checksum field means the sender computed none (RFC 768) and passes.
     */
    public static Parsed<UdpDatagram> parse(ByteBuffer buf, PseudoHeader pseudoHeader) {
        Parsed<UdpDatagram> parsed = parse(buf);
        if (parsed instanceof Parsed.Ok<UdpDatagram>(UdpDatagram udp) && !udp.checksumValid(pseudoHeader)) {
            return Parsed.malformed(ParseError.BAD_CHECKSUM, String.format("UDP checksum 0x%04x", udp.checksum()));
        }
        return parsed;
    }

    /** The source port (0 when the sender expects no reply). */
    public int sourcePort() {
        return buf.getShort(off + SOURCE_PORT) & 0xFFFF;
    }

    /** The destination port. */
    public int destinationPort() {
        return buf.getShort(off + DESTINATION_PORT) & 0xFFFF;
    }

    /** The Length field: header and data, in octets; also the length of this view. */
    public int length() {
        return len;
    }

    /** The checksum field; 0 means none was computed. */
    public int checksum() {
        return buf.getShort(off + CHECKSUM) & 0xFFFF;
    }

    /** True when the sender computed a checksum: the field is not 0 (RFC 768). */
    public boolean hasChecksum() {
        return checksum() != 0;
    }

    /**
     * True when the checksum verifies over the IPv4 pseudo-header of {@code sourceBits} and {@code
     * destinationBits}, or when there is none. Allocation-free.
     */
    public boolean checksumValid(int sourceBits, int destinationBits) {
        if (!hasChecksum()) {
            return true;
        }
        long sum = Checksums.pseudoHeaderV4(sourceBits, destinationBits, IpProtocol.UDP.value(), len)
                + Checksums.sum(buf, off, len);
        return Checksums.verifies(sum);
    }

    /** True when the checksum verifies over {@code pseudoHeader}, or when there is none. */
    public boolean checksumValid(PseudoHeader pseudoHeader) {
        if (!hasChecksum()) {
            return true;
        }
        return Checksums.verifies(pseudoHeader.sum(IpProtocol.UDP.value(), len) + Checksums.sum(buf, off, len));
    }

    /** Absolute index of the payload in the underlying buffer. */
    public int payloadOffset() {
        return off + HEADER_LENGTH;
    }

    /** Length of the payload, from the length field. */
    public int payloadLength() {
        return len - HEADER_LENGTH;
    }

    /** The payload as a new buffer sharing the datagram's bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the datagram's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /**
     * A record describing this header for rebuilding it with {@code pseudoHeader}; when the datagram carries no
     * checksum the record has none either, so re-emitting gives the same bytes.
     */
    public UdpHeader toHeader(PseudoHeader pseudoHeader) {
        return new UdpHeader(sourcePort(), destinationPort(), hasChecksum() ? pseudoHeader : null);
    }

    @Override
    public String toString() {
        return "UDP " + sourcePort() + " > " + destinationPort() + " len " + payloadLength();
    }
}
