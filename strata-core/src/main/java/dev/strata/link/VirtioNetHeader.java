package dev.strata.link;

import dev.strata.wire.Checksums;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.Consumer;

/**
 * The {@code struct virtio_net_hdr} (linux/virtio_net.h, virtio spec v1.2 §5.1.6) that a TAP opened with
 * IFF_VNET_HDR puts before every frame, and the work it leaves to Strata: completing a partial checksum
 * (NEEDS_CSUM) and cutting a large segment (GSO: TCPv4, TCPv6, UDP_L4) into frames no longer than the MTU, so the
 * stack above sees ordinary frames.
 *
 * <p>The header is 10 octets in the device's byte order, little-endian on the hosts Linux runs TAP on (legacy
 * virtio byte order is the host's, drivers/net/tun.c tun_is_little_endian).
 */
final class VirtioNetHeader {

    /** Octets of the header (TUNSETVNETHDRSZ default). */
    static final int LENGTH = 10;

    static final int F_NEEDS_CSUM = 1;
    static final int GSO_NONE = 0;
    static final int GSO_TCPV4 = 1;
    static final int GSO_TCPV6 = 4;
    static final int GSO_UDP_L4 = 5;
    static final int GSO_ECN = 0x80;

    private static final int FLAGS = 0;
    private static final int GSO_TYPE = 1;
    private static final int GSO_SIZE = 4;
    private static final int CSUM_START = 6;
    private static final int CSUM_OFFSET = 8;

    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;

    /** Why a frame with a header could not be turned into ordinary frames. */
    enum Drop {
        /** Shorter than the header plus an Ethernet header. */
        RUNT,
        /** Checksum start/offset outside the frame. */
        BAD_CSUM_FIELDS,
        /** GSO on something that is not plain IPv4/IPv6 + TCP/UDP, or a gso_size of 0. */
        BAD_GSO
    }

    private VirtioNetHeader() {}

    /**
     * Turns the {@code len} octets of {@code raw} (header then frame) into one or more ordinary frames, each a new
     * heap buffer given to {@code out}.
     *
     * @return null on success, or why the frame was dropped
     */
    static Drop split(ByteBuffer raw, int len, Consumer<ByteBuffer> out) {
        if (len < LENGTH + EthernetFrame.HEADER_LENGTH) {
            return Drop.RUNT;
        }
        ByteBuffer le = raw.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int flags = le.get(FLAGS) & 0xFF;
        int gsoType = le.get(GSO_TYPE) & 0xFF & ~GSO_ECN;
        int gsoSize = le.getShort(GSO_SIZE) & 0xFFFF;
        int csumStart = le.getShort(CSUM_START) & 0xFFFF;
        int csumOffset = le.getShort(CSUM_OFFSET) & 0xFFFF;
        int frameLen = len - LENGTH;
        if (gsoType != GSO_NONE) {
            // Cut straight out of the read buffer: each segment is copied once, into its own frame.
            return gsoSize == 0 ? Drop.BAD_GSO : segment(raw.slice(LENGTH, frameLen), gsoType, gsoSize, out);
        }
        ByteBuffer frame = ByteBuffer.allocate(frameLen);
        frame.put(0, raw, LENGTH, frameLen);
        if ((flags & F_NEEDS_CSUM) != 0) {
            if (csumStart + csumOffset + 2 > frameLen) {
                return Drop.BAD_CSUM_FIELDS;
            }
            // The field holds the pseudo-header sum; the checksum covers csum_start to the end (virtio §5.1.6.2).
            int at = csumStart + csumOffset;
            int sum = Checksums.checksum(frame, csumStart, frameLen - csumStart);
            // RFC 768: a computed UDP checksum of 0 is sent as 0xFFFF (UDP's field is at offset 6, TCP's at 16).
            frame.putShort(at, (short) (sum == 0 && csumOffset == 6 ? 0xFFFF : sum));
        }
        out.accept(frame);
        return null;
    }

