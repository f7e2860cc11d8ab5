package dev.strata.trace;

import dev.strata.wire.ArpOp;
import dev.strata.wire.ArpPacket;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Packet;
import dev.strata.wire.Icmpv4Type;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Ipv4Quote;
import dev.strata.wire.Parsed;
import dev.strata.wire.TcpOption;
import dev.strata.wire.TcpSegment;
import dev.strata.wire.UdpDatagram;
import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * Formats frames as one line each, in the style of tcpdump, for the readable trace the demos print:
 *
 * <pre>
 * 0.001234567 a.eth0 &gt; 02:00:00:00:00:01 &gt; ff:ff:ff:ff:ff:ff ARP who-has 192.0.2.1 tell 192.0.2.10
 * 0.002000000 a.eth0 &gt; 02:00:00:00:00:01 &gt; 02:00:00:00:00:02 IP 192.0.2.10 &gt; 198.51.100.20: ICMP echo request id 1 seq 1 len 64
 * 0.003000000 a.eth0 &gt; 02:00:00:00:00:01 &gt; 02:00:00:00:00:02 IP 192.0.2.10.40000 &gt; 198.51.100.20.80: Flags [S], seq 8633, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
 * </pre>
 *
 * <p>A line is: the time in seconds with nine decimals, {@code node.iface}, the direction ({@code >} sent, {@code <}
 * received, {@code -} unknown), the source and destination MAC addresses (unless turned off), and the protocols.
 * Sequence numbers are raw, not relative as tcpdump prints them. Checksums are verified: a frame that does not parse
 * at some layer shows what parsed and then e.g. {@code [malformed IPv4: BAD_CHECKSUM]}. Formatting never throws.
 */
public final class PacketLog {

    private final boolean linkHeaders;

    /** A formatter that prints MAC addresses, as tcpdump's {@code -e}. */
    public PacketLog() {
        this(true);
    }

    /**
     * A formatter.
     *
     * @param linkHeaders print the source and destination MAC addresses of each frame
     */
    public PacketLog(boolean linkHeaders) {
        this.linkHeaders = linkHeaders;
    }

    /** The line for a frame, without a line terminator. */
    public String format(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        return format(new StringBuilder(160), timeNanos, node, iface, direction, frame)
                .toString();
    }

    /** Appends the line for a frame, without a line terminator, to {@code sb}. */
    public StringBuilder format(
            StringBuilder sb, long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        TraceTime.append(sb, timeNanos).append(' ');
        if (node != null) {
            sb.append(node);
            if (iface != null) {
                sb.append('.');
            }
        }
        if (iface != null) {
            sb.append(iface);
        }
        sb.append(' ').append(direction.arrow()).append(' ');
        return describe(sb, frame);
    }

    /** The frame's description: the line without time, interface and direction. */
    public String describe(ByteBuffer frame) {
        return describe(new StringBuilder(128), frame).toString();
    }

    /** Appends the frame's description (addresses and protocols) to {@code sb}; never throws for any bytes. */
    public StringBuilder describe(StringBuilder sb, ByteBuffer frame) {
        int mark = sb.length();
        try {
            ethernet(sb, frame);
        } catch (RuntimeException bug) {
            // The views are checked on parse, so this is a bug in a codec or here; keep the trace going and say so.
            sb.setLength(mark);
            sb.append("[decoder error: ").append(bug).append(']');
        }
        return sb;
    }

    // ---- Ethernet (IEEE 802.3 clause 3) -----------------------------------------------------------------------

