package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Checksum and segmentation offload done in software: completing a partial checksum (the field holds only the
 * pseudo-header's sum, the kernel's CHECKSUM_PARTIAL), and cutting a large TCP or UDP packet (a GSO super-segment)
 * into packets that carry at most {@code mss} payload octets each, as a NIC doing TSO/USO would.
 *
 * <p>Works on a packet that may be preceded by a link header: {@code l3} is the offset of the IP header from the
 * buffer's position, and the link header is copied in front of every piece. Pieces get new heap buffers.
 */
public final class SoftwareGso {

    private static final int PROTO_TCP = 6;
    private static final int PROTO_UDP = 17;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;
    private static final int UDP_CHECKSUM = 6;
    private static final int TCP_CHECKSUM = 16;

    private SoftwareGso() {}

    /**
     * Completes a partial checksum in place: the checksum over the absolute indices {@code start} to {@code end}
     * (which include the field, holding the pseudo-header's sum) is written to {@code start + fieldOffset} (virtio
     * spec v1.2 §5.1.6.2). A UDP checksum that computes to 0 is sent as 0xFFFF (RFC 768); UDP's field is at offset 6.
     */
    public static void completeChecksum(ByteBuffer buf, int start, int end, int fieldOffset) {
        int sum = Checksums.checksum(buf, start, end - start);
        buf.putShort(start + fieldOffset, (short) (sum == 0 && fieldOffset == UDP_CHECKSUM ? 0xFFFF : sum));
    }

    /**
     * Completes the partial TCP checksum of the TCP/IPv4 packet at offset {@code l3} from {@code frame}'s position (to
     * its limit), in place: what a NIC's checksum offload would have written, e.g. for a capture.
     *
     * @return false, leaving the bytes alone, when they are not a whole IPv4 packet carrying TCP
     */
    public static boolean completeTcpChecksum(ByteBuffer frame, int l3) {
        int ip = frame.position() + l3;
        if (frame.limit() < ip + 20 || (frame.get(ip) & 0xF0) != 0x40 || (frame.get(ip + 9) & 0xFF) != PROTO_TCP) {
            return false;
        }
        int l4 = ip + (frame.get(ip) & 0x0F) * 4;
        int end = ip + (frame.getShort(ip + 2) & 0xFFFF);
        if (end > frame.limit() || end < l4 + 20) {
            return false;
        }
        completeChecksum(frame, l4, end, TCP_CHECKSUM);
        return true;
    }

    /**
     * Cuts the large packet between {@code packet}'s position and limit, whose IP header is {@code l3} octets after
     * the position, into packets carrying at most {@code mss} payload octets each, every one with complete IP and
     * TCP/UDP checksums, each given to {@code out} in a new heap buffer with {@code headroom} free octets before its
     * position. TCP pieces get consecutive sequence numbers, FIN and PSH on the last only, CWR on the first only
     * (RFC 9293 §3.1, RFC 3168 §6.1.2); IPv4 pieces get consecutive identifications; UDP pieces are whole datagrams.
     *
     * @param type the segmentation asked for: {@link VirtioGsoType#TCPV4}, {@link VirtioGsoType#TCPV6} or
     *     {@link VirtioGsoType#UDP_L4}, the ECN bit ignored
     * @return null on success, else why the packet cannot be cut (nothing was given to {@code out})
     */
    public static ParseError segment(
            ByteBuffer packet, int l3, VirtioGsoType type, int mss, int headroom, Consumer<ByteBuffer> out) {
        VirtioGsoType t = type.withoutEcn();
        boolean tcp = t.equals(VirtioGsoType.TCPV4) || t.equals(VirtioGsoType.TCPV6);
        if (!tcp && !t.equals(VirtioGsoType.UDP_L4) || mss <= 0) {
            return ParseError.UNSUPPORTED;
        }
        ByteBuffer f = packet.slice();
        int len = f.limit();
        if (len < l3 + 20) {
            return ParseError.TRUNCATED;
        }
        int version = (f.get(l3) & 0xF0) >>> 4;
        boolean v4 = version == 4;
        if (!v4 && version != 6 || t.equals(VirtioGsoType.TCPV4) && !v4 || t.equals(VirtioGsoType.TCPV6) && v4) {
            return ParseError.UNSUPPORTED;
        }
        int ipHeader = v4 ? (f.get(l3) & 0x0F) * 4 : 40;
        int proto = v4 ? f.get(l3 + 9) & 0xFF : f.get(l3 + 6) & 0xFF; // no extension headers in offloaded packets
        int l4 = l3 + ipHeader;
        if (ipHeader < 20 || proto != (tcp ? PROTO_TCP : PROTO_UDP) || len < l4 + 8) {
            return ParseError.UNSUPPORTED;
        }
        int l4Header = tcp ? ((f.get(l4 + 12) & 0xF0) >>> 2) : 8;
        int headers = l4 + l4Header;
        if (tcp && l4Header < 20 || len < headers) {
            return ParseError.BAD_HEADER_LENGTH;
        }
        int payload = len - headers;
        int ipId = v4 ? f.getShort(l3 + 4) & 0xFFFF : 0;
        int seq = tcp ? f.getInt(l4 + 4) : 0;
        int tcpFlags = tcp ? f.get(l4 + 13) & 0xFF : 0;
        int offset = 0;
        int index = 0;
        do {
            int chunk = Math.min(mss, payload - offset);
            ByteBuffer s = ByteBuffer.allocate(headroom + headers + chunk);
            int b = headroom;
            s.put(b, f, 0, headers);
            s.put(b + headers, f, headers + offset, chunk);
            boolean first = offset == 0;
            boolean last = offset + chunk >= payload;
            int l4Length = l4Header + chunk;
            int ip = b + l3;
            int tp = b + l4;
            if (v4) {
                s.putShort(ip + 2, (short) (ipHeader + l4Length));
                s.putShort(ip + 4, (short) (ipId + index));
                s.putShort(ip + 10, (short) 0);
                s.putShort(ip + 10, (short) Checksums.checksum(s, ip, ipHeader));
            } else {
                s.putShort(ip + 4, (short) l4Length);
            }
            long pseudo = v4
                    ? Checksums.pseudoHeaderV4(s.getInt(ip + 12), s.getInt(ip + 16), proto, l4Length)
                    : Checksums.sum(s, ip + 8, 32) + l4Length + proto; // RFC 8200 §8.1
            if (tcp) {
                s.putInt(tp + 4, seq + offset);
                int fl = tcpFlags;
                if (!last) {
                    fl &= ~(TCP_FIN | TCP_PSH); // RFC 9293: FIN and PSH belong to the last octet
                }
                if (!first) {
                    fl &= ~TCP_CWR; // RFC 3168 §6.1.2: CWR on the first segment only
                }
                s.put(tp + 13, (byte) fl);
                s.putShort(tp + TCP_CHECKSUM, (short) 0);
                s.putShort(tp + TCP_CHECKSUM, (short) Checksums.finish(pseudo + Checksums.sum(s, tp, l4Length)));
            } else {
                s.putShort(tp + 4, (short) l4Length);
                s.putShort(tp + UDP_CHECKSUM, (short) 0);
                int c = Checksums.finish(pseudo + Checksums.sum(s, tp, l4Length));
                s.putShort(tp + UDP_CHECKSUM, (short) (c == 0 ? 0xFFFF : c));
            }
            s.position(b);
            out.accept(s);
            offset += chunk;
            index++;
        } while (offset < payload);
        return null;
    }
}
