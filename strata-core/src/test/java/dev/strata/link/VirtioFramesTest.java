package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.wire.Checksums;
import dev.strata.wire.ParseError;
import dev.strata.wire.Parsed;
import dev.strata.wire.VirtioGsoType;
import dev.strata.wire.VirtioNetHeader;
import dev.strata.wire.VirtioNetPacket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the TAP does with frames the kernel hands over with offload work left in them, on hand-built frames (RFC 791,
 * 768, 9293): which pass whole as offloaded frames, and completing partial checksums and cutting GSO super-segments
 * for the others.
 */
class VirtioFramesTest {

    private static final int SRC4 = 0xC0000201;
    private static final int DST4 = 0xC0000202;

    /** A virtio-net header followed by Ethernet + IPv4 + L4 header + payload; the L4 checksum field left as given. */
    private static ByteBuffer v4Frame(int proto, int l4Header, byte[] payload, int flags, int gsoType, int gsoSize) {
        int ipLen = 20 + l4Header + payload.length;
        ByteBuffer b = ByteBuffer.allocate(VirtioNetHeader.LENGTH + 14 + ipLen);
        new VirtioNetHeader(
                        flags,
                        VirtioGsoType.of(gsoType),
                        14 + 20 + l4Header,
                        gsoSize,
                        flags == 0 ? 0 : 14 + 20,
                        flags == 0 ? 0 : proto == 6 ? 16 : 6)
                .emit(b, 0);
        int e = VirtioNetHeader.LENGTH;
        b.putShort(e + 12, (short) 0x0800);
        int ip = e + 14;
        b.put(ip, (byte) 0x45);
        b.putShort(ip + 2, (short) ipLen);
        b.putShort(ip + 4, (short) 0x1234);
        b.put(ip + 8, (byte) 64);
        b.put(ip + 9, (byte) proto);
        b.putInt(ip + 12, SRC4);
        b.putInt(ip + 16, DST4);
        b.putShort(ip + 10, (short) Checksums.checksum(b, ip, 20));
        int l4 = ip + 20;
        b.putShort(l4, (short) 40000);
        b.putShort(l4 + 2, (short) 7);
        if (proto == 6) {
            b.putInt(l4 + 4, 0xFFFF_FF00); // sequence numbers wrap inside the super-segment
            b.putInt(l4 + 8, 77);
            b.put(l4 + 12, (byte) ((l4Header / 4) << 4));
            b.put(l4 + 13, (byte) (0x80 | 0x10 | 0x08 | 0x01)); // CWR ACK PSH FIN
            b.putShort(l4 + 14, (short) 65535);
        } else {
            b.putShort(l4 + 4, (short) (8 + payload.length));
        }
        b.put(l4 + l4Header, payload);
        // What Linux leaves in the field for CHECKSUM_PARTIAL: the folded pseudo-header sum, not complemented.
        int pseudo = Checksums.fold(Checksums.pseudoHeaderV4(SRC4, DST4, proto, l4Header + payload.length));
        b.putShort(l4 + (proto == 6 ? 16 : 6), (short) pseudo);
        return b.clear();
    }

    private static byte[] pattern(int n) {
        byte[] p = new byte[n];
        for (int i = 0; i < n; i++) {
            p[i] = (byte) (i * 7 + i / 251);
        }
        return p;
    }

    private static List<ByteBuffer> split(ByteBuffer raw) {
        List<ByteBuffer> out = new ArrayList<>();
        assertThat(VirtioFrames.toFrames(parse(raw), out::add)).isNull();
        return out;
    }

    private static VirtioNetPacket parse(ByteBuffer raw) {
        return VirtioNetPacket.parse(raw).orThrow();
    }

