package dev.strata.wire;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.domains.DomainContextBase;

/**
 * jqwik generators for Strata's wire values and header records, for any test that needs them.
 *
 * <p>Use the static methods ({@code @Provide Arbitrary<Ip4> a() { return WireArbitraries.ip4(); }}), or annotate a
 * property with {@code @Domain(WireArbitraries.class)} (plus {@code @Domain(DomainContext.Global.class)} for plain
 * ints) so that {@code @ForAll Ip4 a} finds them by type. Every generated record is one that survives
 * emit-then-parse unchanged: no untagged Ethernet header with the 802.1Q type, no explicit TCP End of Option List
 * (emission pads with it and parsing does not list it).
 */
@SuppressWarnings("exports") // test code compiled into the module; jqwik is on the test path only
public class WireArbitraries extends DomainContextBase {

    /** For jqwik's domain lookup. */
    public WireArbitraries() {}

    /** Any 48-bit MAC address. */
    public static Arbitrary<MacAddr> macAddr() {
        return Arbitraries.longs().between(0, 0xFFFF_FFFF_FFFFL).map(MacAddr::new);
    }

    /** Any IPv4 address, with the special ones (0, broadcast, loopback, multicast) more often. */
    public static Arbitrary<Ip4> ip4() {
        return Arbitraries.frequencyOf(
                        Tuple.of(8, Arbitraries.integers()),
                        Tuple.of(1, Arbitraries.of(0, -1, 0x7F00_0001, 0xE000_0001, 0xC000_0201)))
                .map(Ip4::new);
    }

    /** Any IPv4 prefix. */
    public static Arbitrary<Ip4Prefix> ip4Prefix() {
        return Combinators.combine(ip4(), Arbitraries.integers().between(0, 32)).as(Ip4Prefix::containing);
    }

    /** Any interface address. */
    public static Arbitrary<Ip4Interface> ip4Interface() {
        return Combinators.combine(ip4(), Arbitraries.integers().between(0, 32)).as(Ip4Interface::new);
    }

    /** Any 16-bit EtherType. */
    public static Arbitrary<EtherType> etherType() {
        return Arbitraries.integers().between(0, 0xFFFF).map(EtherType::of);
    }

