package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Tshark;
import dev.strata.trace.PcapngBlock.EnhancedPacket;
import dev.strata.trace.PcapngBlock.InterfaceDescription;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngSinkTest {

    @TempDir
    Path dir;

    /** A ping across a router: a (eth0) -- r (eth0, eth1) -- b (eth0), each frame traced at sender and receiver. */
    private static void ping(TraceSink sink) {
        ByteBuffer request = TestFrames.icmpEchoRequestFrame();
        ByteBuffer reply = TestFrames.icmpEchoReplyFrame();
        sink.packet(1_000, "a", "eth0", Direction.OUTBOUND, request);
        sink.packet(2_000, "r", "eth0", Direction.INBOUND, request);
        sink.packet(3_000, "r", "eth1", Direction.OUTBOUND, request);
        sink.packet(4_000, "b", "eth0", Direction.INBOUND, request);
        sink.packet(5_000, "b", "eth0", Direction.OUTBOUND, reply);
        sink.packet(6_000, "r", "eth1", Direction.INBOUND, reply);
        sink.packet(7_000, "r", "eth0", Direction.OUTBOUND, reply);
        sink.packet(8_000, "a", "eth0", Direction.INBOUND, reply);
    }

    private static final Map<String, String> LINKS =
            Map.of("a.eth0", "lan-a", "r.eth0", "lan-a", "r.eth1", "wan/b", "b.eth0", "wan/b");

    private static String linkOf(String node, String iface) {
        return LINKS.get(node + "." + iface);
    }

    @Test
    void oneFileWithAnInterfacePerEndpoint() throws IOException {
        Path file = dir.resolve("all.pcapng");
        try (PcapngSink sink = PcapngSink.toFile(file)) {
            ping(sink);
        }
        assertThat(Tshark.fields(file, null, "frame.time_epoch", "frame.interface_name", "frame.p2p_dir", "icmp.type"))
                .containsExactly(
                        List.of("0.000001000", "a.eth0", "0", "8"),
                        List.of("0.000002000", "r.eth0", "1", "8"),
                        List.of("0.000003000", "r.eth1", "0", "8"),
                        List.of("0.000004000", "b.eth0", "1", "8"),
                        List.of("0.000005000", "b.eth0", "0", "0"),
                        List.of("0.000006000", "r.eth1", "1", "0"),
                        List.of("0.000007000", "r.eth0", "0", "0"),
                        List.of("0.000008000", "a.eth0", "1", "0"));
        assertThat(Tshark.problems(file)).isEmpty();
        assertThat(PcapngReader.readAll(file).interfaces())
                .extracting(InterfaceDescription::name)
                .containsExactly("a.eth0", "r.eth0", "r.eth1", "b.eth0");
    }

    @Test
    void oneInterfacePerLinkWithOutboundFramesOnly() throws IOException {
        Path file = dir.resolve("links.pcapng");
        try (PcapngSink sink = PcapngSink.toWriter(PcapngWriter.open(file), PcapngSinkTest::linkOf)
                .only(Direction.OUTBOUND)) {
            ping(sink);
        }
        PcapngCapture c = PcapngReader.readAll(file);
        assertThat(c.interfaces()).extracting(InterfaceDescription::name).containsExactly("lan-a", "wan/b");
        assertThat(c.packets())
                .extracting(p -> c.interfaceOf(p).name() + "@" + p.timeNanos())
                .containsExactly("lan-a@1000", "wan/b@3000", "wan/b@5000", "lan-a@7000");
    }

    @Test
    void oneFilePerLinkInADirectory() throws IOException {
        Path out = dir.resolve("caps");
        try (PcapngSink sink = PcapngSink.perLink(out, PcapngSinkTest::linkOf)) {
            ping(sink);
            sink.packet(9_000, "unlinked", "eth9", Direction.OUTBOUND, TestFrames.udpFrame());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("lan-a.pcapng", "wan_b.pcapng");
        }
        PcapngCapture lan = PcapngReader.readAll(out.resolve("lan-a.pcapng"));
        assertThat(lan.interfaces()).extracting(InterfaceDescription::name).containsExactly("a.eth0", "r.eth0");
        assertThat(lan.packets()).extracting(EnhancedPacket::timeNanos).containsExactly(1000L, 2000L, 7000L, 8000L);
        assertThat(Tshark.fields(out.resolve("wan_b.pcapng"), null, "frame.interface_name", "frame.p2p_dir"))
                .containsExactly(
                        List.of("r.eth1", "0"), List.of("b.eth0", "1"), List.of("b.eth0", "0"), List.of("r.eth1", "1"));
        assertThat(Tshark.problems(out.resolve("wan_b.pcapng"))).isEmpty();
    }

    @Test
    void linkNamesThatCollideAfterCleaningGetDistinctFiles() throws IOException {
        Path out = dir.resolve("caps");
        try (PcapngSink sink = PcapngSink.perLink(out, (node, iface) -> node)) {
            sink.packet(1, "x/y", "e", Direction.OUTBOUND, TestFrames.udpFrame());
            sink.packet(2, "x:y", "e", Direction.OUTBOUND, TestFrames.udpFrame());
            sink.packet(3, ".hidden", "e", Direction.OUTBOUND, TestFrames.udpFrame());
        }
        try (Stream<Path> files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("_.hidden.pcapng", "x_y-2.pcapng", "x_y.pcapng");
        }
    }

    @Test
    void sameEventsGiveByteIdenticalFiles() throws IOException {
        Path one = dir.resolve("1");
        Path two = dir.resolve("2");
        for (Path d : List.of(one, two)) {
            try (PcapngSink sink = PcapngSink.perLink(d, PcapngSinkTest::linkOf)) {
                ping(sink);
            }
        }
        for (String f : List.of("lan-a.pcapng", "wan_b.pcapng")) {
            assertThat(Files.readAllBytes(one.resolve(f))).isEqualTo(Files.readAllBytes(two.resolve(f)));
        }
    }

    @Test
    void epochOffsetAndSnapLengthApply() throws IOException {
        Path file = dir.resolve("o.pcapng");
        try (PcapngSink sink =
                PcapngSink.toFile(file).epochOffset(1_700_000_000_000_000_000L).snapLength(42)) {
            sink.packet(5, "a", "eth0", Direction.OUTBOUND, TestFrames.icmpEchoRequestFrame());
        }
        assertThat(Tshark.fields(file, null, "frame.time_epoch", "frame.cap_len", "frame.len"))
                .containsExactly(List.of("1700000000.000000005", "42", "98"));
    }

    @Test
    void writingAFrameAllocatesNothing() throws IOException {
        ByteBuffer frame = TestFrames.tcpSynFrame();
        OutputStream discard = OutputStream.nullOutputStream();
        try (PcapngSink sink = PcapngSink.toWriter(new PcapngWriter(discard, "t"), PcapngSink.ENDPOINTS)) {
            long bytes = Allocations.bytesAllocatedBy(() -> {
                for (int i = 0; i < 100_000; i++) {
                    sink.packet(i, "client", "eth0", Direction.OUTBOUND, frame);
                    sink.packet(i, "server", "eth0", Direction.INBOUND, frame);
                }
            });
            assertThat(bytes).as("bytes allocated for 200,000 frames").isLessThan(4096);
        }
    }

    @Test
    void anIoFailureStopsTheSinkAndSurfacesOnClose() {
        OutputStream broken = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("disk full");
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw new IOException("disk full");
            }
        };
        PcapngSink sink = PcapngSink.toWriter(new PcapngWriter(broken, "t"), PcapngSink.ENDPOINTS);
        ByteBuffer big = ByteBuffer.allocate(70_000);
        sink.packet(1, "a", "eth0", Direction.OUTBOUND, big); // fills the buffer: the write fails, quietly
        sink.packet(2, "a", "eth0", Direction.OUTBOUND, big);
        assertThat(sink.failure()).hasMessage("disk full");
        assertThatThrownBy(sink::flush).hasMessage("disk full");
        assertThatThrownBy(sink::close).hasMessage("disk full");
    }

    @Test
    void aBadEventStopsTheSinkWithoutThrowing() {
        PcapngSink sink =
                PcapngSink.toWriter(new PcapngWriter(OutputStream.nullOutputStream(), "t"), PcapngSink.ENDPOINTS);
        sink.packet(-5, "a", "eth0", Direction.OUTBOUND, TestFrames.udpFrame());
        assertThat(sink.failure()).hasMessageContaining("negative timestamp -5");
        assertThatThrownBy(sink::close).hasMessageContaining("negative timestamp");
    }

    @Test
    void skippedEndpointsWriteNothing() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngSink sink = PcapngSink.toWriter(new PcapngWriter(out, "t"), (n, i) -> n.equals("a") ? "a" : null)) {
            ping(sink);
        }
        PcapngCapture c = PcapngReader.readAll(save(out.toByteArray()));
        assertThat(c.packets()).extracting(EnhancedPacket::timeNanos).containsExactly(1000L, 8000L);
    }

    private Path save(byte[] bytes) throws IOException {
        Path f = dir.resolve("saved.pcapng");
        Files.write(f, bytes);
        return f;
    }
}
