package dev.strata.wire;

import static dev.strata.wire.ArpPacketTest.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class Icmpv4ErrorsTest {

    static final Ip4 HOST = Ip4.parse("192.0.2.1");
    static final Ip4 SERVER = Ip4.parse("198.51.100.7");
    static final Ip4 ROUTER = Ip4.parse("192.0.2.254");

    /** A UDP datagram 192.0.2.1:40000 > 198.51.100.7:53 carrying "strata udp", produced by scapy 2.5.0. */
    static final String UDP_DATAGRAM = "45000026beef00004011cf9bc0000201c63364079c400035001297fb73747261746120756470";

    @Test
    void timeExceededQuotesHeaderAndEightOctets() {
        Ipv4Packet offending = Ipv4Packet.parse(Packets.hex(UDP_DATAGRAM)).orThrow();
        assertThat(Icmpv4Errors.mayReplyWithError(offending, false)).isTrue();

        int headroom = EthernetFrame.HEADER_LENGTH + Ipv4Packet.MIN_HEADER_LENGTH;
        ByteBuffer buf = Icmpv4Errors.build(
                Icmpv4Message.TimeExceeded.IN_TRANSIT, offending, Icmpv4Errors.QuoteLength.HEADER_PLUS_8, headroom);
        assertThat(buf.position()).isEqualTo(headroom);
        assertThat(buf.remaining()).isEqualTo(8 + 28);
        // The quote is the received header (TTL 64 as received) and the UDP header: ports, length, checksum.
        assertThat(Packets.toHex(buf).substring(16)).isEqualTo(UDP_DATAGRAM.substring(0, 56));

        Ipv4Header.of(ROUTER, HOST, IpProtocol.ICMP, 64, 0).prepend(buf);
        Ipv4Packet ip = Ipv4Packet.parse(buf.slice()).orThrow();
        Icmpv4Packet icmp = Icmpv4Packet.parse(ip.payload()).orThrow();
        assertThat(icmp.toHeader()).isEqualTo(Icmpv4Message.TimeExceeded.IN_TRANSIT);

        Ipv4Quote q = icmp.quote().orThrow();
        assertThat(q.source()).isEqualTo(HOST);
        assertThat(q.destination()).isEqualTo(SERVER);
        assertThat(q.protocol()).isSameAs(IpProtocol.UDP);
        assertThat(q.identification()).isEqualTo(0xbeef);
        assertThat(q.totalLength()).isEqualTo(38);
        assertThat(q.ttl()).isEqualTo(64);
        assertThat(q.payloadLength()).isEqualTo(8);
        assertThat(q.hasPorts()).isTrue();
        assertThat(q.sourcePort()).isEqualTo(40000);
        assertThat(q.destinationPort()).isEqualTo(53);
        assertThat(q.hasFirstEightOctets()).isTrue();
        assertThat(q.secondWord()).isEqualTo(0x001297fb); // UDP length 18, checksum 0x97fb
        assertThat(q).hasToString("quoted IPv4 192.0.2.1 > 198.51.100.7 UDP ports 40000 > 53");
    }

    @Test
    void routersMayQuoteUpTo576Octets() {
        Ipv4Packet small = Ipv4Packet.parse(Packets.hex(UDP_DATAGRAM)).orThrow();
        assertThat(Icmpv4Errors.quoteLength(small, Icmpv4Errors.QuoteLength.UP_TO_576))
                .isEqualTo(38);

        ByteBuffer bigBytes = Packets.build(
                new byte[1000], Ipv4Header.of(HOST, SERVER, IpProtocol.UDP, 1, 9), UdpHeader.of(1, 2, HOST, SERVER));
        Ipv4Packet big = Ipv4Packet.parse(bigBytes).orThrow();
        assertThat(Icmpv4Errors.quoteLength(big, Icmpv4Errors.QuoteLength.HEADER_PLUS_8))
                .isEqualTo(28);
        ByteBuffer err = Icmpv4Errors.build(
                Icmpv4Message.DestinationUnreachable.fragmentationNeeded(576),
                big,
                Icmpv4Errors.QuoteLength.UP_TO_576,
                20);
        Ipv4Header.of(ROUTER, HOST, IpProtocol.ICMP, 64, 0).prepend(err);
        assertThat(err.remaining()).isEqualTo(Icmpv4Errors.MAX_ERROR_DATAGRAM);
        Icmpv4Packet icmp =
                Icmpv4Packet.parse(Ipv4Packet.parse(err).orThrow().payload()).orThrow();
        assertThat(icmp.nextHopMtu()).isEqualTo(576);
        Ipv4Quote q = icmp.quote().orThrow();
        assertThat(q.payloadLength()).isEqualTo(548 - 20);
        assertThat(q.totalLength()).isEqualTo(1028);
    }

    @Test
    void quotesTheOptionsOfTheOffendingHeader() {
        Ipv4Header h = Ipv4Header.of(HOST, SERVER, IpProtocol.TCP, 1, 3)
                .withOptions(Ipv4Options.of(List.of(new Ipv4Option.Other(148, new byte[2]))));
        Ipv4Packet offending = Ipv4Packet.parse(Packets.build(new byte[30], h)).orThrow();
        ByteBuffer err = Icmpv4Errors.build(
                Icmpv4Message.TimeExceeded.IN_TRANSIT, offending, Icmpv4Errors.QuoteLength.HEADER_PLUS_8, 0);
        Ipv4Quote q = Icmpv4Packet.parse(err).orThrow().quote().orThrow();
        assertThat(q.headerLength()).isEqualTo(24);
        assertThat(q.payloadLength()).isEqualTo(8);
    }

    @Test
    void onlyErrorsCanBeBuilt() {
        Ipv4Packet offending = Ipv4Packet.parse(Packets.hex(UDP_DATAGRAM)).orThrow();
        assertThatThrownBy(() -> Icmpv4Errors.build(
                        new Icmpv4Message.EchoReply(1, 1), offending, Icmpv4Errors.QuoteLength.HEADER_PLUS_8, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quotesShorterThanEightOctetsAreReadWithoutFailing() {
        // A UDP datagram with a 2-octet payload: the quote has 10 octets after the header, capped to its length.
        Ipv4Packet tiny = Ipv4Packet.parse(
                        Packets.build(new byte[2], Ipv4Header.of(HOST, SERVER, IpProtocol.UDP, 1, 0)))
                .orThrow();
        ByteBuffer err = Icmpv4Errors.build(
                Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.PORT_UNREACHABLE),
                tiny,
                Icmpv4Errors.QuoteLength.HEADER_PLUS_8,
                0);
        Ipv4Quote q = Icmpv4Packet.parse(err).orThrow().quote().orThrow();
        assertThat(q.payloadLength()).isEqualTo(2);
        assertThat(q.hasPorts()).isFalse();
        assertThat(q.sourcePort()).isEqualTo(-1);
        assertThat(q.destinationPort()).isEqualTo(-1);
        assertThat(q.secondWord()).isZero();
    }

    @Test
    void quoteParsingNeedsOnlyACompleteHeader() {
        ByteBuffer quote = Packets.hex(UDP_DATAGRAM.substring(0, 56));
        for (int len = 0; len < 20; len++) {
            assertThat(error(Ipv4Quote.parse(Packets.prefix(quote, len)))).isEqualTo(ParseError.TRUNCATED);
        }
        for (int len = 20; len <= 28; len++) {
            assertThat(Ipv4Quote.parse(Packets.prefix(quote, len)).orThrow().payloadLength())
                    .isEqualTo(len - 20);
        }
        ByteBuffer v6 = Packets.hex("6" + UDP_DATAGRAM.substring(1, 56));
        assertThat(error(Ipv4Quote.parse(v6))).isEqualTo(ParseError.BAD_VERSION);
        ByteBuffer longHeader = Packets.hex("46" + UDP_DATAGRAM.substring(2, 44)); // IHL 6 in 22 octets
        assertThat(error(Ipv4Quote.parse(longHeader))).isEqualTo(ParseError.BAD_HEADER_LENGTH);
    }

    @Test
    void noErrorAboutAnIcmpError() {
        Ipv4Packet offending = Ipv4Packet.parse(Packets.hex(UDP_DATAGRAM)).orThrow();
        ByteBuffer err = Icmpv4Errors.build(
                Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.PORT_UNREACHABLE),
                offending,
                Icmpv4Errors.QuoteLength.HEADER_PLUS_8,
                20);
        Ipv4Header.of(SERVER, HOST, IpProtocol.ICMP, 64, 0).prepend(err);
        assertThat(Icmpv4Errors.mayReplyWithError(Ipv4Packet.parse(err).orThrow(), false))
                .isFalse();
        // ... but an echo request may get one.
        ByteBuffer echo = Packets.hex(Ipv4PacketTest.ICMP_DATAGRAM);
        assertThat(Icmpv4Errors.mayReplyWithError(Ipv4Packet.parse(echo).orThrow(), false))
                .isTrue();
        // ... and so may an unknown query type <= 18, but not one above (as Linux).
        assertThat(Icmpv4Errors.mayReplyWithError(icmpOfType(17), false)).isTrue();
        assertThat(Icmpv4Errors.mayReplyWithError(icmpOfType(42), false)).isFalse();
    }

    @Test
    void noErrorAboutNonInitialFragmentsBroadcastsOrBadSources() {
        assertThat(mayReply(Ipv4Header.of(HOST, SERVER, IpProtocol.UDP, 1, 0).withFragment(true, 0), false))
                .isTrue();
        assertThat(mayReply(Ipv4Header.of(HOST, SERVER, IpProtocol.UDP, 1, 0).withFragment(false, 185), false))
                .isFalse();
        assertThat(mayReply(Ipv4Header.of(HOST, SERVER, IpProtocol.UDP, 1, 0), true))
                .isFalse();
        for (String dst : new String[] {"255.255.255.255", "224.0.0.251"}) {
            assertThat(mayReply(Ipv4Header.of(HOST, Ip4.parse(dst), IpProtocol.UDP, 1, 0), false))
                    .as(dst)
                    .isFalse();
        }
        for (String src : new String[] {"0.0.0.0", "127.0.0.1", "255.255.255.255", "224.0.0.5", "240.0.0.1"}) {
            assertThat(mayReply(Ipv4Header.of(Ip4.parse(src), SERVER, IpProtocol.UDP, 1, 0), false))
                    .as(src)
                    .isFalse();
        }
        Ip4Interface lan = Ip4Interface.parse("192.0.2.254/24");
        Ipv4Packet directed = Ipv4Packet.parse(
                        Packets.build(new byte[8], Ipv4Header.of(HOST, Ip4.parse("192.0.2.255"), IpProtocol.UDP, 1, 0)))
                .orThrow();
        assertThat(Icmpv4Errors.mayReplyWithError(directed, false)).isTrue(); // cannot know without the interface
        assertThat(Icmpv4Errors.mayReplyWithError(directed, false, lan)).isFalse();
        Ipv4Packet ordinary = Ipv4Packet.parse(Packets.hex(UDP_DATAGRAM)).orThrow();
        assertThat(Icmpv4Errors.mayReplyWithError(ordinary, false, lan)).isTrue();
    }

    private static boolean mayReply(Ipv4Header h, boolean linkBroadcast) {
        return Icmpv4Errors.mayReplyWithError(
                Ipv4Packet.parse(Packets.build(new byte[8], h)).orThrow(), linkBroadcast);
    }

    private static Ipv4Packet icmpOfType(int type) {
        Icmpv4Message m = Icmpv4Message.of(type, 0, 0);
        return Ipv4Packet.parse(Packets.build(new byte[0], Ipv4Header.of(HOST, SERVER, IpProtocol.ICMP, 64, 0), m))
                .orThrow();
    }
}
