package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Wireshark as a referee: frames built by Strata's codecs are written to a pcap file, and tshark dissects them with
 * checksum validation on. Every frame must dissect as the expected protocol stack, with every IP, ICMP, UDP and
 * TCP checksum reported good and nothing malformed.
 */
class TsharkCrossCheckTest {

    static final MacAddr A = MacAddr.parse("02:00:00:00:00:01");
    static final MacAddr B = MacAddr.parse("02:00:00:00:00:02");
    static final Ip4 HOST = Ip4.parse("192.0.2.1");
    static final Ip4 PEER = Ip4.parse("198.51.100.7");
    static final Ip4 ROUTER = Ip4.parse("192.0.2.254");

    /** Wireshark's expert-info severity PI_WARN; notes (0x400000) and chats (0x200000) are below it. */
    static final int PI_WARN = 0x600000;

    /**
     * One frame and what tshark should say about it: the protocol stack, then (separated by "|") the checksum status
     * of IP, ICMP, UDP and TCP (1 good, 2 unverified, 3 not present; a quoted header inside an ICMP error counts
     * too), the malformed marker, and the fields arp.opcode, vlan.id, ip.opt.type, icmp.mtu, tcp.flags.str,
     * tcp.options.mss_val, tcp.options.wscale.shift, tcp.options.sack_le, tcp.options.timestamp.tsval.
     */
    record Case(String name, ByteBuffer frame, String protocols, String fields) {}

    @Test
    void tsharkAgreesWithEveryFrame(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("tshark"), "tshark is not installed (the run-tests script installs it)");
        List<Case> cases = cases();
        Path pcap = dir.resolve("wire.pcap");
        writePcap(pcap, cases);

