package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Tshark;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checks that the {@link Tshark} test helper really catches what it is used to rule out. */
class TsharkRefereeTest {

    @TempDir
    Path dir;

    private Path capture(ByteBuffer... frames) throws IOException {
        Path file = dir.resolve("c.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file)) {
            int id = w.addInterface("x", LinkType.ETHERNET, 0);
            long t = 0;
            for (ByteBuffer f : frames) {
                w.write(id, t += 1000, f, Direction.OUTBOUND);
            }
        }
        return file;
    }

    private static ByteBuffer flipped(ByteBuffer frame, int index) {
        ByteBuffer copy = ByteBuffer.wrap(TestFrames.bytes(frame));
        copy.put(index, (byte) (copy.get(index) ^ 0x01));
        return copy;
    }

    @Test
    void cleanFramesHaveNoProblems() throws IOException {
        Path file = capture(TestFrames.icmpEchoRequestFrame(), TestFrames.udpFrame(), TestFrames.tcpSynFrame());
        assertThat(Tshark.problems(file)).isEmpty();
    }

    @Test
    void reportsBadChecksumsInEveryLayer() throws IOException {
        Path file = capture(
                flipped(TestFrames.icmpEchoRequestFrame(), 14 + 10), // IPv4 header checksum
                flipped(TestFrames.icmpEchoRequestFrame(), 14 + 20 + 8), // ICMP data
                flipped(TestFrames.udpFrame(), 14 + 20 + 8), // UDP payload
                flipped(TestFrames.tcpSynFrame(), 14 + 20 + 4)); // TCP sequence number
        assertThat(Tshark.problems(file))
                .hasSize(4)
                .allSatisfy(p -> assertThat(p).contains("Bad checksum"));
    }

    @Test
    void reportsMalformedPackets() throws IOException {
        ByteBuffer truncated = TestFrames.tcpSynFrame().limit(40);
        Path file = capture(truncated);
        assertThat(Tshark.problems(file)).singleElement().asString().contains("Malformed");
    }

    @Test
    void unreadableFileIsAnIoExceptionWithTsharksMessage() throws IOException {
        Path junk = dir.resolve("junk.pcapng");
        Files.write(junk, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> Tshark.lines(junk, null))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("tshark exited");
    }
}
