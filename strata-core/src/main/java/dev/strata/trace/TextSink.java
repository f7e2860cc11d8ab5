package dev.strata.trace;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A sink that prints one line per event to a {@link PrintStream}, the readable trace of the demos:
 *
 * <pre>
 * 0.000000000 client.eth0 &gt; 02:00:00:00:00:01 &gt; 02:00:00:00:00:02 IP 192.0.2.10.40000 &gt; 198.51.100.20.80: Flags [S], ...
 * 0.000000000 client TCP 192.0.2.10:40000-198.51.100.20:80 CLOSED -&gt; SYN-SENT
 * 0.000120000 Client &gt; Server: ClientHello
 * 0.000130000 server: cwnd 14600
 * </pre>
 *
 * <p>Packets are formatted by a {@link PacketLog}. The stream is the caller's: {@link #close()} flushes it but leaves
 * it open (it is often {@code System.out}).
 */
public final class TextSink implements TraceSink {

    private final PrintStream out;
    private final PacketLog log;
    private final StringBuilder line = new StringBuilder(200);

    /** A sink printing to {@code out} with MAC addresses shown. */
    public TextSink(PrintStream out) {
        this(out, new PacketLog());
    }

    /** A sink printing to {@code out}, packets formatted by {@code log}. */
    public TextSink(PrintStream out, PacketLog log) {
        this.out = Objects.requireNonNull(out, "out");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        line.setLength(0);
        print(log.format(line, timeNanos, node, iface, direction, frame));
    }

    @Override
    public void tcpState(long timeNanos, String node, String connection, String from, String to) {
        line.setLength(0);
        TraceTime.append(line, timeNanos)
                .append(' ')
                .append(node)
                .append(" TCP ")
                .append(connection);
        print(line.append(' ').append(from).append(" -> ").append(to));
    }

    @Override
    public void message(long timeNanos, String from, String to, String label) {
        line.setLength(0);
        TraceTime.append(line, timeNanos).append(' ').append(from).append(" > ").append(to);
        print(line.append(": ").append(label));
    }

    @Override
    public void note(long timeNanos, String node, String text) {
        line.setLength(0);
        print(TraceTime.append(line, timeNanos)
                .append(' ')
                .append(node)
                .append(": ")
                .append(text));
    }

    /** Flushes the stream; fails when the stream has seen an error. */
    @Override
    public void flush() throws IOException {
        out.flush();
        if (out.checkError()) {
            throw new IOException("the text trace's output stream failed");
        }
    }

    /** Flushes the stream without closing it. */
    @Override
    public void close() throws IOException {
        flush();
    }

    private void print(StringBuilder sb) {
        sb.append('\n');
        out.append(sb);
    }
}
