package dev.strata.wire;

import static dev.strata.wire.ArpPacketTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class UdpDatagramTest {

    static final Ip4 SRC = Ip4.parse("192.0.2.1");
    static final Ip4 DST = Ip4.parse("198.51.100.7");
    static final PseudoHeader PH = new Ipv4PseudoHeader(SRC, DST);

    /** 192.0.2.1:40000 > 198.51.100.7:53, "strata udp", checksum 0x97fb: scapy 2.5.0 (see scapy-vectors.py). */
    static final String KNOWN = "9c400035001297fb73747261746120756470";

    @Test
    void parsesAndVerifiesTheKnownDatagram() {
        ByteBuffer bytes = Packets.hex(KNOWN);
        UdpDatagram u = UdpDatagram.parse(bytes, PH).orThrow();
        assertThat(u.sourcePort()).isEqualTo(40000);
        assertThat(u.destinationPort()).isEqualTo(53);
        assertThat(u.length()).isEqualTo(18);
        assertThat(u.checksum()).isEqualTo(0x97fb);
        assertThat(u.hasChecksum()).isTrue();
        assertThat(u.checksumValid(SRC.bits(), DST.bits())).isTrue();
        assertThat(StandardCharsets.US_ASCII.decode(u.payload()).toString()).isEqualTo("strata udp");
        assertThat(u.toHeader(PH)).isEqualTo(UdpHeader.of(40000, 53, SRC, DST));
        assertThat(Packets.build(Packets.bytes(u.payload()), u.toHeader(PH))).isEqualTo(bytes);
    }

    @Test
    void wrongAddressesFailTheChecksum() {
        PseudoHeader other = new Ipv4PseudoHeader(SRC, Ip4.parse("198.51.100.8"));
        assertThat(error(UdpDatagram.parse(Packets.hex(KNOWN), other))).isEqualTo(ParseError.BAD_CHECKSUM);
        assertThat(UdpDatagram.parse(Packets.hex(KNOWN)).orThrow().checksumValid(other))
                .isFalse();
    }

    @Test
    void zeroChecksumMeansNone() {
        ByteBuffer b = Packets.build("x".getBytes(StandardCharsets.US_ASCII), new UdpHeader(7, 9, null));
        assertThat(b.getShort(6)).isZero();
        UdpDatagram u = UdpDatagram.parse(b, PH).orThrow();
        assertThat(u.hasChecksum()).isFalse();
        assertThat(u.checksumValid(0, 0)).isTrue();
        assertThat(u.toHeader(PH).pseudoHeader()).isNull();
        assertThat(Packets.build(new byte[] {'x'}, u.toHeader(PH))).isEqualTo(b);
    }

    @Test
    void aComputedZeroIsSentAsAllOnes() {
        // Choose two payload octets equal to the checksum of a zero payload: the sum becomes 0xFFFF, so the
        // computed checksum is 0x0000 and RFC 768 sends it as 0xFFFF.
        ByteBuffer probe = Packets.build(new byte[2], new UdpHeader(1000, 2000, PH));
        int c = probe.getShort(6) & 0xFFFF;
        byte[] payload = {(byte) (c >>> 8), (byte) c};
        ByteBuffer b = Packets.build(payload, new UdpHeader(1000, 2000, PH));
        assertThat(b.getShort(6) & 0xFFFF).isEqualTo(0xFFFF);
        assertThat(UdpDatagram.parse(b, PH).isOk()).isTrue();
    }

    @Test
    void checksLengthField() {
        ByteBuffer whole = Packets.hex(KNOWN);
        for (int len = 0; len < whole.limit(); len++) {
            ParseError expected = len < 8 ? ParseError.TRUNCATED : ParseError.BAD_LENGTH;
            assertThat(error(UdpDatagram.parse(Packets.prefix(whole, len))))
                    .as("length %d", len)
                    .isEqualTo(expected);
        }
        ByteBuffer b = Packets.hex(KNOWN);
        b.putShort(4, (short) 7);
        assertThat(error(UdpDatagram.parse(b))).isEqualTo(ParseError.BAD_LENGTH);
    }

    @Test
    void bytesAfterTheLengthAreNotTheDatagrams() {
        ByteBuffer b = ByteBuffer.allocate(22);
        b.put(0, Packets.hex(KNOWN), 0, 18);
        UdpDatagram u = UdpDatagram.parse(b, PH).orThrow();
        assertThat(u.payloadLength()).isEqualTo(10);
        assertThat(u.payload().limit()).isEqualTo(10);
    }

    @Test
    void rejectsBadPortsAndLengths() {
        assertThatThrownBy(() -> new UdpHeader(65536, 1, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Packets.build(new byte[65528], new UdpHeader(1, 2, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void roundTrip(@ForAll("headers") UdpHeader h, @ForAll("payloads") byte[] payload) {
        ByteBuffer bytes = Packets.build(payload, h);
        PseudoHeader ph = h.pseudoHeader() != null ? h.pseudoHeader() : PH;
        UdpDatagram u = UdpDatagram.parse(bytes, ph).orThrow();
        assertThat(u.toHeader(ph)).isEqualTo(h);
        assertThat(u.hasChecksum()).isEqualTo(h.pseudoHeader() != null);
        assertThat(Packets.bytes(u.payload())).isEqualTo(payload);
        assertThat(Packets.build(payload, u.toHeader(ph))).isEqualTo(bytes);
    }

    @Provide
    Arbitrary<UdpHeader> headers() {
        return WireArbitraries.udpHeader();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return WireArbitraries.payload(100);
    }
}
