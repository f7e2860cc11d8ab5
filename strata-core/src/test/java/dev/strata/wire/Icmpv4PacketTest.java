package dev.strata.wire;

import static dev.strata.wire.ArpPacketTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class Icmpv4PacketTest {

    /** The echo request inside {@link Ipv4PacketTest#ICMP_DATAGRAM} (scapy 2.5.0): id 0x1234, seq 1, 16 octets. */
    static final String ECHO_REQUEST = "0800ad8a12340001000102030405060708090a0b0c0d0e0f";

    @Test
    void parsesTheKnownEchoRequest() {
        ByteBuffer bytes = Packets.hex(ECHO_REQUEST);
        Icmpv4Packet p = Icmpv4Packet.parse(bytes).orThrow();
        assertThat(p.type()).isSameAs(Icmpv4Type.ECHO_REQUEST);
        assertThat(p.code()).isSameAs(Icmpv4Code.ECHO_REQUEST);
        assertThat(p.checksum()).isEqualTo(0xad8a);
        assertThat(p.identifier()).isEqualTo(0x1234);
        assertThat(p.sequence()).isEqualTo(1);
        assertThat(p.isError()).isFalse();
        assertThat(p.payloadLength()).isEqualTo(16);
        assertThat(p.payload().get(15)).isEqualTo((byte) 15);
        assertThat(p.toHeader()).isEqualTo(new Icmpv4Message.EchoRequest(0x1234, 1));
        assertThat(Packets.build(Packets.bytes(p.payload()), p.toHeader())).isEqualTo(bytes);
        assertThat(error(p.quote())).isEqualTo(ParseError.UNSUPPORTED);
    }

    @Test
    void theReplyEchoesIdentifierSequenceAndData() {
        Icmpv4Packet request = Icmpv4Packet.parse(Packets.hex(ECHO_REQUEST)).orThrow();
        Icmpv4Message.EchoRequest header = (Icmpv4Message.EchoRequest) request.toHeader();
        ByteBuffer reply = Packets.build(Packets.bytes(request.payload()), header.reply());
        // Only the type octet and the checksum change: 0x0800 less in the sum, so the checksum grows by 0x0800.
        assertThat(Packets.toHex(reply)).isEqualTo("0000b58a12340001000102030405060708090a0b0c0d0e0f");
        Icmpv4Packet p = Icmpv4Packet.parse(reply).orThrow();
        assertThat(p.type()).isSameAs(Icmpv4Type.ECHO_REPLY);
        assertThat(p.toHeader()).isEqualTo(new Icmpv4Message.EchoReply(0x1234, 1));
    }

    @Test
    void everyTruncationGivesTheRightError() {
        ByteBuffer whole = Packets.hex(ECHO_REQUEST);
        for (int len = 0; len < whole.limit(); len++) {
            ParseError expected = len < 8 ? ParseError.TRUNCATED : ParseError.BAD_CHECKSUM;
            assertThat(error(Icmpv4Packet.parse(Packets.prefix(whole, len))))
                    .as("length %d", len)
                    .isEqualTo(expected);
            if (len >= 8) {
                assertThat(Icmpv4Packet.parse(Packets.prefix(whole, len), ChecksumPolicy.SKIP)
                                .orThrow()
                                .checksumValid())
                        .isFalse();
            }
        }
    }

    @Test
    void fragmentationNeededCarriesTheNextHopMtu() {
        ByteBuffer b = Packets.build(new byte[28], Icmpv4Message.DestinationUnreachable.fragmentationNeeded(1400));
        assertThat(Packets.toHex(Packets.prefix(b, 8)).substring(0, 4)).isEqualTo("0304");
        assertThat(b.getInt(4)).isEqualTo(1400); // RFC 1191 §4: unused high half, MTU in the low half
        Icmpv4Packet p = Icmpv4Packet.parse(b).orThrow();
        assertThat(p.code()).isSameAs(Icmpv4Code.FRAGMENTATION_NEEDED);
        assertThat(p.nextHopMtu()).isEqualTo(1400);
        assertThat(p.toHeader()).isEqualTo(Icmpv4Message.DestinationUnreachable.fragmentationNeeded(1400));
        assertThatThrownBy(() -> new Icmpv4Message.DestinationUnreachable(Icmpv4Code.PORT_UNREACHABLE, 1400))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specificRecordsOnlyWhenTheBytesFitThem() {
        // An unused field that is not zero stays visible: the general record keeps it.
        assertThat(Icmpv4Message.of(3, 3, 7))
                .isEqualTo(new Icmpv4Message.Other(Icmpv4Type.DESTINATION_UNREACHABLE, Icmpv4Code.PORT_UNREACHABLE, 7));
        assertThat(Icmpv4Message.of(3, 3, 0))
                .isEqualTo(Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.PORT_UNREACHABLE));
        assertThat(Icmpv4Message.of(11, 0, 0)).isEqualTo(Icmpv4Message.TimeExceeded.IN_TRANSIT);
        assertThat(Icmpv4Message.of(11, 1, 0)).isEqualTo(Icmpv4Message.TimeExceeded.REASSEMBLY);
        assertThat(Icmpv4Message.of(12, 0, 0x1400_0000)).isEqualTo(new Icmpv4Message.ParameterProblem(20));
        assertThat(Icmpv4Message.of(8, 1, 0)).isInstanceOf(Icmpv4Message.Other.class);
        assertThat(Icmpv4Message.of(13, 0, 5).type()).isSameAs(Icmpv4Type.TIMESTAMP);
    }

    @Test
    void typesAndCodesHaveNamesAndKeepUnknowns() {
        assertThat(Icmpv4Type.of(3)).isSameAs(Icmpv4Type.DESTINATION_UNREACHABLE);
        assertThat(Icmpv4Type.of(3).isError()).isTrue();
        assertThat(Icmpv4Type.of(8).isError()).isFalse();
        assertThat(Icmpv4Type.of(42)).hasToString("type 42").isEqualTo(new Icmpv4Type(42));
        assertThat(Icmpv4Code.of(Icmpv4Type.DESTINATION_UNREACHABLE, 3)).isSameAs(Icmpv4Code.PORT_UNREACHABLE);
        assertThat(Icmpv4Code.PORT_UNREACHABLE).hasToString("port unreachable");
        assertThat(Icmpv4Code.NET_UNREACHABLE).hasToString("net unreachable");
        assertThat(Icmpv4Code.HOST_UNREACHABLE.value()).isEqualTo(1);
        assertThat(Icmpv4Code.PROTOCOL_UNREACHABLE.value()).isEqualTo(2);
        assertThat(Icmpv4Code.of(Icmpv4Type.TIME_EXCEEDED, 0)).isSameAs(Icmpv4Code.TTL_EXCEEDED);
        assertThat(Icmpv4Code.REASSEMBLY_TIME_EXCEEDED).hasToString("fragment reassembly time exceeded");
        assertThat(Icmpv4Code.of(Icmpv4Type.DESTINATION_UNREACHABLE, 99)).hasToString("code 99");
    }

    @Property
    void roundTrip(@ForAll("messages") Icmpv4Message m, @ForAll("payloads") byte[] body) {
        ByteBuffer bytes = Packets.build(body, m);
        Icmpv4Packet p = Icmpv4Packet.parse(bytes).orThrow();
        assertThat(p.toHeader()).isEqualTo(m);
        assertThat(p.typeValue()).isEqualTo(m.type().value());
        assertThat(p.codeValue()).isEqualTo(m.code().value());
        assertThat(p.restOfHeader()).isEqualTo(m.restOfHeader());
        assertThat(Packets.bytes(p.payload())).isEqualTo(body);
        assertThat(Packets.build(body, p.toHeader())).isEqualTo(bytes);
    }

    @Property
    void anyFlippedBitFailsTheChecksum(@ForAll("messages") Icmpv4Message m, @ForAll("payloads") byte[] body) {
        ByteBuffer bytes = Packets.build(body, m);
        for (int bit = 0; bit < bytes.limit() * 8; bit += 7) {
            ByteBuffer copy = ByteBuffer.wrap(Packets.bytes(bytes));
            copy.put(bit / 8, (byte) (copy.get(bit / 8) ^ (1 << (bit % 8))));
            assertThat(error(Icmpv4Packet.parse(copy))).isEqualTo(ParseError.BAD_CHECKSUM);
        }
    }

    @Provide
    Arbitrary<Icmpv4Message> messages() {
        return WireArbitraries.icmpv4Message();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return WireArbitraries.payload(64);
    }
}