    /** Cuts a GSO super-segment into frames carrying at most {@code mss} payload octets each (software GSO). */
    private static Drop segment(ByteBuffer f, int gsoType, int mss, Consumer<ByteBuffer> out) {
        int l3 = EthernetFrame.HEADER_LENGTH;
        int etherType = f.getShort(12) & 0xFFFF;
        boolean v4 = etherType == EtherType.IPV4.value();
        boolean v6 = etherType == EtherType.IPV6.value();
        int len = f.limit();
        if (!v4 && !v6) {
            return Drop.BAD_GSO;
        }
        int ipHeader;
        int proto;
        if (v4) {
            if (len < l3 + 20) {
                return Drop.BAD_GSO;
            }
            ipHeader = (f.get(l3) & 0x0F) * 4;
            proto = f.get(l3 + 9) & 0xFF;
        } else {
            ipHeader = 40;
            proto = f.get(l3 + 6) & 0xFF; // no extension headers in segments the kernel offloads to us
        }
        int l4 = l3 + ipHeader;
        boolean tcp = gsoType == GSO_TCPV4 || gsoType == GSO_TCPV6;
        if (ipHeader < 20 || (tcp && proto != PROTO_TCP) || (!tcp && proto != PROTO_UDP) || len < l4 + 8) {
            return Drop.BAD_GSO;
        }
        int l4Header = tcp ? ((f.get(l4 + 12) & 0xF0) >>> 2) : 8;
        int headers = l4 + l4Header;
        if ((tcp && (l4Header < 20 || len < headers)) || len < headers) {
            return Drop.BAD_GSO;
        }
        int payload = len - headers;
        int ipId = v4 ? f.getShort(l3 + 4) & 0xFFFF : 0;
        int seq = tcp ? f.getInt(l4 + 4) : 0;
        int tcpFlags = tcp ? f.get(l4 + 13) & 0xFF : 0;
        int offset = 0;
        int index = 0;
        do {
            int chunk = Math.min(mss, payload - offset);
            ByteBuffer s = ByteBuffer.allocate(headers + chunk);
            s.put(0, f, 0, headers);
            s.put(headers, f, headers + offset, chunk);
            boolean first = offset == 0;
            boolean last = offset + chunk >= payload;
            int l4Length = l4Header + chunk;
            if (v4) {
                s.putShort(l3 + 2, (short) (ipHeader + l4Length));
                s.putShort(l3 + 4, (short) (ipId + index));
                s.putShort(l3 + 10, (short) 0);
                s.putShort(l3 + 10, (short) Checksums.checksum(s, l3, ipHeader));
            } else {
                s.putShort(l3 + 4, (short) l4Length);
            }
            long pseudo = v4
                    ? Checksums.pseudoHeaderV4(s.getInt(l3 + 12), s.getInt(l3 + 16), proto, l4Length)
                    : pseudoHeaderV6(s, l3, proto, l4Length);
            if (tcp) {
                s.putInt(l4 + 4, seq + offset);
                int fl = tcpFlags;
                if (!last) {
                    fl &= ~(TCP_FIN | TCP_PSH); // RFC 9293: FIN and PSH belong to the last octet
                }
                if (!first) {
                    fl &= ~TCP_CWR; // RFC 3168 §6.1.2: CWR on the first segment only
                }
                s.put(l4 + 13, (byte) fl);
                s.putShort(l4 + 16, (short) 0);
                s.putShort(l4 + 16, (short) Checksums.finish(pseudo + Checksums.sum(s, l4, l4Length)));
            } else {
                s.putShort(l4 + 4, (short) l4Length);
                s.putShort(l4 + 6, (short) 0);
                int c = Checksums.finish(pseudo + Checksums.sum(s, l4, l4Length));
                s.putShort(l4 + 6, (short) (c == 0 ? 0xFFFF : c));
            }
            out.accept(s);
            offset += chunk;
            index++;
        } while (offset < payload);
        return null;
    }

    /** The unfolded sum of the IPv6 pseudo-header (RFC 8200 §8.1) of the packet whose header is at {@code l3}. */
    private static long pseudoHeaderV6(ByteBuffer s, int l3, int proto, int length) {
        return Checksums.sum(s, l3 + 8, 32) + length + proto;
    }
}
