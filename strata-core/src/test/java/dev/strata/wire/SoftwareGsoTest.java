package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Software segmentation of a TCP/IPv4 super-segment as IP does it when no device cuts it (no link header, headroom
 * before each piece), and completing a partial checksum (RFC 9293 §3.1, RFC 791).
 */
class SoftwareGsoTest {

    private static final int SRC = 0xC0000202;
    private static final int DST = 0xC0000201;

    /** An IPv4 + TCP (with 12 octets of options) super-segment carrying {@code payload}, its checksum partial. */
    static ByteBuffer superSegment(byte[] payload, int flags) {
        int tcpHeader = 32;
        int total = 20 + tcpHeader + payload.length;
        ByteBuffer b = ByteBuffer.allocate(total);
        b.put(0, (byte) 0x45);
        b.putShort(2, (short) total);
        b.putShort(4, (short) 0xFFFE); // identifications wrap too
        b.putShort(6, (short) 0x4000); // DF
        b.put(8, (byte) 64);
        b.put(9, (byte) 6);
        b.putInt(12, SRC);
        b.putInt(16, DST);
        b.putShort(10, (short) Checksums.checksum(b, 0, 20));
        b.putShort(20, (short) 40000);
        b.putShort(22, (short) 5001);
        b.putInt(24, 0xFFFF_F000);
        b.putInt(28, 1234);
        b.put(32, (byte) ((tcpHeader / 4) << 4));
        b.put(33, (byte) flags);
        b.putShort(34, (short) 500);
        b.put(40, (byte) 1)
                .put(41, (byte) 1)
                .put(42, (byte) 8)
                .put(43, (byte) 10)
                .putInt(44, 7)
                .putInt(48, 9);
        b.put(20 + tcpHeader, payload);
        b.putShort(36, (short) Checksums.fold(Checksums.pseudoHeaderV4(SRC, DST, 6, tcpHeader + payload.length)));
        return b;
    }

    static byte[] pattern(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 13 + i / 256);
        }
        return p;
    }

    @Test
    void completingThePartialChecksumGivesASegmentThatVerifies() {
        ByteBuffer b = superSegment(pattern(3000), TcpFlags.ACK_BIT);
        Ipv4Packet before = Ipv4Packet.parse(b.duplicate()).orThrow();
        assertThat(TcpSegment.parse(before.payload(), before.pseudoHeader()).isOk())
                .isFalse();
        assertThat(SoftwareGso.completeTcpChecksum(b, 0)).isTrue();
        Ipv4Packet after = Ipv4Packet.parse(b.duplicate()).orThrow();
        assertThat(TcpSegment.parse(after.payload(), after.pseudoHeader()).isOk())
                .isTrue();
        ByteBuffer udp = ByteBuffer.allocate(40);
        udp.put(0, (byte) 0x45).putShort(2, (short) 40).put(9, (byte) 17);
        assertThat(SoftwareGso.completeTcpChecksum(udp, 0)).isFalse();
    }

    @Property(tries = 200)
    void piecesAreValidSegmentsThatJoinToThePayload(
            @ForAll @IntRange(min = 1, max = 20_000) int length, @ForAll @IntRange(min = 1, max = 3000) int mss) {
        byte[] payload = pattern(length);
        int flags = TcpFlags.ACK_BIT | TcpFlags.PSH_BIT | TcpFlags.FIN_BIT;
        List<ByteBuffer> out = new ArrayList<>();
        assertThat(SoftwareGso.segment(superSegment(payload, flags), 0, VirtioGsoType.TCPV4, mss, 144, out::add))
                .isNull();
        assertThat(out).hasSize((length + mss - 1) / mss);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < out.size(); i++) {
            ByteBuffer piece = out.get(i);
            assertThat(piece.position()).as("headroom").isEqualTo(144);
            Ipv4Packet ip = Ipv4Packet.parse(piece.duplicate()).orThrow();
            assertThat(ip.identification()).isEqualTo((0xFFFE + i) & 0xFFFF);
            assertThat(ip.dontFragment()).isTrue();
            TcpSegment tcp = TcpSegment.parse(ip.payload(), ip.pseudoHeader()).orThrow();
            assertThat(tcp.sequenceNumber()).isEqualTo(0xFFFF_F000 + i * mss);
            boolean last = i == out.size() - 1;
            assertThat(tcp.payloadLength()).isEqualTo(last ? length - i * mss : mss);
            assertThat(tcp.flagBits() & (TcpFlags.FIN_BIT | TcpFlags.PSH_BIT))
                    .isEqualTo(last ? TcpFlags.FIN_BIT | TcpFlags.PSH_BIT : 0);
            assertThat(tcp.headerLength()).isEqualTo(32);
            joined.writeBytes(Packets.bytes(tcp.payload()));
        }
        assertThat(joined.toByteArray()).isEqualTo(payload);
    }
}
