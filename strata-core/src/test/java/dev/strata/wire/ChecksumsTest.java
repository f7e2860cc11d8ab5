package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ChecksumsTest {

    /** The textbook sum: 16-bit big-endian words, odd octet padded on the right, carries folded at the end. */
    static int referenceFold(byte[] b, int off, int len) {
        long sum = 0;
        for (int i = 0; i < len; i += 2) {
            int hi = b[off + i] & 0xFF;
            int lo = i + 1 < len ? b[off + i + 1] & 0xFF : 0;
            sum += (hi << 8) | lo;
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return (int) sum;
    }

    @Test
    void rfc1071Section3Example() {
        // RFC 1071 §3: the octets 00 01 f2 03 f4 f5 f6 f7 sum, with carries folded, to 0xddf2.
        ByteBuffer b = Packets.hex("0001f203f4f5f6f7");
        assertThat(Checksums.fold(Checksums.sum(b, 0, 8))).isEqualTo(0xddf2);
        assertThat(Checksums.checksum(b, 0, 8)).isEqualTo(0x220d);
        // The unfolded sum is 0x2ddf0 as in the RFC's worked example.
        assertThat(Checksums.sum(b, 0, 8) % 0xFFFF).isEqualTo(0x2ddf0L % 0xFFFF);
    }

    @Test
    void oddLengthsPadOnTheRight() {
        assertThat(Checksums.fold(Checksums.sum(new byte[] {(byte) 0xAB}, 0, 1)))
                .isEqualTo(0xAB00);
        assertThat(Checksums.fold(Checksums.sum(new byte[] {1, 2, 3}, 0, 3))).isEqualTo(0x0402);
        assertThat(Checksums.fold(Checksums.sum(new byte[] {1, 2, 3, 4, 5}, 1, 3)))
                .isEqualTo(0x0203 + 0x0400);
        assertThat(Checksums.sum(new byte[0], 0, 0)).isZero();
        assertThat(Checksums.checksum(ByteBuffer.allocate(0), 0, 0)).isEqualTo(0xFFFF);
    }

    @Test
    void knownIpv4HeaderChecksum() {
        // 4500 0073 0000 4000 4011 b861 c0a8 0001 c0a8 00c7: the checksum field is 0xb861.
        ByteBuffer h = Packets.hex(Ipv4PacketTest.KNOWN_HEADER);
        assertThat(Checksums.verifies(Checksums.sum(h, 0, 20))).isTrue();
        h.putShort(10, (short) 0);
        assertThat(Checksums.checksum(h, 0, 20)).isEqualTo(0xb861);
    }

    @Test
    void knownTcpAndUdpChecksumsFromScapy() {
        // Vectors from scapy 2.5.0 (src/test/resources/dev/strata/wire/scapy-vectors.py), pseudo-header included.
        int src = Ip4.parse("192.0.2.1").bits();
        int dst = Ip4.parse("198.51.100.7").bits();
        ByteBuffer syn = Packets.hex(TcpSegmentTest.SYN);
        assertThat(Checksums.verifies(
                        Checksums.pseudoHeaderV4(src, dst, 6, syn.limit()) + Checksums.sum(syn, 0, syn.limit())))
                .isTrue();
        syn.putShort(16, (short) 0);
        assertThat(Checksums.finish(
                        Checksums.pseudoHeaderV4(src, dst, 6, syn.limit()) + Checksums.sum(syn, 0, syn.limit())))
                .isEqualTo(0x259a);
        ByteBuffer data = Packets.hex(TcpSegmentTest.DATA); // 46 octets: an even length with data
        data.putShort(16, (short) 0);
        assertThat(Checksums.finish(
                        Checksums.pseudoHeaderV4(src, dst, 6, data.limit()) + Checksums.sum(data, 0, data.limit())))
                .isEqualTo(0x5585);
        ByteBuffer udp = Packets.hex(UdpDatagramTest.KNOWN);
        udp.putShort(6, (short) 0);
        assertThat(Checksums.finish(
                        Checksums.pseudoHeaderV4(src, dst, 17, udp.limit()) + Checksums.sum(udp, 0, udp.limit())))
                .isEqualTo(0x97fb);
        ByteBuffer icmp = Packets.hex(Icmpv4PacketTest.ECHO_REQUEST);
        icmp.putShort(2, (short) 0);
        assertThat(Checksums.checksum(icmp, 0, icmp.limit())).isEqualTo(0xad8a);
    }

    @Property
    void fastSumEqualsTheReference(
            @ForAll("bytes") byte[] b, @ForAll @IntRange(max = 40) int from, @ForAll @IntRange(max = 40) int cut) {
        int off = Math.min(from, b.length);
        int len = Math.max(0, b.length - off - cut);
        assertThat(Checksums.fold(Checksums.sum(b, off, len))).isEqualTo(referenceFold(b, off, len));
        ByteBuffer little = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(Checksums.fold(Checksums.sum(little, off, len))).isEqualTo(referenceFold(b, off, len));
        ByteBuffer direct = ByteBuffer.allocateDirect(b.length).put(0, b);
        assertThat(Checksums.fold(Checksums.sum(direct, off, len))).isEqualTo(referenceFold(b, off, len));
    }

    @Property
    void sumsOfPiecesAtEvenOffsetsEqualTheWhole(@ForAll("bytes") byte[] b, @ForAll @IntRange(max = 600) int at) {
        int split = Math.min(at, b.length) & ~1;
        long whole = Checksums.sum(b, 0, b.length);
        long pieces = Checksums.sum(b, 0, split) + Checksums.sum(b, split, b.length - split);
        assertThat(Checksums.fold(pieces)).isEqualTo(Checksums.fold(whole));
    }

    @Property
    void aMessageWithItsChecksumVerifies(@ForAll("bytes") byte[] b) {
        // Reserve the first word for the checksum, as the protocols do.
        if (b.length < 2) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(b);
        buf.putShort(0, (short) 0);
        buf.putShort(0, (short) Checksums.checksum(buf, 0, b.length));
        assertThat(Checksums.verifies(Checksums.sum(buf, 0, b.length))).isTrue();
    }

    @Property
    void incrementalUpdateEqualsRecomputation(
            @ForAll("headers") byte[] header,
            @ForAll @IntRange(min = 1, max = 9) int word,
            @ForAll @IntRange(max = 0xFFFF) int newValue) {
        // RFC 1624 §3 eqn. 3 on an IPv4-like 20-octet header (the first word 0x45.. is never zero, so the
        // all-zero corner where eqn. 3 and recomputation differ cannot arise), any word but the checksum's (5).
        if (word == 5) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(header);
        buf.putShort(10, (short) 0);
        buf.putShort(10, (short) Checksums.checksum(buf, 0, 20));
        int old = buf.getShort(word * 2) & 0xFFFF;
        int updated = Checksums.update(buf.getShort(10) & 0xFFFF, old, newValue);
        buf.putShort(word * 2, (short) newValue);
        buf.putShort(10, (short) 0);
        assertThat(updated).isEqualTo(Checksums.checksum(buf, 0, 20));
    }

    @Property
    void incrementalUpdateOf32BitFields(@ForAll("headers") byte[] header, @ForAll int newAddress) {
        // A NAT rewriting the source address (octets 12..15) of an IPv4-like header.
        ByteBuffer buf = ByteBuffer.wrap(header);
        buf.putShort(10, (short) 0);
        int checksum = Checksums.checksum(buf, 0, 20);
        int old = buf.getInt(12);
        buf.putInt(12, newAddress);
        assertThat(Checksums.update32(checksum, old, newAddress)).isEqualTo(Checksums.checksum(buf, 0, 20));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
    }

    @Provide
    Arbitrary<byte[]> headers() {
        return Arbitraries.bytes().array(byte[].class).ofSize(20).map(h -> {
            h[0] = 0x45;
            return h;
        });
    }
}
