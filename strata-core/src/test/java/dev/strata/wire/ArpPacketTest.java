package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import org.junit.jupiter.api.Test;

class ArpPacketTest {

    static final MacAddr MAC1 = MacAddr.parse("02:00:00:00:00:01");
    static final MacAddr MAC2 = MacAddr.parse("02:00:00:00:00:02");
    static final Ip4 IP1 = Ip4.parse("192.0.2.1");
    static final Ip4 IP2 = Ip4.parse("192.0.2.2");

    /** The ARP request of {@link EthernetFrameTest#ARP_FRAME}, from scapy 2.5.0. */
    static final String REQUEST = "0001080006040001020000000001c0000201000000000000c0000202";

    @Test
    void parsesARequest() {
        ArpPacket a = ArpPacket.parse(Packets.hex(REQUEST)).orThrow();
        assertThat(a.operation()).isSameAs(ArpOp.REQUEST);
        assertThat(a.senderHardwareAddress()).isEqualTo(MAC1);
        assertThat(a.senderProtocolAddress()).isEqualTo(IP1);
        assertThat(a.targetHardwareAddress()).isEqualTo(MacAddr.ZERO);
        assertThat(a.targetProtocolAddress()).isEqualTo(IP2);
        assertThat(a.isGratuitous()).isFalse();
        assertThat(a.toHeader()).isEqualTo(ArpHeader.request(MAC1, IP1, IP2));
        assertThat(a).hasToString("ARP who-has 192.0.2.2 tell 192.0.2.1 (02:00:00:00:00:01)");
    }

    @Test
    void buildsTheKnownRequestAndItsReply() {
        assertThat(Packets.toHex(Packets.build(new byte[0], ArpHeader.request(MAC1, IP1, IP2))))
                .isEqualTo(REQUEST);
        ArpPacket request = ArpPacket.parse(Packets.hex(REQUEST)).orThrow();
        ArpHeader reply = ArpHeader.replyTo(request, MAC2);
        assertThat(reply).isEqualTo(new ArpHeader(ArpOp.REPLY, MAC2, IP2, MAC1, IP1));
        assertThat(Packets.toHex(Packets.build(new byte[0], reply)))
                .isEqualTo("0001080006040002020000000002c0000202020000000001c0000201");
        assertThat(ArpHeader.announcement(MAC1, IP1).toString()).contains("who-has 192.0.2.1 tell 192.0.2.1");
    }

    @Test
    void allowsEthernetPadding() {
        // A 42-octet ARP frame is padded to 60: 18 octets of zeros follow the 28 of ARP.
        ByteBuffer padded = ByteBuffer.allocate(46);
        padded.put(0, Packets.hex(REQUEST), 0, 28);
        ArpPacket a = ArpPacket.parse(padded).orThrow();
        assertThat(a.length()).isEqualTo(28);
        assertThat(a.targetProtocolAddress()).isEqualTo(IP2);
    }

    @Test
    void everyTruncationIsTruncated() {
        ByteBuffer whole = Packets.hex(REQUEST);
        for (int len = 0; len < ArpPacket.LENGTH; len++) {
            assertThat(error(ArpPacket.parse(Packets.prefix(whole, len))))
                    .as("length %d", len)
                    .isEqualTo(ParseError.TRUNCATED);
        }
    }

    @Test
    void rejectsOtherHardwareOrProtocols() {
        // hrd, pro, hln, pln in turn: IEEE 802 (6), IPv6, 8-octet hardware, 16-octet protocol addresses.
        String[] heads = {"0006080006040001", "000186dd06040001", "0001080008040001", "0001080006100001"};
        for (String head : heads) {
            ByteBuffer b = Packets.hex(head + REQUEST.substring(16));
            assertThat(error(ArpPacket.parse(b))).as(head).isEqualTo(ParseError.UNSUPPORTED);
            // The kind is known from the first 8 octets, so a short packet of the wrong kind is unsupported too.
            assertThat(error(ArpPacket.parse(Packets.prefix(b, 8)))).isEqualTo(ParseError.UNSUPPORTED);
        }
    }

    @Test
    void keepsUnknownOpcodes() {
        ArpHeader h = new ArpHeader(ArpOp.of(9), MAC1, IP1, MAC2, IP2);
        ArpPacket a = ArpPacket.parse(Packets.build(new byte[0], h)).orThrow();
        assertThat(a.operationValue()).isEqualTo(9);
        assertThat(a.toHeader()).isEqualTo(h);
    }

    @Property
    @Domain(WireArbitraries.class)
    void roundTrip(@ForAll ArpHeader header) {
        ByteBuffer bytes = Packets.build(new byte[0], header);
        ArpPacket a = ArpPacket.parse(bytes).orThrow();
        assertThat(a.toHeader()).isEqualTo(header);
        assertThat(Packets.build(new byte[0], a.toHeader())).isEqualTo(bytes);
    }

    static <T> ParseError error(Parsed<T> p) {
        return p instanceof Parsed.Malformed<T> m ? m.error() : null;
    }
}
