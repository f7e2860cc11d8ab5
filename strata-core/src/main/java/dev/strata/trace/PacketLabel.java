package dev.strata.trace;

import dev.strata.wire.ArpOp;
import dev.strata.wire.ArpPacket;
import dev.strata.wire.ChecksumPolicy;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Packet;
import dev.strata.wire.Icmpv4Type;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Parsed;
import dev.strata.wire.TcpSegment;
import dev.strata.wire.UdpDatagram;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * Short labels for frames, for the arrows of sequence diagrams: {@code SYN seq=8633}, {@code SYN, ACK seq=303
 * ack=8634}, {@code ICMP echo request id=1 seq=1}, {@code ARP who-has 192.0.2.1}.
 *
 * <p>TCP flags are named as Wireshark names them, lowest bit first (FIN, SYN, RST, PSH, ACK, URG, ECE, CWR);
 * sequence numbers are raw. Checksums are verified as in {@link PacketLog}; labelling never throws.
 */
public final class PacketLabel {

    private static final String[] TCP_FLAG_NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

    private PacketLabel() {}

    /** The label of an Ethernet frame (between its position and limit). */
    public static String of(ByteBuffer frame) {
        StringBuilder sb = new StringBuilder(48);
        try {
            ethernet(sb, frame);
        } catch (RuntimeException bug) {
            sb.setLength(0);
            sb.append("[decoder error: ").append(bug).append(']');
        }
        return sb.toString();
    }

    /**
     * Arrows for a {@link DiagramSink}: each frame a node sends becomes an arrow from that node to the participant
     * that owns the frame's IPv4 destination (for ARP, the target protocol address), labelled by {@link #of}.
     * Received copies and frames to addresses not in the map are not drawn.
     *
     * @param participants the participant of each address, e.g. {@code 192.0.2.10 -> Client}
     */
    public static DiagramSink.Arrows arrowsByAddress(Map<Ip4, String> participants) {
        Map<Ip4, String> map = Map.copyOf(participants);
        return (timeNanos, node, iface, direction, frame) -> {
            if (direction != Direction.OUTBOUND) {
                return null;
            }
            int destination = destinationAddress(frame);
            String to = destination == 0 ? null : map.get(new Ip4(destination));
            return to == null ? null : new DiagramSink.Edge(node, to, of(frame));
        };
    }

    /** The IPv4 destination (or ARP target) of a frame, or 0 when it has none that parses. */
    private static int destinationAddress(ByteBuffer frame) {
        if (!(EthernetFrame.parse(frame) instanceof Parsed.Ok<EthernetFrame>(EthernetFrame eth))) {
            return 0;
        }
        ByteBuffer payload =
                eth.buffer().duplicate().limit(eth.offset() + eth.length()).position(eth.payloadOffset());
        if (eth.etherTypeValue() == EtherType.ARP.value()) {
            return ArpPacket.parse(payload) instanceof Parsed.Ok<ArpPacket>(ArpPacket arp)
                    ? arp.targetProtocolBits()
                    : 0;
        }
        if (eth.etherTypeValue() == EtherType.IPV4.value()) {
            return Ipv4Packet.parse(payload, ChecksumPolicy.SKIP) instanceof Parsed.Ok<Ipv4Packet>(Ipv4Packet ip)
                    ? ip.destinationBits()
                    : 0;
        }
        return 0;
    }

    private static void ethernet(StringBuilder sb, ByteBuffer frame) {
        switch (EthernetFrame.parse(frame)) {
            case Parsed.Malformed<EthernetFrame> m -> Text.malformed(sb, "Ethernet", m);
            case Parsed.Ok<EthernetFrame>(EthernetFrame eth) -> {
                int type = eth.etherTypeValue();
                ByteBuffer payload =
                        frame.duplicate().limit(eth.offset() + eth.length()).position(eth.payloadOffset());
                if (type == EtherType.ARP.value()) {
                    arp(sb, payload);
                } else if (type == EtherType.IPV4.value()) {
                    ipv4(sb, payload);
                } else {
                    sb.append("ethertype ").append(EtherType.of(type).name());
                }
            }
        }
    }

