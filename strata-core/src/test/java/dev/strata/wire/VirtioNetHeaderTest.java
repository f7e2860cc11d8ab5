package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The {@code struct virtio_net_hdr} codec: exact little-endian bytes, the view's checks, and round trips. */
class VirtioNetHeaderTest {

    /** A header followed by a frame of {@code frameLength} zero octets. */
    private static ByteBuffer packet(VirtioNetHeader h, int frameLength) {
        ByteBuffer b = ByteBuffer.allocate(VirtioNetHeader.LENGTH + frameLength);
        h.emit(b, 0);
        return b;
    }

    @Test
    void aTsoHeaderHasTheBytesOfLinuxVirtioNetH() {
        // Ethernet 14 + IPv4 20 + TCP 32 (timestamps), MSS 1448: flags NEEDS_CSUM, gso_type TCPV4, hdr_len 66,
        // gso_size 1448, csum_start 34, csum_offset 16, each 16-bit field little-endian.
        VirtioNetHeader h = VirtioNetHeader.tcpv4Segmentation(14, 20, 32, 1448);
        assertThat(Packets.toHex(packet(h, 0))).isEqualTo("01014200a80522001000");
        assertThat(h.needsChecksum()).isTrue();
        assertThat(h.length()).isEqualTo(10);
        assertThat(Packets.toHex(packet(VirtioNetHeader.NONE, 0))).isEqualTo("00000000000000000000");
    }

    @Test
    void theViewReadsTheFieldsAndRebuildsTheHeader() {
        VirtioNetHeader h = new VirtioNetHeader(
                VirtioNetHeader.F_NEEDS_CSUM | VirtioNetHeader.F_DATA_VALID, VirtioGsoType.of(0x81), 66, 1448, 34, 16);
        ByteBuffer b = packet(h, 100);
        VirtioNetPacket p = VirtioNetPacket.parse(b).orThrow();
        assertThat(p.needsChecksum()).isTrue();
        assertThat(p.dataValid()).isTrue();
        assertThat(p.gsoType().withoutEcn()).isSameAs(VirtioGsoType.TCPV4);
        assertThat(p.gsoType().ecn()).isTrue();
        assertThat(p.gsoType().name()).isEqualTo("TCPV4|ECN");
        assertThat(p.headerLength()).isEqualTo(66);
        assertThat(p.gsoSize()).isEqualTo(1448);
        assertThat(p.checksumStart()).isEqualTo(34);
        assertThat(p.checksumOffset()).isEqualTo(16);
        assertThat(p.payloadOffset()).isEqualTo(10);
        assertThat(p.payloadLength()).isEqualTo(100);
        assertThat(p.payload().remaining()).isEqualTo(100);
        assertThat(p.toHeader()).isEqualTo(h);
    }

    @Test
    void shortInputIsTruncatedAndImpossibleFieldsAreBad() {
        for (int len = 0; len < VirtioNetHeader.LENGTH + EthernetFrame.HEADER_LENGTH; len++) {
            assertThat(VirtioNetPacket.parse(ByteBuffer.allocate(len)))
                    .as("length %d", len)
                    .isInstanceOfSatisfying(
                            Parsed.Malformed.class, m -> assertThat(m.error()).isEqualTo(ParseError.TRUNCATED));
        }
        // The checksum field would end past the frame: 40 + 16 + 2 > 50.
        ByteBuffer outside = packet(new VirtioNetHeader(1, VirtioGsoType.NONE, 0, 0, 40, 16), 50);
        assertThat(VirtioNetPacket.parse(outside))
                .isInstanceOfSatisfying(
                        Parsed.Malformed.class, m -> assertThat(m.error()).isEqualTo(ParseError.BAD_FIELD));
        // ... while 32 + 16 + 2 = 50 just fits.
        assertThat(VirtioNetPacket.parse(packet(new VirtioNetHeader(1, VirtioGsoType.NONE, 0, 0, 32, 16), 50))
                        .isOk())
                .isTrue();
        ByteBuffer noSize = packet(new VirtioNetHeader(0, VirtioGsoType.UDP_L4, 42, 0, 0, 0), 50);
        assertThat(VirtioNetPacket.parse(noSize))
                .isInstanceOfSatisfying(
                        Parsed.Malformed.class, m -> assertThat(m.error()).isEqualTo(ParseError.BAD_FIELD));
    }

    @Test
    void unknownGsoTypesSurvive() {
        VirtioGsoType t = VirtioGsoType.of(9);
        assertThat(t.value()).isEqualTo(9);
        assertThat(t.isLarge()).isTrue();
        assertThat(t.name()).isEqualTo("0x09");
        assertThat(VirtioGsoType.of(4)).isSameAs(VirtioGsoType.TCPV6);
        assertThat(VirtioGsoType.of(0x80).isLarge()).as("the ECN bit alone").isFalse();
    }

    @Property
    void emitThenParseGivesTheSameHeaderOrSaysWhyNot(
            @ForAll @IntRange(max = 255) int flags,
            @ForAll @IntRange(max = 255) int gsoType,
            @ForAll @IntRange(max = 0xFFFF) int headerLength,
            @ForAll @IntRange(max = 0xFFFF) int gsoSize,
            @ForAll @IntRange(max = 300) int start,
            @ForAll @IntRange(max = 300) int offset,
            @ForAll @IntRange(min = 14, max = 400) int frameLength) {
        VirtioNetHeader h = new VirtioNetHeader(flags, VirtioGsoType.of(gsoType), headerLength, gsoSize, start, offset);
        Parsed<VirtioNetPacket> p = VirtioNetPacket.parse(packet(h, frameLength));
        boolean csumOutside = (flags & VirtioNetHeader.F_NEEDS_CSUM) != 0 && start + offset + 2 > frameLength;
        boolean noSize = (gsoType & 0x7F) != 0 && gsoSize == 0;
        if (csumOutside || noSize) {
            assertThat(p).isInstanceOf(Parsed.Malformed.class);
        } else {
            assertThat(p.orThrow().toHeader()).isEqualTo(h);
            assertThat(p.orThrow().payloadLength()).isEqualTo(frameLength);
        }
    }
}