    /** Any 802.1Q tag. */
    public static Arbitrary<EthernetHeader.VlanTag> vlanTag() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(0, 4095))
                .as(EthernetHeader.VlanTag::new);
    }

    /** Ethernet headers, tagged and untagged; an untagged one never claims the 802.1Q type. */
    public static Arbitrary<EthernetHeader> ethernetHeader() {
        return Combinators.combine(macAddr(), macAddr(), vlanTag().injectNull(0.5), etherType())
                .filter((d, s, v, t) -> v != null || !t.equals(EtherType.VLAN))
                .as(EthernetHeader::new);
    }

    /** ARP packets with any opcode. */
    public static Arbitrary<ArpHeader> arpHeader() {
        Arbitrary<ArpOp> op = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of(ArpOp.REQUEST, ArpOp.REPLY)),
                Tuple.of(1, Arbitraries.integers().between(0, 0xFFFF).map(ArpOp::of)));
        return Combinators.combine(op, macAddr(), ip4(), macAddr(), ip4()).as(ArpHeader::new);
    }

    /** Any IP protocol number. */
    public static Arbitrary<IpProtocol> ipProtocol() {
        return Arbitraries.integers().between(0, 255).map(IpProtocol::of);
    }

    /** A single IPv4 option other than End of Option List. */
    public static Arbitrary<Ipv4Option> ipv4Option() {
        Arbitrary<Ipv4Option> other = Combinators.combine(
                        Arbitraries.integers().between(2, 255),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(10))
                .as(Ipv4Option.Other::new);
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(Ipv4Option.NOP)), Tuple.of(3, other));
    }

    /** IPv4 options areas: usually none, otherwise a few options, sometimes ended by an explicit EOL. */
    public static Arbitrary<Ipv4Options> ipv4Options() {
        Arbitrary<Ipv4Options> some = Combinators.combine(ipv4Option().list().ofMaxSize(6), Arbitraries.of(true, false))
                .as((list, eol) -> {
                    List<Ipv4Option> all = new ArrayList<>(list);
                    if (eol) {
                        all.add(Ipv4Option.EOL);
                    }
                    return all;
                })
                .filter(list -> list.stream().mapToInt(Ipv4Option::length).sum() <= Ipv4Options.MAX_LENGTH)
                .map(Ipv4Options::of);
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(Ipv4Options.NONE)), Tuple.of(1, some));
    }

    /** IPv4 headers with every field varied. */
    public static Arbitrary<Ipv4Header> ipv4Header() {
        Arbitrary<int[]> tos = Combinators.combine(
                        Arbitraries.integers().between(0, 63),
                        Arbitraries.integers().between(0, 3),
                        Arbitraries.integers().between(0, 0xFFFF),
                        Arbitraries.integers().between(0, 0x1FFF),
                        Arbitraries.integers().between(0, 255))
                .as((dscp, ecn, id, frag, ttl) -> new int[] {dscp, ecn, id, frag, ttl});
        return Combinators.combine(
                        tos,
                        Arbitraries.of(true, false),
                        Arbitraries.of(true, false),
                        ipProtocol(),
                        ip4(),
                        ip4(),
                        ipv4Options())
                .as((t, df, mf, proto, src, dst, opts) ->
                        new Ipv4Header(t[0], t[1], t[2], df, mf, t[3], t[4], proto, src, dst, opts));
    }

    /** ICMPv4 message headers: the common kinds often, any type/code/rest sometimes. */
    public static Arbitrary<Icmpv4Message> icmpv4Message() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<Icmpv4Message> any = Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers())
                .as(Icmpv4Message::of);
        Arbitrary<Icmpv4Message> echo = Combinators.combine(u16, u16, Arbitraries.of(true, false))
                .as((id, seq, req) ->
                        req ? new Icmpv4Message.EchoRequest(id, seq) : new Icmpv4Message.EchoReply(id, seq));
        Arbitrary<Icmpv4Message> unreachable = Arbitraries.integers()
                .between(0, 20)
                .map(c ->
                        Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.of(Icmpv4Type.DESTINATION_UNREACHABLE, c)));
        Arbitrary<Icmpv4Message> fragNeeded = u16.map(Icmpv4Message.DestinationUnreachable::fragmentationNeeded);
        Arbitrary<Icmpv4Message> timeExceeded = Arbitraries.integers()
                .between(0, 3)
                .map(c -> new Icmpv4Message.TimeExceeded(Icmpv4Code.of(Icmpv4Type.TIME_EXCEEDED, c)));
        Arbitrary<Icmpv4Message> problem =
                Arbitraries.integers().between(0, 255).map(Icmpv4Message.ParameterProblem::new);
        return Arbitraries.oneOf(any, echo, unreachable, fragNeeded, timeExceeded, problem);
    }

    /** IPv4 pseudo-headers. */
    public static Arbitrary<PseudoHeader> pseudoHeader() {
        return Combinators.combine(ip4(), ip4()).as(Ipv4PseudoHeader::new);
    }

    /** UDP headers, one in five without a checksum. */
    public static Arbitrary<UdpHeader> udpHeader() {
        Arbitrary<Integer> port = Arbitraries.integers().between(0, 0xFFFF);
        return Combinators.combine(port, port, pseudoHeader().injectNull(0.2)).as(UdpHeader::new);
    }

    /** A single TCP option other than End of Option List. */
    public static Arbitrary<TcpOption> tcpOption() {
        Arbitrary<TcpOption.SackBlock> block = Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                .as(TcpOption.SackBlock::new);
        Arbitrary<TcpOption> unknown = Combinators.combine(
                        Arbitraries.integers().between(6, 255).filter(k -> k != TcpOption.KIND_TIMESTAMPS),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(8))
                .as(TcpOption.Unknown::new);
        return Arbitraries.oneOf(
                Arbitraries.just(TcpOption.NOP),
                Arbitraries.integers().between(0, 0xFFFF).map(TcpOption.Mss::new),
                Arbitraries.integers().between(0, 255).map(TcpOption.WindowScale::new),
                Arbitraries.just(TcpOption.SACK_PERMITTED),
                block.list().ofMinSize(1).ofMaxSize(4).map(TcpOption.Sack::new),
                Combinators.combine(Arbitraries.integers(), Arbitraries.integers())
                        .as(TcpOption.Timestamps::new),
                unknown);
    }

    /** TCP option lists that fit in 40 octets once padded. */
    public static Arbitrary<List<TcpOption>> tcpOptions() {
        return tcpOption()
                .list()
                .ofMaxSize(8)
                .filter(list ->
                        ((list.stream().mapToInt(TcpOption::length).sum() + 3) & ~3) <= TcpSegment.MAX_OPTIONS_LENGTH);
    }

    /** Any 12-bit flags value, common combinations more often. */
    public static Arbitrary<TcpFlags> tcpFlags() {
        return Arbitraries.oneOf(
                Arbitraries.of(TcpFlags.SYN, TcpFlags.SYN_ACK, TcpFlags.ACK, TcpFlags.PSH_ACK, TcpFlags.FIN_ACK),
                Arbitraries.integers().between(0, 0xFFF).map(TcpFlags::new));
    }

    /** TCP headers with every field varied. */
    public static Arbitrary<TcpHeader> tcpHeader() {
        Arbitrary<Integer> u16 = Arbitraries.integers().between(0, 0xFFFF);
        Arbitrary<int[]> numbers = Combinators.combine(
                        u16, u16, Arbitraries.integers(), Arbitraries.integers(), u16, u16)
                .as((sp, dp, seq, ack, win, urg) -> new int[] {sp, dp, seq, ack, win, urg});
        return Combinators.combine(numbers, tcpFlags(), tcpOptions(), pseudoHeader())
                .as((n, flags, opts, ph) -> new TcpHeader(n[0], n[1], n[2], n[3], flags, n[4], n[5], opts, ph));
    }

    /** Payload octets, up to {@code max} long. */
    public static Arbitrary<byte[]> payload(int max) {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(max);
    }

    @Provide
    Arbitrary<MacAddr> macAddrs() {
        return macAddr();
    }

    @Provide
    Arbitrary<Ip4> ip4s() {
        return ip4();
    }

    @Provide
    Arbitrary<Ip4Prefix> ip4Prefixes() {
        return ip4Prefix();
    }

    @Provide
    Arbitrary<Ip4Interface> ip4Interfaces() {
        return ip4Interface();
    }

    @Provide
    Arbitrary<EthernetHeader> ethernetHeaders() {
        return ethernetHeader();
    }

    @Provide
    Arbitrary<ArpHeader> arpHeaders() {
        return arpHeader();
    }

    @Provide
    Arbitrary<Ipv4Header> ipv4Headers() {
        return ipv4Header();
    }

    @Provide
    Arbitrary<Ipv4Options> ipv4OptionsAreas() {
        return ipv4Options();
    }

    @Provide
    Arbitrary<Icmpv4Message> icmpv4Messages() {
        return icmpv4Message();
    }

    @Provide
    Arbitrary<PseudoHeader> pseudoHeaders() {
        return pseudoHeader();
    }

    @Provide
    Arbitrary<UdpHeader> udpHeaders() {
        return udpHeader();
    }

    @Provide
    Arbitrary<TcpHeader> tcpHeaders() {
        return tcpHeader();
    }

    @Provide
    Arbitrary<TcpFlags> tcpFlagValues() {
        return tcpFlags();
    }
}
