package dev.strata.trace;

import dev.strata.wire.Checksums;
import java.nio.ByteBuffer;

/**
 * Hand-built Ethernet frames with correct checksums (computed with {@link Checksums}), written field by field from
 * the RFCs so that the trace tests do not depend on the wire codecs they help to check.
 */
final class TestFrames {

    static final long MAC_A = 0x02_00_00_00_00_01L;
    static final long MAC_B = 0x02_00_00_00_00_02L;
    static final long BROADCAST = 0xFF_FF_FF_FF_FF_FFL;
    /** 192.0.2.10. */
    static final int IP_A = 0xC000_020A;
    /** 192.0.2.1. */
    static final int IP_GW = 0xC000_0201;
    /** 198.51.100.20. */
    static final int IP_B = 0xC633_6414;

    private TestFrames() {}

    /** Ethernet II header (IEEE 802.3 clause 3) around a payload. */
    static ByteBuffer ethernet(long dst, long src, int etherType, ByteBuffer payload) {
        ByteBuffer b = ByteBuffer.allocate(14 + payload.remaining());
        b.putShort((short) (dst >>> 32)).putInt((int) dst);
        b.putShort((short) (src >>> 32)).putInt((int) src);
        b.putShort((short) etherType);
        b.put(payload.duplicate());
        return b.flip();
    }

    /** An ARP packet for IPv4 over Ethernet (RFC 826): operation 1 request, 2 reply. */
    static ByteBuffer arp(int op, long sha, int spa, long tha, int tpa) {
        ByteBuffer b = ByteBuffer.allocate(28);
        b.putShort((short) 1)
                .putShort((short) 0x0800)
                .put((byte) 6)
                .put((byte) 4)
                .putShort((short) op);
        b.putShort((short) (sha >>> 32)).putInt((int) sha).putInt(spa);
        b.putShort((short) (tha >>> 32)).putInt((int) tha).putInt(tpa);
        return b.flip();
    }

    /** A broadcast ARP request from A asking for the gateway, padded to the 60-octet minimum frame. */
    static ByteBuffer arpRequestFrame() {
        ByteBuffer arp = arp(1, MAC_A, IP_A, 0, IP_GW);
        ByteBuffer padded = ByteBuffer.allocate(46).put(arp).position(0);
        return ethernet(BROADCAST, MAC_A, 0x0806, padded);
    }

    /** An ARP reply from the gateway (MAC B) to A. */
    static ByteBuffer arpReplyFrame() {
        return ethernet(MAC_A, MAC_B, 0x0806, arp(2, MAC_B, IP_GW, MAC_A, IP_A));
    }

    /** An IPv4 header (RFC 791) with a correct header checksum in front of a payload; DF set. */
    static ByteBuffer ipv4(int src, int dst, int protocol, int ttl, int id, ByteBuffer payload) {
        int total = 20 + payload.remaining();
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put((byte) 0x45).put((byte) 0).putShort((short) total);
        b.putShort((short) id).putShort((short) 0x4000);
        b.put((byte) ttl).put((byte) protocol).putShort((short) 0);
        b.putInt(src).putInt(dst);
        b.putShort(10, (short) Checksums.checksum(b, 0, 20));
        b.put(payload.duplicate());
        return b.flip();
    }

    /** An ICMP echo message (RFC 792): type 8 request or 0 reply, with {@code dataLength} octets 0, 1, 2, ... */
    static ByteBuffer icmpEcho(int type, int id, int seq, int dataLength) {
        ByteBuffer b = ByteBuffer.allocate(8 + dataLength);
        b.put((byte) type)
                .put((byte) 0)
                .putShort((short) 0)
                .putShort((short) id)
                .putShort((short) seq);
        for (int i = 0; i < dataLength; i++) {
            b.put((byte) i);
        }
        b.putShort(2, (short) Checksums.checksum(b, 0, b.capacity()));
        return b.flip();
    }

