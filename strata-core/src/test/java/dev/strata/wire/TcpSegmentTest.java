package dev.strata.wire;

import static dev.strata.wire.ArpPacketTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class TcpSegmentTest {

    static final Ip4 SRC = Ip4.parse("192.0.2.1");
    static final Ip4 DST = Ip4.parse("198.51.100.7");
    static final PseudoHeader PH = new Ipv4PseudoHeader(SRC, DST);

    /**
     * A SYN 192.0.2.1:49152 > 198.51.100.7:443 with Linux's options (MSS 1460, SACK-Permitted, Timestamps, NOP,
     * Window Scale 7), checksum 0x259a: scapy 2.5.0 (src/test/resources/dev/strata/wire/scapy-vectors.py).
     */
    static final String SYN = "c00001bb1234567800000000a002faf0259a0000020405b40402080ab2d05e000000000001030307";

    /** A PSH-ACK with NOP, NOP, Timestamps and 14 octets of data, checksum 0x5585: scapy 2.5.0. */
    static final String DATA =
            "c00001bb123456799abcdef0801801f6558500000101080ab2d05e640001e24068656c6c6f2c2073747261" + "74610a";

    @Test
    void parsesTheKnownSyn() {
        ByteBuffer bytes = Packets.hex(SYN);
        TcpSegment s = TcpSegment.parse(bytes, PH).orThrow();
        assertThat(s.sourcePort()).isEqualTo(49152);
        assertThat(s.destinationPort()).isEqualTo(443);
        assertThat(s.sequenceNumber()).isEqualTo(0x12345678);
        assertThat(s.acknowledgmentNumber()).isZero();
        assertThat(s.dataOffset()).isEqualTo(10);
        assertThat(s.flags()).isEqualTo(TcpFlags.SYN).hasToString("[S]");
        assertThat(s.syn()).isTrue();
        assertThat(s.ack() || s.fin() || s.rst() || s.psh() || s.urg() || s.ece() || s.cwr())
                .isFalse();
        assertThat(s.window()).isEqualTo(64240);
        assertThat(s.checksum()).isEqualTo(0x259a);
        assertThat(s.urgentPointer()).isZero();
        assertThat(s.optionsLength()).isEqualTo(20);
        assertThat(s.options())
                .containsExactly(
                        new TcpOption.Mss(1460),
                        TcpOption.SACK_PERMITTED,
                        new TcpOption.Timestamps((int) 3_000_000_000L, 0),
                        TcpOption.NOP,
                        new TcpOption.WindowScale(7));
        assertThat(s.mssOption()).isEqualTo(1460);
        assertThat(s.windowScaleOption()).isEqualTo(7);
        assertThat(s.sackPermittedOption()).isTrue();
        assertThat(s.hasTimestamps()).isTrue();
        assertThat(Integer.toUnsignedLong(s.timestampValue())).isEqualTo(3_000_000_000L);
        assertThat(s.timestampEchoReply()).isZero();
        assertThat(s.sackBlockCount()).isZero();
        assertThat(s.payloadLength()).isZero();
        assertThat(s.segmentLength()).isEqualTo(1); // the SYN occupies one sequence number
        assertThat(s.checksumValid(SRC.bits(), DST.bits())).isTrue();
        // Rebuilding from the record gives scapy's bytes, checksum included.
        assertThat(Packets.build(new byte[0], s.toHeader(PH))).isEqualTo(bytes);
    }

    @Test
    void parsesTheKnownDataSegment() {
        ByteBuffer bytes = Packets.hex(DATA);
        TcpSegment s = TcpSegment.parse(bytes, PH).orThrow();
        assertThat(s.flags()).isEqualTo(TcpFlags.PSH_ACK).hasToString("[P.]");
        assertThat(s.acknowledgmentNumber()).isEqualTo(0x9abcdef0);
        assertThat(s.window()).isEqualTo(502);
        assertThat(s.options())
                .containsExactly(TcpOption.NOP, TcpOption.NOP, new TcpOption.Timestamps((int) 3_000_000_100L, 123456));
        assertThat(s.mssOption()).isEqualTo(-1);
        assertThat(s.windowScaleOption()).isEqualTo(-1);
        assertThat(s.sackPermittedOption()).isFalse();
        assertThat(s.timestampEchoReply()).isEqualTo(123456);
        assertThat(StandardCharsets.US_ASCII.decode(s.payload()).toString()).isEqualTo("hello, strata\n");
        assertThat(s.segmentLength()).isEqualTo(14);
        assertThat(Packets.build(Packets.bytes(s.payload()), s.toHeader(PH))).isEqualTo(bytes);
        assertThat(s).hasToString("TCP 49152 > 443 Flags [P.] seq 305419897 ack 2596069104 win 502 length 14");
    }

    @Test
    void aWrongAddressOrFlippedBitFailsTheChecksum() {
        PseudoHeader other = new Ipv4PseudoHeader(SRC, Ip4.parse("198.51.100.9"));
        assertThat(error(TcpSegment.parse(Packets.hex(SYN), other))).isEqualTo(ParseError.BAD_CHECKSUM);
        ByteBuffer b = Packets.hex(DATA);
        b.put(40, (byte) (b.get(40) ^ 0x20));
        assertThat(error(TcpSegment.parse(b, PH))).isEqualTo(ParseError.BAD_CHECKSUM);
        assertThat(TcpSegment.parse(b).orThrow().checksumValid(PH)).isFalse();
    }

    @Test
    void sackBlocksAreReadWithoutAllocating() {
        List<TcpOption> opts = List.of(
                TcpOption.NOP,
                TcpOption.NOP,
                new TcpOption.Sack(List.of(new TcpOption.SackBlock(100, 200), new TcpOption.SackBlock(-10, 5))));
        TcpHeader h = new TcpHeader(1, 2, 3, 4, TcpFlags.ACK, 5, 0, opts, PH);
        TcpSegment s = TcpSegment.parse(Packets.build(new byte[0], h), PH).orThrow();
        assertThat(s.sackBlockCount()).isEqualTo(2);
        assertThat(s.sackBlockLeft(0)).isEqualTo(100);
        assertThat(s.sackBlockRight(0)).isEqualTo(200);
        assertThat(s.sackBlockLeft(1)).isEqualTo(-10);
        assertThat(s.sackBlockRight(1)).isEqualTo(5);
        assertThatThrownBy(() -> s.sackBlockLeft(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(s.options()).isEqualTo(opts);
    }

    @Test
    void emissionPadsOptionsWithZeros() {
        List<TcpOption> opts = List.of(new TcpOption.Mss(1460), new TcpOption.WindowScale(7)); // 7 octets
        TcpHeader h = new TcpHeader(1, 2, 3, 0, TcpFlags.SYN, 65535, 0, opts, PH);
        assertThat(h.length()).isEqualTo(28);
        ByteBuffer b = Packets.build(new byte[0], h);
        assertThat(Packets.toHex(b).substring(40)).isEqualTo("020405b4030307" + "00");
        assertThat(b.get(12) & 0xFF).isEqualTo(0x70); // data offset 7
        TcpSegment s = TcpSegment.parse(b, PH).orThrow();
        assertThat(s.options()).isEqualTo(opts);
        assertThat(s.toHeader(PH)).isEqualTo(h);
    }

    @Test
    void everyTruncationGivesTheRightError() {
        ByteBuffer whole = Packets.hex(DATA);
        for (int len = 0; len < whole.limit(); len++) {
            Parsed<TcpSegment> p = TcpSegment.parse(Packets.prefix(whole, len));
            if (len < 20) {
                assertThat(error(p)).as("length %d", len).isEqualTo(ParseError.TRUNCATED);
            } else if (len < 32) {
                assertThat(error(p)).as("length %d", len).isEqualTo(ParseError.BAD_HEADER_LENGTH);
            } else {
                // TCP has no length field: a shorter segment is only shorter data, which the checksum catches.
                assertThat(p.orThrow().payloadLength()).isEqualTo(len - 32);
                assertThat(error(TcpSegment.parse(Packets.prefix(whole, len), PH)))
                        .as("length %d", len)
                        .isEqualTo(ParseError.BAD_CHECKSUM);
            }
        }
    }

    @Test
    void rejectsBadDataOffsets() {
        ByteBuffer b = Packets.hex(SYN);
        b.put(12, (byte) 0x40);
        assertThat(error(TcpSegment.parse(b))).isEqualTo(ParseError.BAD_HEADER_LENGTH);
        b.put(12, (byte) 0xB0); // 44 octets of header in 40
        assertThat(error(TcpSegment.parse(b))).isEqualTo(ParseError.BAD_HEADER_LENGTH);
    }

    @Test
    void rejectsBadOptionLengths() {
        String[] areas = {
            "02000000", // MSS with length 0
            "fe010000", // unknown kind with length 1
            "01010103", // window scale kind with no length octet
            "fe050000", // unknown kind running off the end
            "02030500", // MSS with length 3
            "03040700", // window scale with length 4
            "04030000", // SACK-permitted with length 3
            "05020000", // SACK with no block
            "050b0000000000000000000000000000", // SACK with 9 octets of blocks
            "080600000000000000000000" // timestamps with length 6
        };
        for (String area : areas) {
            assertThat(error(TcpSegment.parse(withOptions(area)))).as(area).isEqualTo(ParseError.BAD_OPTION);
        }
    }

    @Test
    void keepsUnknownOptionsAndIgnoresWhatFollowsEol() {
        TcpSegment s = TcpSegment.parse(withOptions("1e0401020000ffff")).orThrow(); // kind 30 (MPTCP), EOL, junk
        assertThat(s.options()).containsExactly(new TcpOption.Unknown(30, new byte[] {1, 2}));
        assertThat(s.mssOption()).isEqualTo(-1);
    }

    @Test
    void theFirstOfARepeatedOptionWins() {
        TcpSegment s = TcpSegment.parse(withOptions("020405b4" + "02040218")).orThrow();
        assertThat(s.mssOption()).isEqualTo(1460);
        assertThat(s.options()).containsExactly(new TcpOption.Mss(1460), new TcpOption.Mss(536));
    }

    @Test
    void headerValidation() {
        List<TcpOption> tooMany = List.of(
                new TcpOption.Timestamps(1, 2),
                new TcpOption.Timestamps(1, 2),
                new TcpOption.Timestamps(1, 2),
                new TcpOption.Timestamps(1, 2),
                TcpOption.NOP);
        assertThatThrownBy(() -> new TcpHeader(1, 2, 3, 4, TcpFlags.ACK, 5, 0, tooMany, PH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpHeader(1, 2, 3, 4, TcpFlags.ACK, 65536, 0, List.of(), PH))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpOption.Unknown(2, new byte[2])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TcpOption.Sack(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void flagsPrintAsTcpdumpDoes() {
        assertThat(TcpFlags.SYN_ACK).hasToString("[S.]");
        assertThat(TcpFlags.ACK).hasToString("[.]");
        assertThat(TcpFlags.FIN_ACK).hasToString("[F.]");
        assertThat(TcpFlags.RST).hasToString("[R]");
        assertThat(TcpFlags.NONE).hasToString("[none]");
        assertThat(new TcpFlags(TcpFlags.SYN_BIT | TcpFlags.ECE_BIT | TcpFlags.CWR_BIT))
                .hasToString("[SEW]");
        assertThat(new TcpFlags(TcpFlags.URG_BIT | TcpFlags.ACK_BIT | TcpFlags.AE_BIT))
                .hasToString("[.Ue]");
        assertThat(TcpFlags.ACK.with(TcpFlags.PSH_BIT)).isEqualTo(TcpFlags.PSH_ACK);
        assertThat(TcpFlags.PSH_ACK.without(TcpFlags.PSH_BIT)).isEqualTo(TcpFlags.ACK);
        assertThat(TcpFlags.SYN_ACK.has(TcpFlags.SYN_BIT | TcpFlags.ACK_BIT)).isTrue();
        assertThatThrownBy(() -> new TcpFlags(0x1000)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrip(@ForAll("headers") TcpHeader h, @ForAll("payloads") byte[] payload) {
        ByteBuffer bytes = Packets.build(payload, h);
        TcpSegment s = TcpSegment.parse(bytes, h.pseudoHeader()).orThrow();
        assertThat(s.toHeader(h.pseudoHeader())).isEqualTo(h);
        assertThat(s.headerLength()).isEqualTo(h.length());
        assertThat(Packets.bytes(s.payload())).isEqualTo(payload);
        assertThat(Packets.build(payload, s.toHeader(h.pseudoHeader()))).isEqualTo(bytes);
    }

    @Property
    void fastOptionAccessorsAgreeWithTheList(@ForAll("headers") TcpHeader h) {
        TcpSegment s = TcpSegment.parse(Packets.build(new byte[0], h)).orThrow();
        List<TcpOption> opts = s.options();
        assertThat(s.mssOption())
                .isEqualTo(
                        first(opts, TcpOption.Mss.class).map(TcpOption.Mss::mss).orElse(-1));
        assertThat(s.windowScaleOption())
                .isEqualTo(first(opts, TcpOption.WindowScale.class)
                        .map(TcpOption.WindowScale::shift)
                        .orElse(-1));
        assertThat(s.sackPermittedOption()).isEqualTo(opts.contains(TcpOption.SACK_PERMITTED));
        var ts = first(opts, TcpOption.Timestamps.class);
        assertThat(s.hasTimestamps()).isEqualTo(ts.isPresent());
        assertThat(s.timestampValue())
                .isEqualTo(ts.map(TcpOption.Timestamps::value).orElse(0));
        assertThat(s.timestampEchoReply())
                .isEqualTo(ts.map(TcpOption.Timestamps::echoReply).orElse(0));
        var sack = first(opts, TcpOption.Sack.class);
        assertThat(s.sackBlockCount())
                .isEqualTo(sack.map(x -> x.blocks().size()).orElse(0));
        for (int i = 0; i < s.sackBlockCount(); i++) {
            assertThat(s.sackBlockLeft(i))
                    .isEqualTo(sack.orElseThrow().blocks().get(i).left());
            assertThat(s.sackBlockRight(i))
                    .isEqualTo(sack.orElseThrow().blocks().get(i).right());
        }
    }

    private static <T extends TcpOption> java.util.Optional<T> first(List<TcpOption> opts, Class<T> type) {
        return opts.stream().filter(type::isInstance).map(type::cast).findFirst();
    }

    /** A 20-octet ACK header followed by {@code hex} as its options area (data offset set to match). */
    static ByteBuffer withOptions(String hex) {
        ByteBuffer area = Packets.hex(hex);
        ByteBuffer b = ByteBuffer.allocate(20 + area.limit());
        b.put(20, area, 0, area.limit());
        b.put(12, (byte) (((20 + area.limit()) / 4) << 4));
        b.put(13, (byte) TcpFlags.ACK_BIT);
        return b;
    }

    @Provide
    Arbitrary<TcpHeader> headers() {
        return WireArbitraries.tcpHeader();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return WireArbitraries.payload(100);
    }
}
