package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of what a TAP opened with IFF_VNET_HDR hands over: a {@code struct virtio_net_hdr} (see
 * {@link VirtioNetHeader}) followed by an Ethernet frame, its payload.
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks once that the header is complete, that a frame
 * follows, that a partial checksum's field lies inside the frame, and that a large packet has a segment size; no
 * accessor can fail afterwards. The fields are read little-endian in place.
 */
public final class VirtioNetPacket {

    private final ByteBuffer buf;
    private final int off;
    private final int len;

    private VirtioNetPacket(ByteBuffer buf, int off, int len) {
        this.buf = buf;
        this.off = off;
        this.len = len;
    }

    /** Parses the bytes between {@code buf}'s position and limit as a virtio-net header and a frame. */
    public static Parsed<VirtioNetPacket> parse(ByteBuffer buf) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < VirtioNetHeader.LENGTH + EthernetFrame.HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "virtio-net packet of " + len + " bytes");
        }
        VirtioNetPacket p = new VirtioNetPacket(buf, off, len);
        if (p.needsChecksum() && p.checksumStart() + p.checksumOffset() + 2 > p.payloadLength()) {
            return Parsed.malformed(
                    ParseError.BAD_FIELD,
                    "checksum at " + p.checksumStart() + "+" + p.checksumOffset() + " of a " + p.payloadLength()
                            + "-octet frame");
        }
        if (p.gsoType().isLarge() && p.gsoSize() == 0) {
            return Parsed.malformed(ParseError.BAD_FIELD, "gso_type " + p.gsoType() + " with a gso_size of 0");
        }
        return Parsed.ok(p);
    }

    private int u8(int field) {
        return buf.get(off + field) & 0xFF;
    }

    private int u16(int field) {
        // Little-endian (virtio's legacy byte order on the hosts that run Linux TAP), without a duplicate buffer.
        return (buf.get(off + field) & 0xFF) | (buf.get(off + field + 1) & 0xFF) << 8;
    }

    /** The flags octet. */
    public int flags() {
        return u8(VirtioNetHeader.FLAGS);
    }

    /** True when the frame's checksum field holds only the pseudo-header's sum ({@code F_NEEDS_CSUM}). */
    public boolean needsChecksum() {
        return (flags() & VirtioNetHeader.F_NEEDS_CSUM) != 0;
    }

    /** True when the kernel says it verified the checksum ({@code F_DATA_VALID}). */
    public boolean dataValid() {
        return (flags() & VirtioNetHeader.F_DATA_VALID) != 0;
    }

    /** The segmentation the frame needs. */
    public VirtioGsoType gsoType() {
        return VirtioGsoType.of(u8(VirtioNetHeader.GSO_TYPE));
    }

    /** {@code hdr_len}: the sender's hint of the headers' length. */
    public int headerLength() {
        return u16(VirtioNetHeader.HDR_LEN);
    }

    /** {@code gso_size}: payload octets per segment. */
    public int gsoSize() {
        return u16(VirtioNetHeader.GSO_SIZE);
    }

    /** {@code csum_start}, from the frame's first octet. */
    public int checksumStart() {
        return u16(VirtioNetHeader.CSUM_START);
    }

    /** {@code csum_offset}, from {@link #checksumStart()}. */
    public int checksumOffset() {
        return u16(VirtioNetHeader.CSUM_OFFSET);
    }

    /** Absolute index of the frame in the underlying buffer. */
    public int payloadOffset() {
        return off + VirtioNetHeader.LENGTH;
    }

    /** Length of the frame. */
    public int payloadLength() {
        return len - VirtioNetHeader.LENGTH;
    }

    /** The frame as a new buffer sharing the bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the header's first octet in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** A record describing this header, for rebuilding it. */
    public VirtioNetHeader toHeader() {
        return new VirtioNetHeader(flags(), gsoType(), headerLength(), gsoSize(), checksumStart(), checksumOffset());
    }
}
