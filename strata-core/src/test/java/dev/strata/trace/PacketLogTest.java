package dev.strata.trace;

import static dev.strata.trace.TestFrames.IP_A;
import static dev.strata.trace.TestFrames.IP_B;
import static dev.strata.trace.TestFrames.IP_GW;
import static dev.strata.trace.TestFrames.MAC_A;
import static dev.strata.trace.TestFrames.MAC_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PacketLogTest {

    private final PacketLog log = new PacketLog();
    private final PacketLog brief = new PacketLog(false);

    private static final String A_TO_B = "02:00:00:00:00:01 > 02:00:00:00:00:02 ";

    private static ByteBuffer ipFrame(ByteBuffer datagram) {
        return TestFrames.ethernet(MAC_B, MAC_A, 0x0800, datagram);
    }

    private static ByteBuffer copy(ByteBuffer frame) {
        return ByteBuffer.wrap(TestFrames.bytes(frame));
    }

    @Test
    void arpRequestAndReply() {
        assertThat(log.format(1_234_567, "a", "eth0", Direction.OUTBOUND, TestFrames.arpRequestFrame()))
                .isEqualTo("0.001234567 a.eth0 > 02:00:00:00:00:01 > ff:ff:ff:ff:ff:ff ARP who-has 192.0.2.1 tell"
                        + " 192.0.2.10");
        assertThat(log.format(1_300_000, "a", "eth0", Direction.INBOUND, TestFrames.arpReplyFrame()))
                .isEqualTo("0.001300000 a.eth0 < 02:00:00:00:00:02 > 02:00:00:00:00:01 ARP 192.0.2.1 is-at"
                        + " 02:00:00:00:00:02");
        ByteBuffer gratuitous =
                TestFrames.ethernet(TestFrames.BROADCAST, MAC_A, 0x0806, TestFrames.arp(1, MAC_A, IP_A, 0, IP_A));
        assertThat(brief.describe(gratuitous)).isEqualTo("ARP who-has 192.0.2.10 tell 192.0.2.10 (gratuitous)");
        ByteBuffer reverse = TestFrames.ethernet(MAC_B, MAC_A, 0x0806, TestFrames.arp(3, MAC_A, IP_A, MAC_B, IP_GW));
        assertThat(brief.describe(reverse)).isEqualTo("ARP reverse-request 192.0.2.10 > 192.0.2.1");
    }

    @Test
    void icmpEcho() {
        assertThat(log.format(2_000_000_001L, "a", "eth0", Direction.OUTBOUND, TestFrames.icmpEchoRequestFrame()))
                .isEqualTo("2.000000001 a.eth0 > " + A_TO_B
                        + "IP 192.0.2.10 > 198.51.100.20: ICMP echo request id 1 seq 1 len 64");
        assertThat(brief.describe(TestFrames.icmpEchoReplyFrame()))
                .isEqualTo("IP 198.51.100.20 > 192.0.2.10: ICMP echo reply id 1 seq 1 len 64");
    }

    @Test
    void icmpErrorsNameWhatTheyQuote() {
        ByteBuffer probe =
                TestFrames.ipv4(IP_A, IP_B, 17, 1, 7, TestFrames.udp(IP_A, IP_B, 40000, 33434, new byte[12]));
        ByteBuffer portUnreachable = TestFrames.icmpError(3, 3, 0, probe, 28);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_B, IP_A, 1, 64, 9, portUnreachable))))
                .isEqualTo("IP 198.51.100.20 > 192.0.2.10: ICMP 198.51.100.20 udp port 33434 unreachable len 36");
        ByteBuffer timeExceeded = TestFrames.icmpError(11, 0, 0, probe, 28);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_GW, IP_A, 1, 64, 9, timeExceeded))))
                .isEqualTo("IP 192.0.2.1 > 192.0.2.10: ICMP time exceeded in-transit len 36");
        ByteBuffer fragNeeded = TestFrames.icmpError(3, 4, 1400, probe, 28);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_GW, IP_A, 1, 64, 9, fragNeeded))))
                .isEqualTo(
                        "IP 192.0.2.1 > 192.0.2.10: ICMP 198.51.100.20 unreachable - need to frag (mtu 1400) len 36");
        ByteBuffer netUnreachable = TestFrames.icmpError(3, 0, 0, probe, 28);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_GW, IP_A, 1, 64, 9, netUnreachable))))
                .isEqualTo("IP 192.0.2.1 > 192.0.2.10: ICMP net 198.51.100.20 unreachable len 36");
        ByteBuffer prohibited = TestFrames.icmpError(3, 13, 0, probe, 28);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_GW, IP_A, 1, 64, 9, prohibited))))
                .startsWith("IP 192.0.2.1 > 192.0.2.10: ICMP 198.51.100.20 unreachable (");
        ByteBuffer shortQuote = TestFrames.icmpError(3, 3, 0, probe, 10);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_B, IP_A, 1, 64, 9, shortQuote))))
                .isEqualTo("IP 198.51.100.20 > 192.0.2.10: ICMP unreachable (port unreachable, bad quote) len 18");
        ByteBuffer timestamp = TestFrames.icmpError(13, 0, 0, probe, 12);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_A, IP_B, 1, 64, 9, timestamp))))
                .isEqualTo("IP 192.0.2.10 > 198.51.100.20: ICMP timestamp len 20");
    }

    @Test
    void udp() {
        assertThat(log.format(3_999_999_999L, "a", "eth0", Direction.UNKNOWN, TestFrames.udpFrame()))
                .isEqualTo("3.999999999 a.eth0 - " + A_TO_B + "IP 192.0.2.10.40000 > 198.51.100.20.7: UDP, length 12");
    }

    @Test
    void tcpLinesShowRawNumbersFlagsAndOptions() {
        assertThat(log.format(4_000_000_000L, "a", "eth0", Direction.OUTBOUND, TestFrames.tcpSynFrame()))
                .isEqualTo("4.000000000 a.eth0 > " + A_TO_B + "IP 192.0.2.10.40000 > 198.51.100.20.80: Flags [S],"
                        + " seq 8633, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0");
        ByteBuffer synAck = TestFrames.tcp(IP_B, IP_A, 80, 40000, 303, 8634, 0x12, 65535, new byte[0], new byte[0]);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_B, IP_A, 6, 64, 1, synAck))))
                .isEqualTo(
                        "IP 198.51.100.20.80 > 192.0.2.10.40000: Flags [S.], seq 303, ack 8634, win 65535, length 0");
        byte[] data = "GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] sack = {1, 1, 5, 10, 0, 0, 0, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        ByteBuffer push = TestFrames.tcp(IP_A, IP_B, 40000, 80, 0xFFFF_FFF0L, 304, 0x18, 502, sack, data);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_A, IP_B, 6, 64, 1, push))))
                .isEqualTo("IP 192.0.2.10.40000 > 198.51.100.20.80: Flags [P.], seq 4294967280:2, ack 304, win 502,"
                        + " options [nop,nop,sack 1 {1:4294967295}], length 18");
        byte[] odd = {(byte) 200, 4, (byte) 0xAB, (byte) 0xCD, 0, 0, 0, 0};
        ByteBuffer finUrg = TestFrames.tcp(IP_A, IP_B, 1, 2, 5, 6, 0x31, 7, odd, new byte[0]);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_A, IP_B, 6, 64, 1, finUrg))))
                .isEqualTo("IP 192.0.2.10.1 > 198.51.100.20.2: Flags [F.U], seq 5, ack 6, win 7, urg 0,"
                        + " options [unknown-200 0xabcd], length 0");
        ByteBuffer none = TestFrames.tcp(IP_A, IP_B, 1, 2, 5, 6, 0, 7, new byte[0], new byte[0]);
        assertThat(brief.describe(ipFrame(TestFrames.ipv4(IP_A, IP_B, 6, 64, 1, none))))
                .isEqualTo("IP 192.0.2.10.1 > 198.51.100.20.2: Flags [none], seq 5, win 7, length 0");
    }

    @Test
    void fragmentsAreShownAsSuch() {
        ByteBuffer udp = TestFrames.udp(IP_A, IP_B, 40000, 7, new byte[40]);
        ByteBuffer first = TestFrames.ipv4Fragment(IP_A, IP_B, 17, 77, 0x2000, udp.limit(24));
        assertThat(brief.describe(ipFrame(first)))
                .isEqualTo("IP 192.0.2.10.40000 > 198.51.100.20.7: UDP, length 40 (first fragment id 77)");
        ByteBuffer later = TestFrames.ipv4Fragment(IP_A, IP_B, 17, 77, 3, ByteBuffer.wrap(new byte[24]));
        assertThat(brief.describe(ipFrame(later)))
                .isEqualTo("IP 192.0.2.10 > 198.51.100.20: fragment id 77 offset 24 proto UDP length 24");
        ByteBuffer middle = TestFrames.ipv4Fragment(IP_A, IP_B, 6, 78, 0x2000 | 3, ByteBuffer.wrap(new byte[8]));
        assertThat(brief.describe(ipFrame(middle)))
                .isEqualTo("IP 192.0.2.10 > 198.51.100.20: fragment id 78 offset 24+ proto TCP length 8");
    }

    @Test
    void otherProtocolsVlansAndEtherTypes() {
        ByteBuffer gre = TestFrames.ipv4(IP_A, IP_B, 47, 64, 1, ByteBuffer.wrap(new byte[4]));
        assertThat(brief.describe(ipFrame(gre))).isEqualTo("IP 192.0.2.10 > 198.51.100.20: proto GRE, length 4");
        ByteBuffer lldp = TestFrames.ethernet(MAC_B, MAC_A, 0x88CC, ByteBuffer.wrap(new byte[46]));
        assertThat(log.describe(lldp)).isEqualTo(A_TO_B + "ethertype 0x88cc, length 60");
        ByteBuffer ip6 = TestFrames.ethernet(MAC_B, MAC_A, 0x86DD, ByteBuffer.wrap(new byte[40]));
        assertThat(brief.describe(ip6)).isEqualTo("ethertype IPv6, length 54");
        byte[] plain = TestFrames.bytes(TestFrames.icmpEchoRequestFrame());
        ByteBuffer tagged = ByteBuffer.allocate(plain.length + 4);
        tagged.put(plain, 0, 12).putShort((short) 0x8100).putShort((short) 10).put(plain, 12, plain.length - 12);
        assertThat(log.describe(tagged.flip()))
                .isEqualTo(A_TO_B + "vlan 10 IP 192.0.2.10 > 198.51.100.20: ICMP echo request id 1 seq 1 len 64");
    }

    @Test
    void malformedFramesSayWhereTheyBroke() {
        assertThat(log.describe(ByteBuffer.wrap(new byte[10]))).isEqualTo("[malformed Ethernet: TRUNCATED]");
        ByteBuffer badIp = copy(TestFrames.icmpEchoRequestFrame());
        badIp.put(14 + 10, (byte) (badIp.get(14 + 10) ^ 1));
        assertThat(log.describe(badIp)).isEqualTo(A_TO_B + "[malformed IPv4: BAD_CHECKSUM]");
        ByteBuffer badIcmp = copy(TestFrames.icmpEchoRequestFrame());
        badIcmp.put(60, (byte) 1);
        assertThat(brief.describe(badIcmp)).isEqualTo("IP 192.0.2.10 > 198.51.100.20: [malformed ICMP: BAD_CHECKSUM]");
        ByteBuffer badUdp = copy(TestFrames.udpFrame());
        badUdp.put(14 + 28, (byte) 'H');
        assertThat(brief.describe(badUdp)).isEqualTo("IP 192.0.2.10 > 198.51.100.20: [malformed UDP: BAD_CHECKSUM]");
        ByteBuffer badTcp = copy(TestFrames.tcpSynFrame());
        badTcp.put(14 + 20 + 4, (byte) 1);
        assertThat(brief.describe(badTcp)).isEqualTo("IP 192.0.2.10 > 198.51.100.20: [malformed TCP: BAD_CHECKSUM]");
        ByteBuffer shortArp = TestFrames.arpRequestFrame().limit(14 + 20);
        assertThat(brief.describe(shortArp)).isEqualTo("[malformed ARP: TRUNCATED]");
        ByteBuffer truncatedIp = TestFrames.tcpSynFrame().limit(30);
        assertThat(brief.describe(truncatedIp)).isEqualTo("[malformed IPv4: TRUNCATED]");
    }

    @Test
    void describingLeavesTheBufferAsItWas() {
        byte[] raw = TestFrames.bytes(TestFrames.tcpSynFrame());
        ByteBuffer b = ByteBuffer.allocate(raw.length + 10)
                .position(5)
                .put(raw)
                .position(5)
                .limit(5 + raw.length);
        String line = brief.describe(b);
        assertThat(line).startsWith("IP 192.0.2.10.40000 > 198.51.100.20.80: Flags [S]");
        assertThat(b.position()).isEqualTo(5);
        assertThat(b.limit()).isEqualTo(5 + raw.length);
    }

    @Test
    void nullNodeOrInterfaceIsLeftOut() {
        assertThat(brief.format(0, null, "tap0", Direction.INBOUND, TestFrames.arpReplyFrame()))
                .isEqualTo("0.000000000 tap0 < ARP 192.0.2.1 is-at 02:00:00:00:00:02");
        assertThat(brief.format(0, "h", null, Direction.INBOUND, TestFrames.arpReplyFrame()))
                .isEqualTo("0.000000000 h < ARP 192.0.2.1 is-at 02:00:00:00:00:02");
    }

    // ---- never throws -----------------------------------------------------------------------------------------

    @Property(tries = 2000)
    void randomBytesNeverThrow(@ForAll @Size(max = 200) byte[] bytes) {
        assertWellFormed(log.describe(ByteBuffer.wrap(bytes)));
    }

    @Property(tries = 3000)
    void mutatedRealFramesNeverThrow(
            @ForAll("frames") byte[] frame,
            @ForAll @IntRange(min = 0, max = 120) int index,
            @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 130) int cut) {
        frame[index % frame.length] = value;
        ByteBuffer mutated = ByteBuffer.wrap(frame, 0, Math.max(0, frame.length - cut % (frame.length + 1)));
        assertWellFormed(log.format(1, "n", "i", Direction.INBOUND, mutated));
    }

    @Provide
    Arbitrary<byte[]> frames() {
        ByteBuffer probe =
                TestFrames.ipv4(IP_A, IP_B, 17, 1, 7, TestFrames.udp(IP_A, IP_B, 40000, 33434, new byte[12]));
        return Arbitraries.of(
                        TestFrames.arpRequestFrame(),
                        TestFrames.icmpEchoRequestFrame(),
                        TestFrames.udpFrame(),
                        TestFrames.tcpSynFrame(),
                        ipFrame(TestFrames.ipv4(IP_B, IP_A, 1, 64, 9, TestFrames.icmpError(3, 3, 0, probe, 28))))
                .map(TestFrames::bytes);
    }

    private static void assertWellFormed(String line) {
        assertThat(line).doesNotContain("decoder error").doesNotContain("\n");
    }
}
