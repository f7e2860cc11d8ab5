package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of an ICMPv4 message (RFC 792): the whole payload of an IPv4 datagram with protocol 1.
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks the length and the checksum once. The body after the
 * 8-octet header is the payload: echo data, or for error messages the quoted datagram, read with {@link #quote()}.
 */
public final class Icmpv4Packet {

    /** Length of the ICMP header: type, code, checksum and the 32-bit rest of header. */
    public static final int HEADER_LENGTH = 8;

    static final int TYPE = 0;
    static final int CODE = 1;
    static final int CHECKSUM = 2;
    static final int REST = 4;
    static final int IDENTIFIER = 4;
    static final int SEQUENCE = 6;
    static final int NEXT_HOP_MTU = 6;
    static final int POINTER = 4;

    private final ByteBuffer buf;
    private final int off;
    private final int len;

    private Icmpv4Packet(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** Parses the bytes between {@code buf}'s position and limit, verifying the checksum. */
    public static Parsed<Icmpv4Packet> parse(ByteBuffer buf) {
        return parse(buf, ChecksumPolicy.VERIFY);
    }

    /**
     * Parses the bytes between {@code buf}'s position and limit as one message. Fails with
     * {@link ParseError#TRUNCATED} below 8 octets and {@link ParseError#BAD_CHECKSUM} when the checksum over the
     * whole message does not verify (unless {@code checksum} is {@link ChecksumPolicy#SKIP}).
     */
    public static Parsed<Icmpv4Packet> parse(ByteBuffer buf, ChecksumPolicy checksum) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "ICMP message of " + len + " bytes");
        }
        if (checksum == ChecksumPolicy.VERIFY && !Checksums.verifies(Checksums.sum(buf, off, len))) {
            return Parsed.malformed(
                    ParseError.BAD_CHECKSUM,
                    String.format("ICMP checksum 0x%04x", buf.getShort(off + CHECKSUM) & 0xFFFF));
        }
        return Parsed.ok(new Icmpv4Packet(buf, off, len));
    }

    /** The type as a raw 8-bit value. */
    public int typeValue() {
        return buf.get(off + TYPE) & 0xFF;
    }

    /** The type. */
    public Icmpv4Type type() {
        return Icmpv4Type.of(typeValue());
    }

    /** The code as a raw 8-bit value. */
    public int codeValue() {
        return buf.get(off + CODE) & 0xFF;
    }

    /** The code, named for the type. */
    public Icmpv4Code code() {
        return Icmpv4Code.of(type(), codeValue());
    }

    /** True for error messages (which quote a datagram). */
    public boolean isError() {
        return Icmpv4Type.isError(typeValue());
    }

    /** The checksum field as received. */
    public int checksum() {
        return buf.getShort(off + CHECKSUM) & 0xFFFF;
    }

    /** True when the checksum verifies (always, unless parsed with {@link ChecksumPolicy#SKIP}). */
    public boolean checksumValid() {
        return Checksums.verifies(Checksums.sum(buf, off, len));
    }

    /** The 32-bit field after the checksum. */
    public int restOfHeader() {
        return buf.getInt(off + REST);
    }

    /** The identifier of an echo request or reply. */
    public int identifier() {
        return buf.getShort(off + IDENTIFIER) & 0xFFFF;
    }

    /** The sequence number of an echo request or reply. */
    public int sequence() {
        return buf.getShort(off + SEQUENCE) & 0xFFFF;
    }

    /** The next-hop MTU of a fragmentation-needed message (RFC 1191 §4); 0 from routers that predate it. */
    public int nextHopMtu() {
        return buf.getShort(off + NEXT_HOP_MTU) & 0xFFFF;
    }

    /** The pointer of a parameter problem message. */
    public int pointer() {
        return buf.get(off + POINTER) & 0xFF;
    }

    /** Absolute index of the body (echo data or quoted datagram) in the underlying buffer. */
    public int payloadOffset() {
        return off + HEADER_LENGTH;
    }

    /** Length of the body. */
    public int payloadLength() {
        return len - HEADER_LENGTH;
    }

    /** The body as a new buffer sharing the message's bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /**
     * The datagram an error message quotes, read leniently (its total length and checksum are not checked, since
     * the quote is usually truncated). Fails with {@link ParseError#UNSUPPORTED} for a message that is not an
     * error, or as {@link Ipv4Quote#parse} does.
     */
    public Parsed<Ipv4Quote> quote() {
        if (!isError()) {
            return Parsed.malformed(ParseError.UNSUPPORTED, "ICMP " + type() + " quotes no datagram");
        }
        return Ipv4Quote.parse(payload());
    }

    /** Length of the message, header and body. */
    public int length() {
        return len;
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the message's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** A record describing this header (the most specific one for its type and code), for rebuilding it. */
    public Icmpv4Message toHeader() {
        return Icmpv4Message.of(typeValue(), codeValue(), restOfHeader());
    }

    @Override
    public String toString() {
        return "ICMP " + toHeader() + " len " + len;
    }
}