    private void ethernet(StringBuilder sb, ByteBuffer frame) {
        switch (EthernetFrame.parse(frame)) {
            case Parsed.Malformed<EthernetFrame> m -> Text.malformed(sb, "Ethernet", m);
            case Parsed.Ok<EthernetFrame>(EthernetFrame eth) -> {
                if (linkHeaders) {
                    Text.mac(sb, frame, eth.offset() + 6).append(" > ");
                    Text.mac(sb, frame, eth.offset()).append(' ');
                }
                if (eth.hasVlanTag()) {
                    sb.append("vlan ").append(eth.vlanTag().vid()).append(' ');
                }
                int type = eth.etherTypeValue();
                ByteBuffer payload =
                        frame.duplicate().limit(eth.offset() + eth.length()).position(eth.payloadOffset());
                if (type == EtherType.ARP.value()) {
                    arp(sb, payload);
                } else if (type == EtherType.IPV4.value()) {
                    ipv4(sb, payload);
                } else {
                    sb.append("ethertype ").append(EtherType.of(type).name());
                    sb.append(", length ").append(eth.length());
                }
            }
        }
    }

    // ---- ARP (RFC 826) ----------------------------------------------------------------------------------------

    private static void arp(StringBuilder sb, ByteBuffer payload) {
        switch (ArpPacket.parse(payload)) {
            case Parsed.Malformed<ArpPacket> m -> Text.malformed(sb, "ARP", m);
            case Parsed.Ok<ArpPacket>(ArpPacket arp) -> {
                sb.append("ARP ");
                int op = arp.operationValue();
                if (op == ArpOp.REQUEST.value()) {
                    sb.append("who-has ");
                    Text.ip4(sb, arp.targetProtocolBits()).append(" tell ");
                    Text.ip4(sb, arp.senderProtocolBits());
                    if (arp.isGratuitous()) {
                        sb.append(" (gratuitous)");
                    }
                } else if (op == ArpOp.REPLY.value()) {
                    Text.ip4(sb, arp.senderProtocolBits()).append(" is-at ");
                    Text.mac(sb, payload, arp.offset() + 8);
                } else {
                    sb.append(ArpOp.of(op).name()).append(' ');
                    Text.ip4(sb, arp.senderProtocolBits()).append(" > ");
                    Text.ip4(sb, arp.targetProtocolBits());
                }
            }
        }
    }

    // ---- IPv4 (RFC 791) ---------------------------------------------------------------------------------------

    private static void ipv4(StringBuilder sb, ByteBuffer payload) {
        Ipv4Packet ip;
        switch (Ipv4Packet.parse(payload)) {
            case Parsed.Malformed<Ipv4Packet> m -> {
                Text.malformed(sb, "IPv4", m);
                return;
            }
            case Parsed.Ok<Ipv4Packet>(Ipv4Packet ok) -> ip = ok;
        }
        sb.append("IP ");
        int protocol = ip.protocolValue();
        ByteBuffer data = payload.duplicate()
                .limit(ip.payloadOffset() + ip.payloadLength())
                .position(ip.payloadOffset());
        if (ip.fragmentOffset() != 0) {
            // A later fragment: no transport header to show (RFC 791 §2.3 "Fragmentation").
            addresses(sb, ip, -1, -1);
            sb.append("fragment id ").append(ip.identification());
            sb.append(" offset ").append(ip.fragmentOffsetBytes()).append(ip.moreFragments() ? "+" : "");
            sb.append(" proto ").append(IpProtocol.of(protocol).name());
            sb.append(" length ").append(ip.payloadLength());
            return;
        }
        boolean fragment = ip.moreFragments();
        if (protocol == IpProtocol.TCP.value()) {
            tcp(sb, ip, data, fragment);
        } else if (protocol == IpProtocol.UDP.value()) {
            udp(sb, ip, data, fragment);
        } else if (protocol == IpProtocol.ICMP.value()) {
            addresses(sb, ip, -1, -1);
            icmp(sb, data, fragment);
        } else {
            addresses(sb, ip, -1, -1);
            sb.append("proto ")
                    .append(IpProtocol.of(protocol).name())
                    .append(", length ")
                    .append(ip.payloadLength());
        }
        if (fragment) {
            sb.append(" (first fragment id ").append(ip.identification()).append(')');
        }
    }

