package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of an IPv4 datagram (RFC 791 §3.1).
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks once: version 4, IHL at least 5 and inside the bytes,
 * the header checksum, a total length covering the header and inside the bytes, and well formed options. Bytes
 * after the total length (Ethernet padding) are allowed and are not part of the payload. No accessor can fail.
 */
public final class Ipv4Packet {

    /** Length of a header without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Length of the longest header: IHL 15. */
    public static final int MAX_HEADER_LENGTH = 60;
    /** Largest total length. */
    public static final int MAX_LENGTH = 65535;
    /** The version field of IPv4. */
    public static final int VERSION = 4;

    static final int VERSION_IHL = 0;
    static final int TOS = 1;
    static final int TOTAL_LENGTH = 2;
    static final int IDENTIFICATION = 4;
    static final int FLAGS_FRAGMENT = 6;
    static final int TTL = 8;
    static final int PROTOCOL = 9;
    static final int CHECKSUM = 10;
    static final int SOURCE = 12;
    static final int DESTINATION = 16;
    static final int OPTIONS = 20;

    static final int FLAG_RESERVED = 0x8000;
    static final int FLAG_DF = 0x4000;
    static final int FLAG_MF = 0x2000;
    static final int FRAGMENT_OFFSET_MASK = 0x1FFF;

    private final ByteBuffer buf;
    private final int off;
    private final int headerLength;
    private final int totalLength;

    private Ipv4Packet(ByteBuffer buf, int off, int headerLength, int totalLength) {
        this.buf = buf;
        this.off = off;
        this.headerLength = headerLength;
        this.totalLength = totalLength;
    }

    /** Parses the bytes between {@code buf}'s position and limit, verifying the header checksum. */
    public static Parsed<Ipv4Packet> parse(ByteBuffer buf) {
        return parse(buf, ChecksumPolicy.VERIFY);
    }

