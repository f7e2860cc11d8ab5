package dev.strata.bench.tcp;

import dev.strata.bench.BulkSource;
import dev.strata.bench.PointToPoint;
import dev.strata.host.Host;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;

/**
 * A bulk transfer between two Strata hosts in one JVM: a sender writes {@code bytes} octets as fast as the send
 * buffer takes them, a receiver reads them, over one simulated link with no delay, no rate limit and no impairment
 * ({@link LinkParams#IDEAL}), with the given MTU at both ends. The whole stack runs on the calling thread in virtual
 * time, so the wall time measures only the stack's own work: segmentation, headers, checksums, copies, ACKs.
 */
public final class StrataBulk {

    /** The application's read and write size, the same as the kernel reference uses. */
    static final int APP_CHUNK = 256 * 1024;

    /**
     * Socket buffers: 256 KiB, so the window (scaled, RFC 7323) never limits a transfer over a link without delay,
     * while the octets in flight stay in the caches; 4 MiB costs about 15% at MTU 65535 for no gain in window.
     */
    static final int BUFFER = 256 * 1024;

    private static final Ip4 SENDER = Ip4.parse("192.0.2.1");
    private static final Ip4 RECEIVER = Ip4.parse("192.0.2.2");
    private static final int PORT = 5001;

    private StrataBulk() {}

    /**
     * What one transfer did.
     *
     * @param bytes payload octets delivered to the receiving application
     * @param wallNanos wall time from the first SYN to the last octet read
     * @param dataFrames frames sent by the sender (data and handshake)
     * @param ackFrames frames sent by the receiver (ACKs and handshake)
     * @param mss the sender's effective MSS (payload octets per full segment)
     */
    public record Result(long bytes, long wallNanos, long dataFrames, long ackFrames, int mss) {
        /** Payload Gbit/s of wall time. */
        public double gbps() {
            return bytes * 8.0 / wallNanos;
        }
    }

    /** Moves {@code bytes} octets from one host to the other over a link with MTU {@code mtu}; seed 1. */
    public static Result run(int mtu, long bytes) {
        return run(mtu, bytes, BUFFER);
    }

    /** Moves {@code bytes} octets over a link with MTU {@code mtu} with socket buffers of {@code buffer} octets. */
    public static Result run(int mtu, long bytes, int buffer) {
        Simulation sim = new Simulation(1);
        Host a = sim.addHost("sender");
        Host b = sim.addHost("receiver");
        Link link = PointToPoint.join(
                        sim,
                        PointToPoint.End.of(a, "eth0", SENDER + "/24"),
                        PointToPoint.End.of(b, "eth0", RECEIVER + "/24"),
                        LinkParams.IDEAL,
                        mtu)
                .link();
        TcpConfig config = TcpConfig.DEFAULT.withBuffers(buffer, buffer);

        Sink sink = new Sink();
        b.listen(PORT, 8, config).onAccept(c -> c.setHandler(sink));
        BulkSource source = new BulkSource(bytes, APP_CHUNK);
        long t0 = System.nanoTime();
        TcpConnection conn = a.connect(RECEIVER, PORT, config, source);
        boolean done = sim.runUntil(() -> sink.received >= bytes, Long.MAX_VALUE);
        long wall = System.nanoTime() - t0;
        if (!done) {
            throw new IllegalStateException("bulk transfer stalled at " + sink.received + " of " + bytes + " octets");
        }
        return new Result(
                sink.received,
                wall,
                link.a().outbound().counters().offered,
                link.b().outbound().counters().offered,
                conn.mss());
    }

    /** Reads and counts everything that arrives. */
    private static final class Sink implements TcpHandler {
        private final ByteBuffer chunk = ByteBuffer.allocate(APP_CHUNK);
        long received;

        @Override
        public void readable(TcpConnection c) {
            int n;
            while ((n = c.read(chunk.clear())) > 0) {
                received += n;
            }
        }
    }
}