    /** Appends {@code src[.port] > dst[.port]: }. */
    private static void addresses(StringBuilder sb, Ipv4Packet ip, int sourcePort, int destinationPort) {
        Text.ip4(sb, ip.sourceBits());
        if (sourcePort >= 0) {
            sb.append('.').append(sourcePort);
        }
        sb.append(" > ");
        Text.ip4(sb, ip.destinationBits());
        if (destinationPort >= 0) {
            sb.append('.').append(destinationPort);
        }
        sb.append(": ");
    }

    // ---- ICMP (RFC 792) ---------------------------------------------------------------------------------------

    private static void icmp(StringBuilder sb, ByteBuffer data, boolean fragment) {
        // The checksum covers the whole message, so a first fragment cannot be checked.
        Parsed<Icmpv4Packet> parsed =
                fragment ? Icmpv4Packet.parse(data, dev.strata.wire.ChecksumPolicy.SKIP) : Icmpv4Packet.parse(data);
        Icmpv4Packet icmp;
        switch (parsed) {
            case Parsed.Malformed<Icmpv4Packet> m -> {
                Text.malformed(sb, "ICMP", m);
                return;
            }
            case Parsed.Ok<Icmpv4Packet>(Icmpv4Packet ok) -> icmp = ok;
        }
        sb.append("ICMP ");
        int type = icmp.typeValue();
        if (type == Icmpv4Type.ECHO_REQUEST.value() || type == Icmpv4Type.ECHO_REPLY.value()) {
            sb.append(type == Icmpv4Type.ECHO_REQUEST.value() ? "echo request" : "echo reply");
            sb.append(" id ").append(icmp.identifier()).append(" seq ").append(icmp.sequence());
        } else if (type == Icmpv4Type.DESTINATION_UNREACHABLE.value()) {
            unreachable(sb, icmp);
        } else if (type == Icmpv4Type.TIME_EXCEEDED.value()) {
            sb.append(icmp.codeValue() == 0 ? "time exceeded in-transit" : "ip reassembly time exceeded");
        } else {
            sb.append(icmp.type().name());
            if (icmp.codeValue() != 0) {
                sb.append(" code ").append(icmp.codeValue());
            }
        }
        sb.append(" len ").append(icmp.length());
    }

    /** Destination unreachable, in tcpdump's words where it has them. */
    private static void unreachable(StringBuilder sb, Icmpv4Packet icmp) {
        int code = icmp.codeValue();
        Ipv4Quote quote = icmp.quote() instanceof Parsed.Ok<Ipv4Quote>(Ipv4Quote q) ? q : null;
        if (quote == null) {
            sb.append("unreachable (").append(icmp.code().name()).append(", bad quote)");
            return;
        }
        if (code == Icmpv4Code.PORT_UNREACHABLE.value()) {
            Text.ip4(sb, quote.destinationBits()).append(' ');
            sb.append(quote.protocol().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" port ");
            sb.append(quote.hasPorts() ? Integer.toString(quote.destinationPort()) : "?")
                    .append(" unreachable");
        } else if (code == Icmpv4Code.FRAGMENTATION_NEEDED.value()) {
            Text.ip4(sb, quote.destinationBits()).append(" unreachable - need to frag (mtu ");
            sb.append(icmp.nextHopMtu()).append(')');
        } else if (code == Icmpv4Code.NET_UNREACHABLE.value()) {
            Text.ip4(sb.append("net "), quote.destinationBits()).append(" unreachable");
        } else if (code == Icmpv4Code.HOST_UNREACHABLE.value()) {
            Text.ip4(sb.append("host "), quote.destinationBits()).append(" unreachable");
        } else if (code == Icmpv4Code.PROTOCOL_UNREACHABLE.value()) {
            Text.ip4(sb, quote.destinationBits()).append(" protocol ").append(quote.protocolValue());
            sb.append(" unreachable");
        } else {
            Text.ip4(sb, quote.destinationBits())
                    .append(" unreachable (")
                    .append(icmp.code().name())
                    .append(')');
        }
    }

    // ---- UDP (RFC 768) ----------------------------------------------------------------------------------------

