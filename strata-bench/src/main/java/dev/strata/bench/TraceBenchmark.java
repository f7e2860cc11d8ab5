package dev.strata.bench;

import dev.strata.trace.Direction;
import dev.strata.trace.LinkType;
import dev.strata.trace.PacketLabel;
import dev.strata.trace.PacketLog;
import dev.strata.trace.PcapngSink;
import dev.strata.trace.PcapngWriter;
import dev.strata.trace.Trace;
import dev.strata.wire.Checksums;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of tracing one frame: a pcapng Enhanced Packet Block (to a discarding stream, so only the encoding is
 * measured), the pcapng sink's lookup plus block, a tcpdump-style log line, a diagram label, and a disabled trace.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class TraceBenchmark {

    /** Frame size: a TCP SYN (74 octets) or a full-size data segment (1514 octets). */
    @Param({"74", "1514"})
    public int frameLength;

    private ByteBuffer frame;
    private PcapngWriter writer;
    private int interfaceId;
    private PcapngSink sink;
    private final PacketLog log = new PacketLog();
    private final StringBuilder line = new StringBuilder(256);
    private final Trace off = Trace.NONE;
    private long time;

    /** A benchmark state; JMH creates it. */
    public TraceBenchmark() {}

    /** Builds a TCP/IPv4/Ethernet frame with valid checksums and opens writers to a discarding stream. */
    @Setup
    public void setUp() throws IOException {
        frame = tcpFrame(frameLength - 54);
        writer = new PcapngWriter(OutputStream.nullOutputStream(), "bench");
        interfaceId = writer.addInterface("a.eth0", LinkType.ETHERNET, 0);
        sink = PcapngSink.toWriter(new PcapngWriter(OutputStream.nullOutputStream(), "bench"), PcapngSink.ENDPOINTS);
    }

    /** Closes the writers. */
    @TearDown
    public void tearDown() throws IOException {
        writer.close();
        sink.close();
    }

    /** One Enhanced Packet Block. */
    @Benchmark
    public void pcapngWrite() throws IOException {
        writer.write(interfaceId, time++, frame, Direction.OUTBOUND);
    }

    /** One frame through the pcapng sink (endpoint lookup, then the block). */
    @Benchmark
    public void pcapngSink() {
        sink.packet(time++, "client", "eth0", Direction.OUTBOUND, frame);
    }

    /** One packet-log line, reusing the builder. */
    @Benchmark
    public int packetLogLine() {
        line.setLength(0);
        return log.format(line, time++, "client", "eth0", Direction.OUTBOUND, frame)
                .length();
    }

    /** One diagram label. */
    @Benchmark
    public String packetLabel() {
        return PacketLabel.of(frame);
    }

    /** A frame offered to a disabled trace, guarded as the stack guards it. */
    @Benchmark
    public boolean disabledTrace() {
        if (off.enabled()) {
            off.packet(time++, "client", "eth0", Direction.OUTBOUND, frame);
            return true;
        }
        return false;
    }

    private static ByteBuffer tcpFrame(int dataLength) {
        int src = 0xC000_020A;
        int dst = 0xC633_6414;
        ByteBuffer b = ByteBuffer.allocate(54 + dataLength);
        b.putLong(0, 0x0200_0000_0002_0200L).putInt(8, 0x0000_0001).putShort(12, (short) 0x0800);
        b.put(14, (byte) 0x45).putShort(16, (short) (40 + dataLength)).putShort(20, (short) 0x4000);
        b.put(22, (byte) 64).put(23, (byte) 6).putInt(26, src).putInt(30, dst);
        b.putShort(24, (short) Checksums.checksum(b, 14, 20));
        b.putShort(34, (short) 40000).putShort(36, (short) 80).putInt(38, 8634).putInt(42, 304);
        b.put(46, (byte) 0x50).put(47, (byte) 0x18).putShort(48, (short) 502);
        long sum = Checksums.pseudoHeaderV4(src, dst, 6, 20 + dataLength) + Checksums.sum(b, 34, 20 + dataLength);
        b.putShort(50, (short) Checksums.finish(sum));
        return b;
    }
}
