package dev.strata.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A {@code struct virtio_net_hdr} to build (virtio spec v1.2 §5.1.6, linux/virtio_net.h): the 10 octets a Linux TAP
 * opened with IFF_VNET_HDR puts before every frame, saying which checksum and segmentation work the frame still
 * needs. The fields are in the device's byte order, little-endian on the hosts Linux runs TAP on (legacy virtio
 * byte order is the host's, drivers/net/tun.c {@code tun_is_little_endian}).
 *
 * @param flags {@link #F_NEEDS_CSUM}, {@link #F_DATA_VALID}
 * @param gsoType the segmentation the frame needs, {@link VirtioGsoType#NONE} for none
 * @param headerLength {@code hdr_len}: octets of headers (link, IP, transport) before the payload, a hint
 * @param gsoSize {@code gso_size}: payload octets per segment, 0 without segmentation
 * @param checksumStart {@code csum_start}: where the checksummed bytes begin, from the frame's first octet
 * @param checksumOffset {@code csum_offset}: where the checksum field is, from {@code checksumStart}
 */
public record VirtioNetHeader(
        int flags, VirtioGsoType gsoType, int headerLength, int gsoSize, int checksumStart, int checksumOffset)
        implements HeaderRecord {

    /** Octets of the header (the TUNSETVNETHDRSZ default). */
    public static final int LENGTH = 10;

    /**
     * The checksum field holds only the pseudo-header's sum (folded, not complemented): the device completes it over
     * {@code csum_start} to the end of the frame (virtio §5.1.6.2, the kernel's CHECKSUM_PARTIAL).
     */
    public static final int F_NEEDS_CSUM = 1;
    /** The kernel already verified the checksum (CHECKSUM_UNNECESSARY); only on frames read from the device. */
    public static final int F_DATA_VALID = 2;

    static final int FLAGS = 0;
    static final int GSO_TYPE = 1;
    static final int HDR_LEN = 2;
    static final int GSO_SIZE = 4;
    static final int CSUM_START = 6;
    static final int CSUM_OFFSET = 8;

    /** A header asking for nothing: a frame with complete checksums and no segmentation (all ten octets zero). */
    public static final VirtioNetHeader NONE = new VirtioNetHeader(0, VirtioGsoType.NONE, 0, 0, 0, 0);

    /** The offset of the checksum field in a TCP header (RFC 9293 §3.1). */
    private static final int TCP_CHECKSUM = 16;

    /** Validates the field ranges. */
    public VirtioNetHeader {
        if ((flags & ~0xFF) != 0
                || ((headerLength | gsoSize | checksumStart | checksumOffset) & ~0xFFFF) != 0
                || gsoType == null) {
            throw new IllegalArgumentException("bad virtio_net_hdr field");
        }
    }

    /**
     * The header for a TCP/IPv4 super-segment to be cut into segments of {@code mss} payload octets, with a partial
     * checksum (the field holds the pseudo-header's sum) that the device completes for each segment.
     *
     * @param l3 the offset of the IPv4 header in the frame (the link header's length)
     * @param ipHeader the IPv4 header's length
     * @param tcpHeader the TCP header's length
     */
    public static VirtioNetHeader tcpv4Segmentation(int l3, int ipHeader, int tcpHeader, int mss) {
        int l4 = l3 + ipHeader;
        return new VirtioNetHeader(F_NEEDS_CSUM, VirtioGsoType.TCPV4, l4 + tcpHeader, mss, l4, TCP_CHECKSUM);
    }

    /** True when {@link #F_NEEDS_CSUM} is set. */
    public boolean needsChecksum() {
        return (flags & F_NEEDS_CSUM) != 0;
    }

    @Override
    public int length() {
        return LENGTH;
    }

    @Override
    public void emit(ByteBuffer buf, int at) {
        ByteBuffer le = buf.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        le.put(at + FLAGS, (byte) flags);
        le.put(at + GSO_TYPE, (byte) gsoType.value());
        le.putShort(at + HDR_LEN, (short) headerLength);
        le.putShort(at + GSO_SIZE, (short) gsoSize);
        le.putShort(at + CSUM_START, (short) checksumStart);
        le.putShort(at + CSUM_OFFSET, (short) checksumOffset);
    }
}
