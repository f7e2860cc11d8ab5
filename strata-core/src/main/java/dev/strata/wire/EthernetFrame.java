package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of an Ethernet II frame (IEEE 802.3 clause 3) with an optional IEEE 802.1Q tag, without the FCS.
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks the lengths once, so no accessor can fail afterwards.
 * The view reads the underlying buffer in place; it does not copy.
 */
public final class EthernetFrame {

    /** Length of the untagged header: destination, source, EtherType. */
    public static final int HEADER_LENGTH = 14;
    /** Length of an 802.1Q tag (TPID + TCI). */
    public static final int VLAN_TAG_LENGTH = 4;
    /** Smallest frame a sender puts on the wire, without the FCS; shorter frames are padded with zeros. */
    public static final int MIN_FRAME_LENGTH = 60;

    static final int DESTINATION = 0;
    static final int SOURCE = 6;
    static final int TYPE = 12;
    static final int VLAN_TCI = 14;
    static final int INNER_TYPE = 16;

    private final ByteBuffer buf;
    private final int off;
    private final int len;
    private final int headerLength;

    private EthernetFrame(ByteBuffer buf, int off, int len, int headerLength) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = headerLength;
    }

    /** Parses the bytes between {@code buf}'s position and limit as a frame. */
    public static Parsed<EthernetFrame> parse(ByteBuffer buf) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "Ethernet frame of " + len + " bytes");
        }
        int header = HEADER_LENGTH;
        if ((buf.getShort(off + TYPE) & 0xFFFF) == EtherType.VLAN.value()) {
            header += VLAN_TAG_LENGTH;
            if (len < header) {
                return Parsed.malformed(ParseError.TRUNCATED, "802.1Q frame of " + len + " bytes");
            }
        }
        return Parsed.ok(new EthernetFrame(buf, off, len, header));
    }

    /** The destination address. */
    public MacAddr destination() {
        return MacAddr.read(buf, off + DESTINATION);
    }

    /** The source address. */
    public MacAddr source() {
        return MacAddr.read(buf, off + SOURCE);
    }

    /** The destination address as the 48-bit value of {@link MacAddr#bits()}; allocation-free for switching. */
    public long destinationBits() {
        return ((buf.getShort(off + DESTINATION) & 0xFFFFL) << 32) | (buf.getInt(off + DESTINATION + 2) & 0xFFFF_FFFFL);
    }

    /** The source address as the 48-bit value of {@link MacAddr#bits()}; allocation-free for address learning. */
    public long sourceBits() {
        return ((buf.getShort(off + SOURCE) & 0xFFFFL) << 32) | (buf.getInt(off + SOURCE + 2) & 0xFFFF_FFFFL);
    }

    /** True when the frame carries an 802.1Q tag. */
    public boolean hasVlanTag() {
        return headerLength > HEADER_LENGTH;
    }

    /** The 802.1Q tag, or null for an untagged frame. */
    public EthernetHeader.VlanTag vlanTag() {
        return hasVlanTag() ? EthernetHeader.VlanTag.ofTci(buf.getShort(off + VLAN_TCI) & 0xFFFF) : null;
    }

    /** The EtherType of the payload (the inner type of a tagged frame), as a raw 16-bit value. */
    public int etherTypeValue() {
        return buf.getShort(off + headerLength - 2) & 0xFFFF;
    }

    /** The EtherType of the payload (the inner type of a tagged frame). */
    public EtherType etherType() {
        return EtherType.of(etherTypeValue());
    }

    /** Length of the header, 14 or 18 octets. */
    public int headerLength() {
        return headerLength;
    }

    /** Absolute index of the payload in the underlying buffer. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Length of the payload, including any padding a sender added to reach the minimum frame size. */
    public int payloadLength() {
        return len - headerLength;
    }

    /** The payload as a new buffer sharing the frame's bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /** Total length of the frame, without FCS. */
    public int length() {
        return len;
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the frame's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** A record describing this frame's header, for rebuilding it. */
    public EthernetHeader toHeader() {
        return new EthernetHeader(destination(), source(), vlanTag(), etherType());
    }
}
