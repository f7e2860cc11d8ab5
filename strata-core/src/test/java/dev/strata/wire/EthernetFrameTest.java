package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class EthernetFrameTest {

    /** An ARP request in a broadcast frame, produced by scapy 2.5.0 (src/test/resources/.../scapy-vectors.py). */
    static final String ARP_FRAME =
            "ffffffffffff020000000001080600010800060400010200000000" + "01c0000201000000000000c0000202";

    /** An 802.1Q-tagged (PCP 5, DEI 1, VID 100) ICMP echo request, produced by scapy 2.5.0. */
    static final String VLAN_FRAME =
            "0200000000020200000000018100b06408004500001c000700004001f6d6c0000201c00002020800" + "f7fd00010001";

    @Test
    void parsesAnUntaggedFrame() {
        EthernetFrame f = EthernetFrame.parse(Packets.hex(ARP_FRAME)).orThrow();
        assertThat(f.destination()).isEqualTo(MacAddr.BROADCAST);
        assertThat(f.source()).isEqualTo(MacAddr.parse("02:00:00:00:00:01"));
        assertThat(f.hasVlanTag()).isFalse();
        assertThat(f.vlanTag()).isNull();
        assertThat(f.etherType()).isSameAs(EtherType.ARP);
        assertThat(f.headerLength()).isEqualTo(14);
        assertThat(f.payloadLength()).isEqualTo(28);
        assertThat(f.length()).isEqualTo(42);
        assertThat(f.toHeader()).isEqualTo(new EthernetHeader(MacAddr.BROADCAST, f.source(), EtherType.ARP));
    }

    @Test
    void parsesATaggedFrameAndRebuildsIt() {
        ByteBuffer bytes = Packets.hex(VLAN_FRAME);
        EthernetFrame f = EthernetFrame.parse(bytes).orThrow();
        assertThat(f.hasVlanTag()).isTrue();
        assertThat(f.vlanTag()).isEqualTo(new EthernetHeader.VlanTag(5, true, 100));
        assertThat(f.vlanTag().tci()).isEqualTo(0xB064);
        assertThat(f.etherType()).isSameAs(EtherType.IPV4);
        assertThat(f.headerLength()).isEqualTo(18);
        assertThat(Ipv4Packet.parse(f.payload()).orThrow().protocol()).isEqualTo(IpProtocol.ICMP);
        ByteBuffer rebuilt = Packets.build(Packets.bytes(f.payload()), f.toHeader());
        assertThat(rebuilt).isEqualTo(bytes);
    }

    @Test
    void everyTruncationIsTruncated() {
        for (String hex : new String[] {ARP_FRAME, VLAN_FRAME}) {
            ByteBuffer whole = Packets.hex(hex);
            int header = EthernetFrame.parse(whole).orThrow().headerLength();
            for (int len = 0; len < header; len++) {
                Parsed<EthernetFrame> p = EthernetFrame.parse(Packets.prefix(whole, len));
                assertThat(p).as("length %d", len).isInstanceOf(Parsed.Malformed.class);
                assertThat(((Parsed.Malformed<EthernetFrame>) p).error()).isEqualTo(ParseError.TRUNCATED);
            }
            assertThat(EthernetFrame.parse(Packets.prefix(whole, header))
                            .orThrow()
                            .payloadLength())
                    .isZero();
        }
    }

    @Test
    void parsesAtTheBufferPosition() {
        ByteBuffer buf = ByteBuffer.allocate(100);
        ByteBuffer frame = Packets.hex(ARP_FRAME);
        buf.put(30, frame, 0, frame.limit()).position(30).limit(30 + frame.limit());
        EthernetFrame f = EthernetFrame.parse(buf).orThrow();
        assertThat(f.offset()).isEqualTo(30);
        assertThat(f.payloadOffset()).isEqualTo(44);
        assertThat(ArpPacket.parse(f.payload()).orThrow().targetProtocolAddress())
                .isEqualTo(Ip4.parse("192.0.2.2"));
    }

    @Test
    void etherTypesShareConstantsAndKeepUnknowns() {
        assertThat(EtherType.of(0x0800)).isSameAs(EtherType.IPV4);
        assertThat(EtherType.of(0x86DD)).hasToString("IPv6");
        assertThat(EtherType.of(0x88B5)).isEqualTo(new EtherType(0x88B5)).hasToString("0x88b5");
    }

    @Property
    void roundTrip(@ForAll("headers") EthernetHeader header, @ForAll("payloads") byte[] payload) {
        ByteBuffer bytes = Packets.build(payload, header);
        EthernetFrame f = EthernetFrame.parse(bytes).orThrow();
        assertThat(f.toHeader()).isEqualTo(header);
        assertThat(f.destinationBits()).isEqualTo(header.destination().bits());
        assertThat(f.sourceBits()).isEqualTo(header.source().bits());
        assertThat(Packets.bytes(f.payload())).isEqualTo(payload);
        assertThat(Packets.build(payload, f.toHeader())).isEqualTo(bytes);
    }

    @Property
    void vlanTagTciRoundTrip(@ForAll("tags") EthernetHeader.VlanTag tag) {
        assertThat(EthernetHeader.VlanTag.ofTci(tag.tci())).isEqualTo(tag);
    }

    @Provide
    Arbitrary<EthernetHeader> headers() {
        return WireArbitraries.ethernetHeader();
    }

    @Provide
    Arbitrary<EthernetHeader.VlanTag> tags() {
        return WireArbitraries.vlanTag();
    }

    @Provide
    Arbitrary<byte[]> payloads() {
        return WireArbitraries.payload(64);
    }
}
