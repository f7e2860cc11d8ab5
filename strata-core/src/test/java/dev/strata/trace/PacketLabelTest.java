package dev.strata.trace;

import static dev.strata.trace.TestFrames.IP_A;
import static dev.strata.trace.TestFrames.IP_B;
import static dev.strata.trace.TestFrames.IP_GW;
import static dev.strata.trace.TestFrames.MAC_A;
import static dev.strata.trace.TestFrames.MAC_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class PacketLabelTest {

    private static ByteBuffer tcp(int src, int dst, int sp, int dp, long seq, long ack, int flags, int dataLength) {
        ByteBuffer seg = TestFrames.tcp(src, dst, sp, dp, seq, ack, flags, 65535, new byte[0], new byte[dataLength]);
        long dmac = src == IP_A ? MAC_B : MAC_A;
        long smac = src == IP_A ? MAC_A : MAC_B;
        return TestFrames.ethernet(dmac, smac, 0x0800, TestFrames.ipv4(src, dst, 6, 64, 1, seg));
    }

    @Test
    void labelsNameFlagsAndRawNumbers() {
        assertThat(PacketLabel.of(TestFrames.tcpSynFrame())).isEqualTo("SYN seq=8633");
        assertThat(PacketLabel.of(tcp(IP_B, IP_A, 80, 40000, 303, 8634, 0x12, 0)))
                .isEqualTo("SYN, ACK seq=303 ack=8634");
        assertThat(PacketLabel.of(tcp(IP_A, IP_B, 40000, 80, 8634, 304, 0x18, 100)))
                .isEqualTo("PSH, ACK seq=8634 ack=304 len=100");
        assertThat(PacketLabel.of(tcp(IP_A, IP_B, 40000, 80, 8734, 304, 0x19, 0)))
                .isEqualTo("FIN, PSH, ACK seq=8734 ack=304");
        assertThat(PacketLabel.of(tcp(IP_A, IP_B, 40000, 80, 0xFFFF_FFFFL, 0, 0x04, 0)))
                .isEqualTo("RST seq=4294967295");
        assertThat(PacketLabel.of(tcp(IP_A, IP_B, 40000, 80, 1, 0, 0xC0, 0))).isEqualTo("ECE, CWR seq=1");
        assertThat(PacketLabel.of(tcp(IP_A, IP_B, 40000, 80, 1, 0, 0, 0))).isEqualTo("no flags seq=1");
        assertThat(PacketLabel.of(TestFrames.arpRequestFrame())).isEqualTo("ARP who-has 192.0.2.1");
        assertThat(PacketLabel.of(TestFrames.arpReplyFrame())).isEqualTo("ARP 192.0.2.1 is-at 02:00:00:00:00:02");
        assertThat(PacketLabel.of(TestFrames.icmpEchoRequestFrame())).isEqualTo("ICMP echo request id=1 seq=1");
        assertThat(PacketLabel.of(TestFrames.icmpEchoReplyFrame())).isEqualTo("ICMP echo reply id=1 seq=1");
        assertThat(PacketLabel.of(TestFrames.udpFrame())).isEqualTo("UDP 40000 > 7 len=12");
        ByteBuffer probe = TestFrames.ipv4(IP_A, IP_B, 17, 1, 7, TestFrames.udp(IP_A, IP_B, 1, 33434, new byte[4]));
        ByteBuffer exceeded = TestFrames.icmpError(11, 0, 0, probe, 28);
        assertThat(PacketLabel.of(
                        TestFrames.ethernet(MAC_A, MAC_B, 0x0800, TestFrames.ipv4(IP_GW, IP_A, 1, 64, 2, exceeded))))
                .isEqualTo("ICMP time exceeded");
        ByteBuffer unreachable = TestFrames.icmpError(3, 3, 0, probe, 28);
        assertThat(PacketLabel.of(
                        TestFrames.ethernet(MAC_A, MAC_B, 0x0800, TestFrames.ipv4(IP_B, IP_A, 1, 64, 2, unreachable))))
                .isEqualTo("ICMP port unreachable");
        ByteBuffer bad = ByteBuffer.wrap(TestFrames.bytes(TestFrames.tcpSynFrame()));
        bad.put(40, (byte) 0x55);
        assertThat(PacketLabel.of(bad)).isEqualTo("[malformed TCP: BAD_CHECKSUM]");
    }

    @Test
    void drawsTheSeedHandshakeFromFrames() {
        SequenceDiagram d = new SequenceDiagram();
        Map<Ip4, String> who = Map.of(new Ip4(IP_A), "Client", new Ip4(IP_B), "Server");
        Trace trace = Trace.of(new DiagramSink(d, null, PacketLabel.arrowsByAddress(who), DiagramSink.NOTE_OVER_NODE));
        trace.tcpState(0, "Server", "s", "CLOSED", "LISTEN");
        trace.tcpState(0, "Client", "c", "CLOSED", "SYN-SENT");
        trace.packet(0, "Client", "eth0", Direction.OUTBOUND, tcp(IP_A, IP_B, 40000, 80, 8633, 0, 0x02, 0));
        trace.packet(1, "Server", "eth0", Direction.INBOUND, tcp(IP_A, IP_B, 40000, 80, 8633, 0, 0x02, 0));
        trace.tcpState(1, "Server", "s", "LISTEN", "SYN-RECEIVED");
        trace.packet(1, "Server", "eth0", Direction.OUTBOUND, tcp(IP_B, IP_A, 80, 40000, 303, 8634, 0x12, 0));
        trace.tcpState(2, "Client", "c", "SYN-SENT", "ESTABLISHED");
        trace.packet(2, "Client", "eth0", Direction.OUTBOUND, tcp(IP_A, IP_B, 40000, 80, 8634, 304, 0x10, 0));
        trace.tcpState(3, "Server", "s", "SYN-RECEIVED", "ESTABLISHED");
        trace.packet(
                3,
                "Client",
                "eth0",
                Direction.OUTBOUND,
                TestFrames.icmpEchoRequestFrame().limit(20));
        assertThat(d.render()).isEqualTo("""
                        sequenceDiagram
                            participant Server
                            participant Client
                            Note over Server: LISTEN
                            Note over Client: SYN-SENT
                            Client->>Server: SYN seq=8633
                            Note over Server: SYN-RECEIVED
                            Server->>Client: SYN, ACK seq=303 ack=8634
                            Note over Client: ESTABLISHED
                            Client->>Server: ACK seq=8634 ack=304
                            Note over Server: ESTABLISHED
                        """);
    }

    @Property(tries = 1000)
    void labellingNeverThrows(@ForAll @Size(max = 120) byte[] bytes) {
        assertThat(PacketLabel.of(ByteBuffer.wrap(bytes))).doesNotContain("decoder error");
    }
}