    @Test
    void tcpWithAPartialChecksumOrTsoPassesWholeAndNothingElseDoes() {
        int csum = VirtioNetHeader.F_NEEDS_CSUM;
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(6, 20, pattern(100), csum, 0, 0))))
                .isTrue();
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(6, 32, pattern(5000), csum, 1, 1448))))
                .isTrue();
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(6, 32, pattern(5000), csum, 0x81, 1448))))
                .as("TSO with the ECN bit")
                .isTrue();
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(6, 20, pattern(100), 0, 0, 0))))
                .as("nothing to do: an ordinary frame")
                .isFalse();
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(17, 8, pattern(100), csum, 0, 0))))
                .as("UDP")
                .isFalse();
        assertThat(VirtioFrames.passesWhole(parse(v4Frame(17, 8, pattern(3000), csum, 5, 1200))))
                .as("USO")
                .isFalse();
        ByteBuffer fragment = v4Frame(6, 20, pattern(100), csum, 0, 0);
        fragment.putShort(VirtioNetHeader.LENGTH + 14 + 6, (short) 0x2000);
        assertThat(VirtioFrames.passesWhole(parse(fragment))).as("MF set").isFalse();
        ByteBuffer padded = ByteBuffer.allocate(fragment.limit() + 4);
        padded.put(0, v4Frame(6, 20, pattern(100), csum, 0, 0), 0, fragment.limit());
        assertThat(VirtioFrames.passesWhole(parse(padded)))
                .as("octets after the IP packet")
                .isFalse();
        ByteBuffer elsewhere = v4Frame(6, 20, pattern(100), csum, 0, 0);
        elsewhere.order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 6).order(ByteOrder.BIG_ENDIAN);
        assertThat(VirtioFrames.passesWhole(parse(elsewhere)))
                .as("a checksum field that is not TCP's")
                .isFalse();
    }

    private static boolean l4Verifies(ByteBuffer f) {
        int ip = 14;
        int l4Len = (f.getShort(ip + 2) & 0xFFFF) - 20;
        int proto = f.get(ip + 9);
        return Checksums.verifies(Checksums.pseudoHeaderV4(f.getInt(ip + 12), f.getInt(ip + 16), proto, l4Len)
                + Checksums.sum(f, ip + 20, l4Len));
    }

    @Test
    void completesAPartialUdpChecksum() {
        byte[] payload = pattern(333);
        List<ByteBuffer> out = split(v4Frame(17, 8, payload, VirtioNetHeader.F_NEEDS_CSUM, 0, 0));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).limit()).isEqualTo(14 + 20 + 8 + 333);
        assertThat(l4Verifies(out.get(0))).isTrue();
    }

    @Test
    void cutsATcpSuperSegmentIntoMssSizedSegments() {
        byte[] payload = pattern(3500);
        List<ByteBuffer> out = split(v4Frame(6, 32, payload, VirtioNetHeader.F_NEEDS_CSUM, 1, 1000));
        assertThat(out).hasSize(4);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (int i = 0; i < out.size(); i++) {
            ByteBuffer f = out.get(i);
            int chunk = i < 3 ? 1000 : 500;
            assertThat(f.limit()).isEqualTo(14 + 20 + 32 + chunk);
            assertThat(f.getShort(14 + 2) & 0xFFFF).isEqualTo(20 + 32 + chunk);
            assertThat(f.getShort(14 + 4) & 0xFFFF).isEqualTo(0x1234 + i);
            assertThat(Checksums.verifies(Checksums.sum(f, 14, 20))).isTrue();
            assertThat(f.getInt(34 + 4)).isEqualTo(0xFFFF_FF00 + 1000 * i);
            int flags = f.get(34 + 13) & 0xFF;
            assertThat(flags & 0x80).as("CWR on the first only").isEqualTo(i == 0 ? 0x80 : 0);
            assertThat(flags & 0x09).as("FIN and PSH on the last only").isEqualTo(i == 3 ? 0x09 : 0);
            assertThat(flags & 0x10).as("ACK on all").isEqualTo(0x10);
            assertThat(l4Verifies(f)).isTrue();
            joined.write(f.array(), 14 + 20 + 32, chunk);
        }
        assertThat(joined.toByteArray()).isEqualTo(payload);
    }

    @Test
    void cutsAUdpSuperSegmentIntoDatagrams() {
        byte[] payload = pattern(2500);
        List<ByteBuffer> out = split(v4Frame(17, 8, payload, VirtioNetHeader.F_NEEDS_CSUM, 5, 1200));
        assertThat(out).extracting(ByteBuffer::limit).containsExactly(1242, 1242, 142);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (ByteBuffer f : out) {
            assertThat(f.getShort(34 + 4) & 0xFFFF).isEqualTo(f.limit() - 34);
            assertThat(l4Verifies(f)).isTrue();
            joined.write(f.array(), 42, f.limit() - 42);
        }
        assertThat(joined.toByteArray()).isEqualTo(payload);
    }

    @Test
    void aFrameWithoutOffloadPassesUnchanged() {
        ByteBuffer raw = v4Frame(17, 8, pattern(100), 0, 0, 0);
        List<ByteBuffer> out = split(raw);
        assertThat(out).hasSize(1);
        assertThat(out.get(0)).isEqualTo(raw.slice(VirtioNetHeader.LENGTH, raw.limit() - VirtioNetHeader.LENGTH));
    }

    @Test
    void impossibleHeadersAreDropsWithAReason() {
        assertThat(VirtioNetPacket.parse(ByteBuffer.allocate(20))).isInstanceOf(Parsed.Malformed.class);
        ByteBuffer badCsum = v4Frame(17, 8, pattern(10), VirtioNetHeader.F_NEEDS_CSUM, 0, 0);
        badCsum.order(ByteOrder.LITTLE_ENDIAN).putShort(6, (short) 5000).order(ByteOrder.BIG_ENDIAN);
        assertThat(VirtioNetPacket.parse(badCsum))
                .isInstanceOfSatisfying(
                        Parsed.Malformed.class, m -> assertThat(m.error()).isEqualTo(ParseError.BAD_FIELD));
        ByteBuffer zeroMss = v4Frame(6, 20, pattern(3000), VirtioNetHeader.F_NEEDS_CSUM, 1, 0);
        assertThat(VirtioNetPacket.parse(zeroMss))
                .isInstanceOfSatisfying(
                        Parsed.Malformed.class, m -> assertThat(m.error()).isEqualTo(ParseError.BAD_FIELD));
        List<ByteBuffer> out = new ArrayList<>();
        ByteBuffer tcpGsoOnUdp = v4Frame(17, 8, pattern(3000), VirtioNetHeader.F_NEEDS_CSUM, 1, 1000);
        assertThat(VirtioFrames.toFrames(parse(tcpGsoOnUdp), out::add)).isEqualTo(ParseError.UNSUPPORTED);
        ByteBuffer unknownGso = v4Frame(6, 20, pattern(3000), VirtioNetHeader.F_NEEDS_CSUM, 9, 1000);
        assertThat(VirtioFrames.toFrames(parse(unknownGso), out::add)).isEqualTo(ParseError.UNSUPPORTED);
        assertThat(out).isEmpty();
    }
}