    private static void arp(StringBuilder sb, ByteBuffer payload) {
        switch (ArpPacket.parse(payload)) {
            case Parsed.Malformed<ArpPacket> m -> Text.malformed(sb, "ARP", m);
            case Parsed.Ok<ArpPacket>(ArpPacket arp) -> {
                if (arp.operationValue() == ArpOp.REQUEST.value()) {
                    Text.ip4(sb.append("ARP who-has "), arp.targetProtocolBits());
                } else if (arp.operationValue() == ArpOp.REPLY.value()) {
                    Text.ip4(sb.append("ARP "), arp.senderProtocolBits()).append(" is-at ");
                    Text.mac(sb, payload, arp.offset() + 8);
                } else {
                    sb.append("ARP ").append(arp.operation().name());
                }
            }
        }
    }

    private static void ipv4(StringBuilder sb, ByteBuffer payload) {
        Ipv4Packet ip;
        switch (Ipv4Packet.parse(payload)) {
            case Parsed.Malformed<Ipv4Packet> m -> {
                Text.malformed(sb, "IPv4", m);
                return;
            }
            case Parsed.Ok<Ipv4Packet>(Ipv4Packet ok) -> ip = ok;
        }
        if (ip.isFragment()) {
            sb.append("IPv4 fragment id=").append(ip.identification());
            sb.append(" offset=").append(ip.fragmentOffsetBytes()).append(ip.moreFragments() ? "+" : "");
            return;
        }
        ByteBuffer data = payload.duplicate()
                .limit(ip.payloadOffset() + ip.payloadLength())
                .position(ip.payloadOffset());
        int protocol = ip.protocolValue();
        if (protocol == IpProtocol.TCP.value()) {
            tcp(sb, ip, data);
        } else if (protocol == IpProtocol.UDP.value()) {
            switch (UdpDatagram.parse(data, ip.pseudoHeader())) {
                case Parsed.Malformed<UdpDatagram> m -> Text.malformed(sb, "UDP", m);
                case Parsed.Ok<UdpDatagram>(UdpDatagram udp) ->
                    sb.append("UDP ")
                            .append(udp.sourcePort())
                            .append(" > ")
                            .append(udp.destinationPort())
                            .append(" len=")
                            .append(udp.payloadLength());
            }
        } else if (protocol == IpProtocol.ICMP.value()) {
            icmp(sb, data);
        } else {
            sb.append("IPv4 proto ").append(IpProtocol.of(protocol).name());
        }
    }

    private static void icmp(StringBuilder sb, ByteBuffer data) {
        switch (Icmpv4Packet.parse(data)) {
            case Parsed.Malformed<Icmpv4Packet> m -> Text.malformed(sb, "ICMP", m);
            case Parsed.Ok<Icmpv4Packet>(Icmpv4Packet icmp) -> {
                int type = icmp.typeValue();
                sb.append("ICMP ");
                if (type == Icmpv4Type.ECHO_REQUEST.value() || type == Icmpv4Type.ECHO_REPLY.value()) {
                    sb.append(icmp.type().name()).append(" id=").append(icmp.identifier());
                    sb.append(" seq=").append(icmp.sequence());
                } else if (type == Icmpv4Type.DESTINATION_UNREACHABLE.value()) {
                    sb.append(icmp.code().name());
                    if (icmp.codeValue() == Icmpv4Code.FRAGMENTATION_NEEDED.value()) {
                        sb.append(" mtu=").append(icmp.nextHopMtu());
                    }
                } else if (type == Icmpv4Type.TIME_EXCEEDED.value()) {
                    sb.append("time exceeded");
                } else {
                    sb.append(icmp.type().name());
                }
            }
        }
    }

    private static void tcp(StringBuilder sb, Ipv4Packet ip, ByteBuffer data) {
        switch (TcpSegment.parse(data, ip.pseudoHeader())) {
            case Parsed.Malformed<TcpSegment> m -> Text.malformed(sb, "TCP", m);
            case Parsed.Ok<TcpSegment>(TcpSegment tcp) -> {
                int bits = tcp.flagBits();
                String sep = "";
                for (int i = 0; i < TCP_FLAG_NAMES.length; i++) {
                    if ((bits & (1 << i)) != 0) {
                        sb.append(sep).append(TCP_FLAG_NAMES[i]);
                        sep = ", ";
                    }
                }
                if (sep.isEmpty()) {
                    sb.append("no flags");
                }
                Text.u32(sb.append(" seq="), tcp.sequenceNumber());
                if (tcp.ack()) {
                    Text.u32(sb.append(" ack="), tcp.acknowledgmentNumber());
                }
                int length = data.remaining() - tcp.headerLength();
                if (length > 0) {
                    sb.append(" len=").append(length);
                }
            }
        }
    }
}
