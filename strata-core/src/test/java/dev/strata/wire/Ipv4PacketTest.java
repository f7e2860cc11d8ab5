package dev.strata.wire;

import static dev.strata.wire.ArpPacketTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Ipv4PacketTest {

    static final Ip4 SRC = Ip4.parse("192.0.2.1");
    static final Ip4 DST = Ip4.parse("198.51.100.7");

    /**
     * The header of RFC 1071-style examples (and Wikipedia's "IPv4 header checksum" article): 192.168.0.1 to
     * 192.168.0.199, UDP, total length 115, DF, checksum 0xb861.
     */
    static final String KNOWN_HEADER = "450000730000400040" + "11b861c0a80001c0a800c7";

    /** An ICMP echo request in IPv4, produced by scapy 2.5.0 (src/test/resources/.../scapy-vectors.py). */
    static final String ICMP_DATAGRAM =
            "4500002c0001400040014e94c0000201c63364070800ad8a12340001000102030405060708090a0b0c0d0e0f";

    @Test
    void parsesTheKnownHeader() {
        ByteBuffer buf = ByteBuffer.allocate(115);
        buf.put(0, Packets.hex(KNOWN_HEADER), 0, 20);
        Ipv4Packet p = Ipv4Packet.parse(buf).orThrow();
        assertThat(p.version()).isEqualTo(4);
        assertThat(p.ihl()).isEqualTo(5);
        assertThat(p.totalLength()).isEqualTo(115);
        assertThat(p.dontFragment()).isTrue();
        assertThat(p.moreFragments()).isFalse();
        assertThat(p.ttl()).isEqualTo(64);
        assertThat(p.protocol()).isSameAs(IpProtocol.UDP);
        assertThat(p.headerChecksum()).isEqualTo(0xb861);
        assertThat(p.source()).isEqualTo(Ip4.parse("192.168.0.1"));
        assertThat(p.destination()).isEqualTo(Ip4.parse("192.168.0.199"));
        assertThat(p.payloadLength()).isEqualTo(95);
        // Rebuilding from the record computes the same checksum.
        ByteBuffer rebuilt = Packets.build(new byte[95], p.toHeader());
        assertThat(Packets.toHex(Packets.prefix(rebuilt, 20))).isEqualTo(KNOWN_HEADER);
    }

    @Test
    void parsesEveryFieldOfAScapyDatagram() {
        ByteBuffer bytes = Packets.hex(ICMP_DATAGRAM);
        Ipv4Packet p = Ipv4Packet.parse(bytes).orThrow();
        assertThat(p.headerLength()).isEqualTo(20);
        assertThat(p.dscp()).isZero();
        assertThat(p.ecn()).isZero();
        assertThat(p.totalLength()).isEqualTo(44);
        assertThat(p.identification()).isEqualTo(1);
        assertThat(p.dontFragment()).isTrue();
        assertThat(p.reservedFlag()).isFalse();
        assertThat(p.fragmentOffset()).isZero();
        assertThat(p.isFragment()).isFalse();
        assertThat(p.ttl()).isEqualTo(64);
        assertThat(p.protocolValue()).isEqualTo(1);
        assertThat(p.headerChecksum()).isEqualTo(0x4e94);
        assertThat(p.sourceBits()).isEqualTo(SRC.bits());
        assertThat(p.destination()).isEqualTo(DST);
        assertThat(p.options().isEmpty()).isTrue();
        assertThat(p.payloadOffset()).isEqualTo(20);
        assertThat(p.toHeader())
                .isEqualTo(Ipv4Header.of(SRC, DST, IpProtocol.ICMP, 64, 1).withDontFragment(true));
        assertThat(Packets.build(Packets.bytes(p.payload()), p.toHeader())).isEqualTo(bytes);
        assertThat(p).hasToString("IPv4 192.0.2.1 > 198.51.100.7 ICMP len 44 ttl 64 id 1 DF");
    }

    @Test
    void excludesLinkPaddingFromThePayload() {
        ByteBuffer padded = ByteBuffer.allocate(46);
        padded.put(0, Packets.hex(ICMP_DATAGRAM), 0, 44);
        padded.put(44, (byte) 0x55).put(45, (byte) 0x66);
        Ipv4Packet p = Ipv4Packet.parse(padded).orThrow();
        assertThat(p.length()).isEqualTo(44);
        assertThat(p.payloadLength()).isEqualTo(24);
        assertThat(p.payload().limit()).isEqualTo(24);
    }

    @Test
    void everyTruncationGivesTheRightError() {
        // A datagram with 8 octets of options (NOP, Router Alert, EOL + padding) and 4 of data.
        Ipv4Header h = Ipv4Header.of(SRC, DST, IpProtocol.UDP, 9, 77)
                .withOptions(Ipv4Options.of(
                        List.of(Ipv4Option.NOP, new Ipv4Option.Other(Ipv4Option.TYPE_ROUTER_ALERT, new byte[2]))));
        ByteBuffer whole = Packets.build(new byte[] {1, 2, 3, 4}, h);
        assertThat(whole.limit()).isEqualTo(32);
        for (int len = 0; len < whole.limit(); len++) {
            ParseError expected =
                    len < 20 ? ParseError.TRUNCATED : len < 28 ? ParseError.BAD_HEADER_LENGTH : ParseError.BAD_LENGTH;
            assertThat(error(Ipv4Packet.parse(Packets.prefix(whole, len))))
                    .as("length %d", len)
                    .isEqualTo(expected);
        }
        assertThat(Ipv4Packet.parse(whole).isOk()).isTrue();
    }

    @Test
    void rejectsBadVersionIhlAndLengths() {
        ByteBuffer b = Packets.hex(ICMP_DATAGRAM);
        b.put(0, (byte) 0x65);
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_VERSION);

        b = Packets.hex(ICMP_DATAGRAM);
        b.put(0, (byte) 0x44);
        Packets.fixIpv4Checksum(b);
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_HEADER_LENGTH);

        b = Packets.hex(ICMP_DATAGRAM);
        b.put(0, (byte) 0x4F); // 60-octet header in 44 bytes
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_HEADER_LENGTH);

        b = Packets.hex(ICMP_DATAGRAM);
        b.putShort(2, (short) 19); // total length below the header length
        Packets.fixIpv4Checksum(b);
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_LENGTH);

        b = Packets.hex(ICMP_DATAGRAM);
        b.putShort(2, (short) 45); // one more than present
        Packets.fixIpv4Checksum(b);
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_LENGTH);
    }

    @Test
    void verifiesTheChecksumUnlessToldNotTo() {
        ByteBuffer b = Packets.hex(ICMP_DATAGRAM);
        b.put(8, (byte) 63); // TTL changed without fixing the checksum
        assertThat(error(Ipv4Packet.parse(b))).isEqualTo(ParseError.BAD_CHECKSUM);
        Ipv4Packet p = Ipv4Packet.parse(b, ChecksumPolicy.SKIP).orThrow();
        assertThat(p.checksumValid()).isFalse();
        assertThat(p.ttl()).isEqualTo(63);
    }

    @Test
    void rejectsMalformedOptions() {
        String[] areas = {
            "44000000", // option 68 with length 0
            "44010000", // length 1
            "01010144", // type octet in the last position, no length
            "07080000", // record route of 8 octets in a 4-octet area
        };
        for (String area : areas) {
            ByteBuffer b = withOptions(area);
            assertThat(error(Ipv4Packet.parse(b))).as(area).isEqualTo(ParseError.BAD_OPTION);
        }
        // Anything after End of Option List is padding and is not checked.
        assertThat(Ipv4Packet.parse(withOptions("00ff0000")).isOk()).isTrue();
        assertThat(Ipv4Packet.parse(withOptions("0101940400000000")).isOk()).isTrue();
    }

    @Test
    void keepsOptionsAsBytesWithAListView() {
        String area = "01" + "94040000" + "0706" + "01020304" + "00" + "abcdef01"; // garbage after EOL
        Ipv4Packet p = Ipv4Packet.parse(withOptions(area)).orThrow();
        assertThat(p.ihl()).isEqualTo(9);
        assertThat(p.optionsLength()).isEqualTo(16);
        assertThat(p.options().toBytes()).isEqualTo(Packets.bytes(Packets.hex(area)));
        assertThat(p.options().list())
                .containsExactly(
                        Ipv4Option.NOP,
                        new Ipv4Option.Other(148, new byte[] {0, 0}),
                        new Ipv4Option.Other(7, new byte[] {1, 2, 3, 4}),
                        Ipv4Option.EOL);
        Ipv4Option.Other ra = (Ipv4Option.Other) p.options().list().get(1);
        assertThat(ra.copied()).isTrue();
        assertThat(ra.optionClass()).isZero();
        assertThat(ra.number()).isEqualTo(20);
        // The record keeps the raw area, so rebuilding reproduces the padding octets too.
        ByteBuffer rebuilt = Packets.build(Packets.bytes(p.payload()), p.toHeader());
        assertThat(Packets.toHex(rebuilt)).isEqualTo(Packets.toHex(p.buffer()));
    }

    @Test
    void optionsAreasAreValidated() {
        assertThat(Ipv4Options.of(List.of(Ipv4Option.NOP)).toBytes()).containsExactly(1, 0, 0, 0);
        assertThat(Ipv4Options.of(List.of()).isEmpty()).isTrue();
        assertThatThrownBy(() -> Ipv4Options.ofBytes(new byte[] {1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Options.ofBytes(new byte[] {7, 9, 0, 0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Options.of(List.of(new Ipv4Option.Other(7, new byte[38]), Ipv4Option.NOP)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ipv4Option.Other(1, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headerValidatesFieldsAndTotalLength() {
        assertThatThrownBy(
                        () -> new Ipv4Header(64, 0, 0, false, false, 0, 64, IpProtocol.UDP, SRC, DST, Ipv4Options.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Header.of(SRC, DST, IpProtocol.UDP, 256, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ipv4Header.of(SRC, DST, IpProtocol.UDP, 64, 0).withFragment(true, 8192))
                .isInstanceOf(IllegalArgumentException.class);
        ByteBuffer big = ByteBuffer.allocate(65536);
        assertThatThrownBy(() -> Ipv4Header.of(SRC, DST, IpProtocol.UDP, 64, 0).emit(big, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void decrementsTtlWithAnIncrementalChecksum() {
        ByteBuffer b = Packets.hex(ICMP_DATAGRAM);
        Ipv4Packet p = Ipv4Packet.parse(b).orThrow();
        assertThat(p.decrementTtl()).isTrue();
        assertThat(p.ttl()).isEqualTo(63);
        assertThat(p.headerChecksum()).isEqualTo(0x4f94);
        assertThat(p.checksumValid()).isTrue();
    }

    @Test
    void leavesTtlOneAndZeroAlone() {
        for (int ttl : new int[] {0, 1}) {
            ByteBuffer b = Packets.build(new byte[8], Ipv4Header.of(SRC, DST, IpProtocol.UDP, ttl, 5));
            ByteBuffer before = ByteBuffer.wrap(Packets.bytes(b));
            assertThat(Ipv4Packet.parse(b).orThrow().decrementTtl()).isFalse();
            assertThat(b).isEqualTo(before);
        }
    }

    @Property
    void decrementTtlMatchesAFullRecomputation(@ForAll("headers") Ipv4Header h) {
        ByteBuffer b = Packets.build(new byte[3], h);
        boolean forwarded = Ipv4Packet.decrementTtl(b, 0);
        assertThat(forwarded).isEqualTo(h.ttl() > 1);
        Ipv4Packet p = Ipv4Packet.parse(b).orThrow();
        assertThat(p.ttl()).isEqualTo(forwarded ? h.ttl() - 1 : h.ttl());
        ByteBuffer full = Packets.build(new byte[3], p.toHeader());
        assertThat(b).isEqualTo(full);
    }

    @Property
    void roundTrip(@ForAll("headers") Ipv4Header h, @ForAll("payloads") byte[] payload) {
        ByteBuffer bytes = Packets.build(payload, h);
        Ipv4Packet p = Ipv4Packet.parse(bytes).orThrow();
        assertThat(p.toHeader()).isEqualTo(h);
        assertThat(p.totalLength()).isEqualTo(h.length() + payload.length);
        assertThat(p.headerLength()).isEqualTo(h.length());
        assertThat(p.checksumValid()).isTrue();
        assertThat(Packets.bytes(p.payload())).isEqualTo(payload);
        assertThat(Packets.build(payload, p.toHeader())).isEqualTo(bytes);
    }

    @Property
    void optionsRoundTripThroughTheirList(@ForAll("options") Ipv4Options options) {
        assertThat(Ipv4Options.of(options.list())).isEqualTo(options);
        assertThat(Ipv4Options.ofBytes(options.toBytes())).isEqualTo(options);
    }

    /** The ICMP datagram with {@code hex} as its options area, lengths and checksum fixed. */
    static ByteBuffer withOptions(String hex) {
        ByteBuffer original = Packets.hex(ICMP_DATAGRAM);
        ByteBuffer area = Packets.hex(hex);
        int optLen = area.limit();
        ByteBuffer b = ByteBuffer.allocate(original.limit() + optLen);
        b.put(0, original, 0, 20);
        b.put(20, area, 0, optLen);
        b.put(20 + optLen, original, 20, original.limit() - 20);
        b.put(0, (byte) (0x40 | ((20 + optLen) / 4)));
        b.putShort(2, (short) b.limit());
        Packets.fixIpv4Checksum(b);
        return b;
    }

    @Provide
    Arbitrary<Ipv4Header> headers() {
        return WireArbitraries.ipv4Header();
    }

    @Provide
    Arbitrary<Ipv4Options> options() {
        return WireArbitraries.ipv4Options();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return WireArbitraries.payload(100);
    }
}