    /**
     * Parses the bytes between {@code buf}'s position and limit as a datagram.
     *
     * <p>Failures: {@link ParseError#TRUNCATED} below 20 octets; {@link ParseError#BAD_VERSION};
     * {@link ParseError#BAD_HEADER_LENGTH} for IHL below 5 or a header longer than the bytes;
     * {@link ParseError#BAD_CHECKSUM}; {@link ParseError#BAD_LENGTH} for a total length shorter than the header or
     * longer than the bytes; {@link ParseError#BAD_OPTION} for an option running off the end of the header.
     */
    public static Parsed<Ipv4Packet> parse(ByteBuffer buf, ChecksumPolicy checksum) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < MIN_HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "IPv4 datagram of " + len + " bytes");
        }
        int vihl = buf.get(off + VERSION_IHL) & 0xFF;
        int version = vihl >>> 4;
        if (version != VERSION) {
            return Parsed.malformed(ParseError.BAD_VERSION, "IP version " + version);
        }
        int headerLength = (vihl & 0x0F) * 4;
        // RFC 791 §3.1: "the minimum value for a correct header is 5".
        if (headerLength < MIN_HEADER_LENGTH) {
            return Parsed.malformed(ParseError.BAD_HEADER_LENGTH, "IPv4 IHL " + headerLength / 4);
        }
        if (headerLength > len) {
            return Parsed.malformed(
                    ParseError.BAD_HEADER_LENGTH, "IPv4 header of " + headerLength + " octets in " + len + " bytes");
        }
        // RFC 1122 §3.2.1.2: a host MUST verify the header checksum and silently discard on failure.
        if (checksum == ChecksumPolicy.VERIFY && !Checksums.verifies(Checksums.sum(buf, off, headerLength))) {
            return Parsed.malformed(
                    ParseError.BAD_CHECKSUM,
                    String.format("IPv4 header checksum 0x%04x", buf.getShort(off + CHECKSUM) & 0xFFFF));
        }
        int totalLength = buf.getShort(off + TOTAL_LENGTH) & 0xFFFF;
        if (totalLength < headerLength || totalLength > len) {
            return Parsed.malformed(
                    ParseError.BAD_LENGTH,
                    "IPv4 total length " + totalLength + " with a " + headerLength + "-octet header in " + len
                            + " bytes");
        }
        if (headerLength > MIN_HEADER_LENGTH) {
            String problem = Ipv4Options.problem(buf, off + OPTIONS, headerLength - MIN_HEADER_LENGTH);
            if (problem != null) {
                return Parsed.malformed(ParseError.BAD_OPTION, problem);
            }
        }
        return Parsed.ok(new Ipv4Packet(buf, off, headerLength, totalLength));
    }

    /**
     * Decrements the TTL of the datagram whose header starts at absolute index {@code at}, updating the header
     * checksum incrementally (RFC 1624 §3, as RFC 1812 §5.3.1 suggests for routers).
     *
     * <p>When the TTL is 0 or 1 the datagram must not be forwarded (RFC 1812 §5.3.1: a router that reduces the TTL
     * to zero discards it and sends Time Exceeded); the bytes are left untouched and false is returned, so the
     * Time Exceeded message can quote the datagram as received.
     *
     * @return true when the TTL was decremented and the datagram may be forwarded
     */
    public static boolean decrementTtl(ByteBuffer buf, int at) {
        int word = buf.getShort(at + TTL) & 0xFFFF; // TTL and protocol share one 16-bit word
        if ((word >>> 8) <= 1) {
            return false;
        }
        int newWord = word - 0x100;
        int sum = buf.getShort(at + CHECKSUM) & 0xFFFF;
        buf.putShort(at + TTL, (short) newWord);
        buf.putShort(at + CHECKSUM, (short) Checksums.update(sum, word, newWord));
        return true;
    }

    /** Decrements this datagram's TTL in place; see {@link #decrementTtl(ByteBuffer, int)}. */
    public boolean decrementTtl() {
        return decrementTtl(buf, off);
    }

    /** The version field, always 4. */
    public int version() {
        return VERSION;
    }

    /** The Internet Header Length in 32-bit words, 5..15. */
    public int ihl() {
        return headerLength / 4;
    }

    /** Length of the header in octets, options included. */
    public int headerLength() {
        return headerLength;
    }

    /** The Differentiated Services Code Point, the top six bits of the former TOS octet (RFC 2474 §3). */
    public int dscp() {
        return (buf.get(off + TOS) & 0xFF) >>> 2;
    }

    /** The ECN field, the low two bits of the former TOS octet (RFC 3168 §5). */
    public int ecn() {
        return buf.get(off + TOS) & 0x3;
    }

    /** The Total Length field: header and data, in octets. */
    public int totalLength() {
        return totalLength;
    }

    /** The Identification field. */
    public int identification() {
        return buf.getShort(off + IDENTIFICATION) & 0xFFFF;
    }

    /** The reserved flag bit, which RFC 791 says must be zero; it is accepted and exposed, not checked. */
    public boolean reservedFlag() {
        return (buf.getShort(off + FLAGS_FRAGMENT) & FLAG_RESERVED) != 0;
    }

    /** The Don't Fragment flag. */
    public boolean dontFragment() {
        return (buf.getShort(off + FLAGS_FRAGMENT) & FLAG_DF) != 0;
    }

    /** The More Fragments flag. */
    public boolean moreFragments() {
        return (buf.getShort(off + FLAGS_FRAGMENT) & FLAG_MF) != 0;
    }

    /** The Fragment Offset field, in units of 8 octets. */
    public int fragmentOffset() {
        return buf.getShort(off + FLAGS_FRAGMENT) & FRAGMENT_OFFSET_MASK;
    }

    /** The fragment offset in octets. */
    public int fragmentOffsetBytes() {
        return fragmentOffset() * 8;
    }

    /** True when this datagram is a fragment: More Fragments set or a non-zero offset. */
    public boolean isFragment() {
        return (buf.getShort(off + FLAGS_FRAGMENT) & (FLAG_MF | FRAGMENT_OFFSET_MASK)) != 0;
    }

    /** The Time to Live field. */
    public int ttl() {
        return buf.get(off + TTL) & 0xFF;
    }

    /** The Protocol field as a raw 8-bit value. */
    public int protocolValue() {
        return buf.get(off + PROTOCOL) & 0xFF;
    }

    /** The Protocol field. */
    public IpProtocol protocol() {
        return IpProtocol.of(protocolValue());
    }

    /** The Header Checksum field as received. */
    public int headerChecksum() {
        return buf.getShort(off + CHECKSUM) & 0xFFFF;
    }

    /** True when the header checksum verifies (always, unless parsed with {@link ChecksumPolicy#SKIP}). */
    public boolean checksumValid() {
        return Checksums.verifies(Checksums.sum(buf, off, headerLength));
    }

    /** The source address as a 32-bit value. */
    public int sourceBits() {
        return buf.getInt(off + SOURCE);
    }

    /** The source address. */
    public Ip4 source() {
        return new Ip4(sourceBits());
    }

    /** The destination address as a 32-bit value. */
    public int destinationBits() {
        return buf.getInt(off + DESTINATION);
    }

    /** The destination address. */
    public Ip4 destination() {
        return new Ip4(destinationBits());
    }

    /** Length of the options area in octets, 0..40. */
    public int optionsLength() {
        return headerLength - MIN_HEADER_LENGTH;
    }

    /** The options area (a copy of its octets, with a list view). */
    public Ipv4Options options() {
        return Ipv4Options.read(buf, off + OPTIONS, optionsLength());
    }

    /** Absolute index of the payload in the underlying buffer. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Length of the payload: total length less header length (any link padding excluded). */
    public int payloadLength() {
        return totalLength - headerLength;
    }

    /** The payload as a new buffer sharing the datagram's bytes, positioned at 0 and limited to the payload. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /** The pseudo-header of this datagram's TCP or UDP checksum. */
    public Ipv4PseudoHeader pseudoHeader() {
        return new Ipv4PseudoHeader(source(), destination());
    }

    /** Length of the datagram, its total length. */
    public int length() {
        return totalLength;
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
     * A record describing this header, for rebuilding it. The reserved flag is not carried over; the total
     * length and checksum are recomputed when the record is emitted.
     */
    public Ipv4Header toHeader() {
        return new Ipv4Header(
                dscp(),
                ecn(),
                identification(),
                dontFragment(),
                moreFragments(),
                fragmentOffset(),
                ttl(),
                protocol(),
                source(),
                destination(),
                options());
    }

    @Override
    public String toString() {
        return "IPv4 " + source() + " > " + destination() + " " + protocol() + " len " + totalLength + " ttl "
                + ttl() + " id " + identification() + (dontFragment() ? " DF" : "") + (moreFragments() ? " MF" : "")
                + (fragmentOffset() != 0 ? " off " + fragmentOffsetBytes() : "");
    }
}
