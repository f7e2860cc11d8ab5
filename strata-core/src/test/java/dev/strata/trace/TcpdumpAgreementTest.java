package dev.strata.trace;

import static dev.strata.trace.TestFrames.IP_A;
import static dev.strata.trace.TestFrames.IP_B;
import static dev.strata.trace.TestFrames.MAC_A;
import static dev.strata.trace.TestFrames.MAC_B;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.Tshark;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packet log prints TCP and UDP as tcpdump does with {@code -nn -S} (numeric, absolute sequence numbers): for
 * those lines tcpdump itself, reading our pcapng, is the referee.
 */
class TcpdumpAgreementTest {

    @TempDir
    Path dir;

    private static ByteBuffer frame(ByteBuffer datagram) {
        return TestFrames.ethernet(MAC_B, MAC_A, 0x0800, datagram);
    }

    private static ByteBuffer tcp(long seq, long ack, int flags, int window, byte[] options, int dataLength) {
        ByteBuffer seg =
                TestFrames.tcp(IP_A, IP_B, 40000, 5001, seq, ack, flags, window, options, new byte[dataLength]);
        return frame(TestFrames.ipv4(IP_A, IP_B, 6, 64, 1, seg));
    }

    @Test
    void tcpAndUdpLinesMatchTcpdump() throws IOException {
        byte[] sack = {1, 1, 5, 18, 0, 0, 0, 10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40};
        byte[] ts = {1, 1, 8, 10, 0, 0, 0, 7, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE};
        List<ByteBuffer> frames = List.of(
                TestFrames.tcpSynFrame(),
                tcp(303, 8634, 0x12, 64240, new byte[] {2, 4, 5, (byte) 0xB4, 1, 1, 4, 2}, 0),
                tcp(8634, 304, 0x18, 502, ts, 100),
                tcp(0xFFFF_FF00L, 304, 0x10, 502, sack, 1448),
                tcp(8734, 304, 0x11, 502, new byte[0], 0),
                tcp(9000, 0, 0x04, 0, new byte[0], 0),
                tcp(9000, 1, 0x14, 0, new byte[0], 0),
                tcp(9000, 1, 0x30, 10, new byte[0], 5),
                tcp(1, 2, 0xC2, 10, new byte[0], 0),
                TestFrames.udpFrame(),
                frame(TestFrames.ipv4(IP_A, IP_B, 17, 64, 1, TestFrames.udp(IP_A, IP_B, 33000, 44000, new byte[300]))));
        Path file = dir.resolve("tcp.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file)) {
            int id = w.addInterface("x", LinkType.ETHERNET, 0);
            for (int i = 0; i < frames.size(); i++) {
                w.write(id, i, frames.get(i), Direction.OUTBOUND);
            }
        }
        Tshark.Run run = Tshark.exec(List.of("tcpdump", "-nn", "-S", "-t", "-r", file.toString()));
        assertThat(run.exitCode()).as(run.stderr()).isZero();
        PacketLog brief = new PacketLog(false);
        List<String> ours = new ArrayList<>();
        for (ByteBuffer f : frames) {
            ours.add(brief.describe(f));
        }
        assertThat(ours).containsExactlyElementsOf(run.stdout());
    }

    @Test
    void theOneDeliberateDifferenceIsThatPureAcksShowTheirSequenceNumber() throws IOException {
        ByteBuffer ack = tcp(8634, 304, 0x10, 502, new byte[0], 0);
        Path file = dir.resolve("ack.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file)) {
            w.write(w.addInterface("x", LinkType.ETHERNET, 0), 0, ack, Direction.OUTBOUND);
        }
        Tshark.Run run = Tshark.exec(List.of("tcpdump", "-nn", "-S", "-t", "-r", file.toString()));
        String tcpdump = run.stdout().getFirst();
        assertThat(tcpdump)
                .isEqualTo("IP 192.0.2.10.40000 > 198.51.100.20.5001: Flags [.], ack 304, win 502, length 0");
        // The seed notes' handshake reads "ACK 8634 ack 304": the learner needs the sequence number of every segment.
        assertThat(new PacketLog(false).describe(ack)).isEqualTo(tcpdump.replace("[.], ack", "[.], seq 8634, ack"));
    }
}