        List<String> lines = tshark(
                pcap,
                "-o",
                "ip.check_checksum:TRUE",
                "-o",
                "tcp.check_checksum:TRUE",
                "-o",
                "udp.check_checksum:TRUE",
                "-o",
                "tcp.relative_sequence_numbers:FALSE",
                "-T",
                "fields",
                "-E",
                "separator=|",
                "-e",
                "frame.protocols",
                "-e",
                "ip.checksum.status",
                "-e",
                "icmp.checksum.status",
                "-e",
                "udp.checksum.status",
                "-e",
                "tcp.checksum.status",
                "-e",
                "_ws.malformed",
                "-e",
                "_ws.expert.severity",
                "-e",
                "arp.opcode",
                "-e",
                "vlan.id",
                "-e",
                "ip.opt.type",
                "-e",
                "icmp.mtu",
                "-e",
                "tcp.flags.str",
                "-e",
                "tcp.options.mss_val",
                "-e",
                "tcp.options.wscale.shift",
                "-e",
                "tcp.options.sack_le",
                "-e",
                "tcp.options.timestamp.tsval");
        lines.forEach(System.out::println); // kept in the surefire output file, for diagnosis
        assertThat(lines).hasSize(cases.size());
        for (int i = 0; i < cases.size(); i++) {
            Case c = cases.get(i);
            List<String> f = new ArrayList<>(List.of(lines.get(i).split("\\|", -1)));
            // Expert info may add notes and chats (e.g. "connection establish request"), never warnings or errors.
            String severity = f.remove(6);
            for (String s : severity.split(",")) {
                assertThat(s.isEmpty() ? 0 : Integer.parseInt(s))
                        .as(c.name() + " expert severity")
                        .isLessThan(PI_WARN);
            }
            assertThat(f.get(0)).as(c.name() + " protocols").isEqualTo(c.protocols());
            assertThat(String.join("|", f.subList(1, f.size()))).as(c.name()).isEqualTo(c.fields());
        }
    }

    static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        EthernetHeader ipAB = new EthernetHeader(B, A, EtherType.IPV4);
        EthernetHeader ipBA = new EthernetHeader(A, B, EtherType.IPV4);
        cases.add(new Case(
                "ARP request",
                Packets.build(
                        new byte[0],
                        new EthernetHeader(MacAddr.BROADCAST, A, EtherType.ARP),
                        ArpHeader.request(A, HOST, ROUTER)),
                "eth:ethertype:arp",
                "|||||1||||||||"));
        cases.add(new Case(
                "ARP reply",
                Packets.build(
                        new byte[18], // padded to 60 octets
                        new EthernetHeader(A, B, EtherType.ARP),
                        new ArpHeader(ArpOp.REPLY, B, ROUTER, A, HOST)),
                "eth:ethertype:arp",
                "|||||2||||||||"));
        byte[] pingData = "0123456789abcdefghijklmnopqrstuvwxyz!".getBytes(StandardCharsets.US_ASCII); // odd length
        Ipv4Header echoIp = Ipv4Header.of(HOST, PEER, IpProtocol.ICMP, 64, 0x1111)
                .withDontFragment(true)
                .withOptions(Ipv4Options.of(List.of(new Ipv4Option.Other(Ipv4Option.TYPE_ROUTER_ALERT, new byte[2]))));
        cases.add(new Case(
                "echo request with Router Alert",
                Packets.build(pingData, ipAB, echoIp, new Icmpv4Message.EchoRequest(0x4242, 7)),
                "eth:ethertype:ip:icmp:data",
                "1|1||||||148||||||"));
        cases.add(new Case(
                "echo reply",
                Packets.build(
                        pingData,
                        ipBA,
                        Ipv4Header.of(PEER, HOST, IpProtocol.ICMP, 64, 0x2222),
                        new Icmpv4Message.EchoReply(0x4242, 7)),
                "eth:ethertype:ip:icmp:data",
                "1|1||||||||||||"));
        cases.add(new Case(
                "802.1Q echo request",
                Packets.build(
                        pingData,
                        new EthernetHeader(B, A, new EthernetHeader.VlanTag(3, false, 42), EtherType.IPV4),
                        Ipv4Header.of(HOST, PEER, IpProtocol.ICMP, 64, 3),
                        new Icmpv4Message.EchoRequest(1, 1)),
                "eth:ethertype:vlan:ethertype:ip:icmp:data",
                "1|1|||||42|||||||"));
        byte[] udpData = "traceroute probe".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer udp = Packets.build(
                udpData,
                ipAB,
                Ipv4Header.of(HOST, PEER, IpProtocol.UDP, 1, 0x3333),
                UdpHeader.of(50000, 33434, HOST, PEER));
        cases.add(new Case("UDP with checksum", udp, "eth:ethertype:ip:udp:data", "1||1|||||||||||"));
        cases.add(new Case(
                "UDP without checksum",
                Packets.build(
                        new byte[] {1, 2, 3},
                        ipAB,
                        Ipv4Header.of(HOST, PEER, IpProtocol.UDP, 64, 5),
                        new UdpHeader(50001, 33435, null)),
                "eth:ethertype:ip:udp:data",
                "1||3|||||||||||"));
        cases.add(new Case(
                "UDP whose checksum computes to zero",
                udpSummingToZero(ipAB),
                "eth:ethertype:ip:udp:echo",
                "1||1|||||||||||"));
        PseudoHeader out = new Ipv4PseudoHeader(HOST, PEER);
        PseudoHeader back = new Ipv4PseudoHeader(PEER, HOST);
        cases.add(new Case(
                "TCP SYN",
                Packets.build(
                        new byte[0],
                        ipAB,
                        Ipv4Header.of(HOST, PEER, IpProtocol.TCP, 64, 6).withDontFragment(true),
                        new TcpHeader(
                                49152,
                                443,
                                0x01020304,
                                0,
                                TcpFlags.SYN,
                                64240,
                                0,
                                List.of(
                                        new TcpOption.Mss(1460),
                                        TcpOption.SACK_PERMITTED,
                                        new TcpOption.Timestamps(1000, 0),
                                        TcpOption.NOP,
                                        new TcpOption.WindowScale(7)),
                                out)),
                "eth:ethertype:ip:tcp",
                "1|||1||||||··········S·|1460|7||1000"));
        cases.add(new Case(
                "TCP SYN-ACK with padded options",
                Packets.build(
                        new byte[0],
                        ipBA,
                        Ipv4Header.of(PEER, HOST, IpProtocol.TCP, 64, 0).withDontFragment(true),
                        new TcpHeader(
                                443,
                                49152,
                                0x7f000000,
                                0x01020305,
                                TcpFlags.SYN_ACK,
                                65160,
                                0,
                                List.of(new TcpOption.Mss(1400), new TcpOption.WindowScale(9)),
                                back)),
                "eth:ethertype:ip:tcp",
                "1|||1||||||·······A··S·|1400|9||"));
        cases.add(new Case(
                "TCP data with SACK",
                Packets.build(
                        "odd-length data".getBytes(StandardCharsets.US_ASCII),
                        ipAB,
                        Ipv4Header.of(HOST, PEER, IpProtocol.TCP, 64, 7).withDontFragment(true),
                        new TcpHeader(
                                49152,
                                443,
                                0x01020305,
                                0x7f000001,
                                TcpFlags.PSH_ACK,
                                501,
                                0,
                                List.of(
                                        TcpOption.NOP,
                                        TcpOption.NOP,
                                        new TcpOption.Sack(List.of(
                                                new TcpOption.SackBlock(0x7f001000, 0x7f002000),
                                                new TcpOption.SackBlock(0x7f003000, 0x7f004000)))),
                                out)),
                "eth:ethertype:ip:tcp:data",
                "1|||1||||||·······AP···|||2130710528,2130718720|"));

        Ipv4Packet probe =
                Ipv4Packet.parse(EthernetFrame.parse(udp).orThrow().payload()).orThrow();
        ByteBuffer timeExceeded = Icmpv4Errors.build(
                Icmpv4Message.TimeExceeded.IN_TRANSIT, probe, Icmpv4Errors.QuoteLength.HEADER_PLUS_8, 34);
        Ipv4Header.of(ROUTER, HOST, IpProtocol.ICMP, 64, 8).prepend(timeExceeded);
        ipBA.prepend(timeExceeded);
        cases.add(new Case("time exceeded", timeExceeded, "eth:ethertype:ip:icmp:ip:udp", "1,1|1|2|||||||||||"));

        ByteBuffer unreachable = Icmpv4Errors.build(
                Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.PORT_UNREACHABLE),
                probe,
                Icmpv4Errors.QuoteLength.UP_TO_576,
                34);
        Ipv4Header.of(PEER, HOST, IpProtocol.ICMP, 64, 9).prepend(unreachable);
        ipBA.prepend(unreachable);
        cases.add(new Case("port unreachable", unreachable, "eth:ethertype:ip:icmp:ip:udp:data", "1,1|1|1|||||||||||"));

        ByteBuffer big = Packets.build(
                new byte[1400],
                Ipv4Header.of(HOST, PEER, IpProtocol.TCP, 64, 10).withDontFragment(true),
                new TcpHeader(49152, 443, 1, 2, TcpFlags.ACK, 100, 0, List.of(), out));
        ByteBuffer fragNeeded = Icmpv4Errors.build(
                Icmpv4Message.DestinationUnreachable.fragmentationNeeded(1280),
                Ipv4Packet.parse(big).orThrow(),
                Icmpv4Errors.QuoteLength.HEADER_PLUS_8,
                34);
        Ipv4Header.of(ROUTER, HOST, IpProtocol.ICMP, 64, 11).prepend(fragNeeded);
        ipBA.prepend(fragNeeded);
        cases.add(
                new Case("fragmentation needed", fragNeeded, "eth:ethertype:ip:icmp:ip:tcp", "1,1|1|||||||1280|||||"));

        ByteBuffer forwarded = Packets.build(
                pingData, ipAB, Ipv4Header.of(HOST, PEER, IpProtocol.ICMP, 9, 12), new Icmpv4Message.EchoRequest(5, 5));
        assertThat(Ipv4Packet.decrementTtl(forwarded, EthernetFrame.HEADER_LENGTH))
                .isTrue();
        cases.add(new Case("forwarded (TTL decremented)", forwarded, "eth:ethertype:ip:icmp:data", "1|1||||||||||||"));
        return cases;
    }

    /** A UDP datagram whose checksum computes to 0x0000, which RFC 768 sends as 0xFFFF. */
    static ByteBuffer udpSummingToZero(EthernetHeader eth) {
        UdpHeader h = UdpHeader.of(7, 9, HOST, PEER);
        ByteBuffer probe = Packets.build(new byte[2], h);
        int c = probe.getShort(6) & 0xFFFF;
        ByteBuffer frame = Packets.build(
                new byte[] {(byte) (c >>> 8), (byte) c}, eth, Ipv4Header.of(HOST, PEER, IpProtocol.UDP, 64, 13), h);
        assertThat(frame.getShort(14 + 20 + 6) & 0xFFFF).isEqualTo(0xFFFF);
        return frame;
    }

    static void writePcap(Path file, List<Case> cases) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteBuffer header = ByteBuffer.allocate(24);
            header.putInt(0xa1b2c3d4)
                    .putShort((short) 2)
                    .putShort((short) 4)
                    .putInt(0)
                    .putInt(0);
            header.putInt(65535).putInt(1); // snaplen, LINKTYPE_ETHERNET
            out.write(header.array());
            int second = 1;
            for (Case c : cases) {
                byte[] frame = Packets.bytes(c.frame());
                ByteBuffer rec = ByteBuffer.allocate(16);
                rec.putInt(second++).putInt(0).putInt(frame.length).putInt(frame.length);
                out.write(rec.array());
                out.write(frame);
            }
        }
    }

    static List<String> tshark(Path pcap, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                throw new AssertionError("tshark did not finish");
            }
            assertThat(p.exitValue()).as("tshark exit status").isZero();
            return out.lines().toList();
        } finally {
            p.destroyForcibly();
        }
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