    /** A 64-octet ICMP echo request from A to B, id 1 seq 1, in IPv4 and Ethernet. */
    static ByteBuffer icmpEchoRequestFrame() {
        return ethernet(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 1, 64, 0x1234, icmpEcho(8, 1, 1, 56)));
    }

    /** The echo reply from B to A. */
    static ByteBuffer icmpEchoReplyFrame() {
        return ethernet(MAC_A, MAC_B, 0x0800, ipv4(IP_B, IP_A, 1, 64, 0x4321, icmpEcho(0, 1, 1, 56)));
    }

    /** A UDP datagram (RFC 768) with its pseudo-header checksum (0 sent as 0xFFFF). */
    static ByteBuffer udp(int src, int dst, int sport, int dport, byte[] data) {
        int len = 8 + data.length;
        ByteBuffer b = ByteBuffer.allocate(len);
        b.putShort((short) sport)
                .putShort((short) dport)
                .putShort((short) len)
                .putShort((short) 0)
                .put(data);
        long sum = Checksums.pseudoHeaderV4(src, dst, 17, len) + Checksums.sum(b, 0, len);
        int c = Checksums.finish(sum);
        b.putShort(6, (short) (c == 0 ? 0xFFFF : c));
        return b.flip();
    }

    /** A UDP datagram with "hello strata" from A port 40000 to B port 7. */
    static ByteBuffer udpFrame() {
        byte[] data = "hello strata".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        return ethernet(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 17, 64, 0x0001, udp(IP_A, IP_B, 40000, 7, data)));
    }

    /** A TCP segment (RFC 9293 §3.1) with the given options (already padded to 32 bits) and checksum. */
    static ByteBuffer tcp(
            int src,
            int dst,
            int sport,
            int dport,
            long seq,
            long ack,
            int flags,
            int window,
            byte[] options,
            byte[] data) {
        int hlen = 20 + options.length;
        ByteBuffer b = ByteBuffer.allocate(hlen + data.length);
        b.putShort((short) sport).putShort((short) dport).putInt((int) seq).putInt((int) ack);
        b.put((byte) ((hlen / 4) << 4)).put((byte) flags).putShort((short) window);
        b.putShort((short) 0).putShort((short) 0).put(options).put(data);
        long sum = Checksums.pseudoHeaderV4(src, dst, 6, b.capacity()) + Checksums.sum(b, 0, b.capacity());
        b.putShort(16, (short) Checksums.finish(sum));
        return b.flip();
    }

    /** SYN options: MSS 1460, SACK permitted, timestamps 1/0, NOP, window scale 7 (20 octets). */
    static byte[] synOptions() {
        return new byte[] {
            2,
            4,
            0x05,
            (byte) 0xB4, // MSS 1460
            4,
            2, // SACK permitted
            8,
            10,
            0,
            0,
            0,
            1,
            0,
            0,
            0,
            0, // TS val 1 ecr 0
            1, // NOP
            3,
            3,
            7 // window scale 7
        };
    }

    /** The client's SYN from A:40000 to B:80 with seq 8633, window 65535 and {@link #synOptions()}. */
    static ByteBuffer tcpSynFrame() {
        ByteBuffer seg = tcp(IP_A, IP_B, 40000, 80, 8633, 0, 0x02, 65535, synOptions(), new byte[0]);
        return ethernet(MAC_B, MAC_A, 0x0800, ipv4(IP_A, IP_B, 6, 64, 0x0002, seg));
    }

    /** An IPv4 header with explicit flags/fragment-offset word (RFC 791), correct checksum, in front of a payload. */
    static ByteBuffer ipv4Fragment(int src, int dst, int protocol, int id, int flagsOffset, ByteBuffer payload) {
        ByteBuffer b = ipv4(src, dst, protocol, 64, id, payload);
        b.putShort(6, (short) flagsOffset).putShort(10, (short) 0);
        b.putShort(10, (short) Checksums.checksum(b, 0, 20));
        return b;
    }

    /** An ICMP error message (RFC 792) quoting the first {@code quoteLength} octets of {@code datagram}. */
    static ByteBuffer icmpError(int type, int code, int rest, ByteBuffer datagram, int quoteLength) {
        ByteBuffer b = ByteBuffer.allocate(8 + quoteLength);
        b.put((byte) type).put((byte) code).putShort((short) 0).putInt(rest);
        b.put(datagram.duplicate().limit(datagram.position() + quoteLength));
        b.putShort(2, (short) Checksums.checksum(b, 0, b.capacity()));
        return b.flip();
    }

    /** A copy of the frame's bytes. */
    static byte[] bytes(ByteBuffer frame) {
        byte[] b = new byte[frame.remaining()];
        frame.duplicate().get(b);
        return b;
    }
}