    private static void udp(StringBuilder sb, Ipv4Packet ip, ByteBuffer data, boolean fragment) {
        if (fragment && data.remaining() >= UdpDatagram.HEADER_LENGTH) {
            // A first fragment holds the header, but its length and checksum cover the whole datagram: only after
            // reassembly can it be parsed, so show the header fields as they are (RFC 768 layout).
            int at = data.position();
            addresses(sb, ip, data.getShort(at) & 0xFFFF, data.getShort(at + 2) & 0xFFFF);
            sb.append("UDP, length ").append((data.getShort(at + 4) & 0xFFFF) - UdpDatagram.HEADER_LENGTH);
            return;
        }
        Parsed<UdpDatagram> parsed = UdpDatagram.parse(data, ip.pseudoHeader());
        switch (parsed) {
            case Parsed.Malformed<UdpDatagram> m -> {
                addresses(sb, ip, -1, -1);
                Text.malformed(sb, "UDP", m);
            }
            case Parsed.Ok<UdpDatagram>(UdpDatagram udp) -> {
                addresses(sb, ip, udp.sourcePort(), udp.destinationPort());
                sb.append("UDP, length ").append(udp.payloadLength());
            }
        }
    }

    // ---- TCP (RFC 9293) ---------------------------------------------------------------------------------------

    private static void tcp(StringBuilder sb, Ipv4Packet ip, ByteBuffer data, boolean fragment) {
        Parsed<TcpSegment> parsed = fragment ? TcpSegment.parse(data) : TcpSegment.parse(data, ip.pseudoHeader());
        TcpSegment tcp;
        switch (parsed) {
            case Parsed.Malformed<TcpSegment> m -> {
                addresses(sb, ip, -1, -1);
                Text.malformed(sb, "TCP", m);
                return;
            }
            case Parsed.Ok<TcpSegment>(TcpSegment ok) -> tcp = ok;
        }
        addresses(sb, ip, tcp.sourcePort(), tcp.destinationPort());
        int length = data.remaining() - tcp.headerLength();
        sb.append("Flags ").append(tcp.flags()).append(", seq ");
        Text.u32(sb, tcp.sequenceNumber());
        if (length > 0) {
            Text.u32(sb.append(':'), tcp.sequenceNumber() + length);
        }
        if (tcp.ack()) {
            Text.u32(sb.append(", ack "), tcp.acknowledgmentNumber());
        }
        sb.append(", win ").append(tcp.window());
        if (tcp.urg()) {
            sb.append(", urg ").append(tcp.urgentPointer());
        }
        if (tcp.optionsLength() > 0) {
            sb.append(", options [");
            boolean first = true;
            for (TcpOption o : tcp.options()) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                option(sb, o);
            }
            sb.append(']');
        }
        sb.append(", length ").append(length);
    }

    private static void option(StringBuilder sb, TcpOption o) {
        switch (o) {
            case TcpOption.Eol e -> sb.append("eol");
            case TcpOption.Nop n -> sb.append("nop");
            case TcpOption.Mss(int mss) -> sb.append("mss ").append(mss);
            case TcpOption.WindowScale(int shift) -> sb.append("wscale ").append(shift);
            case TcpOption.SackPermitted s -> sb.append("sackOK");
            case TcpOption.Sack(var blocks) -> {
                sb.append("sack ").append(blocks.size()).append(' ');
                for (TcpOption.SackBlock b : blocks) {
                    Text.u32(sb.append('{'), b.left()).append(':');
                    Text.u32(sb, b.right()).append('}');
                }
            }
            case TcpOption.Timestamps(int value, int echoReply) -> {
                Text.u32(sb.append("TS val "), value);
                Text.u32(sb.append(" ecr "), echoReply);
            }
            case TcpOption.Unknown u -> {
                sb.append("unknown-").append(u.kind());
                if (u.data().length > 0) {
                    sb.append(" 0x").append(HexFormat.of().formatHex(u.data()));
                }
            }
        }
    }
}
