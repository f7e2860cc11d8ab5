package dev.strata.bench.tcp;

import dev.strata.bench.PointToPoint;
import dev.strata.host.Host;
import dev.strata.ip.NetInterface;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.wire.Ip4;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Heap per idle established connection: a client host opens {@code n} connections to a server host, each exchanges
 * a 64-octet request and response (so its buffers have been used), and all stay open. The heap in use after a full
 * GC, less the heap with the two hosts and their listeners but no connection, divided by {@code n}, is the cost of
 * one connection at both ends; half of it is the cost of one TCB.
 *
 * <p>One client address can open at most one connection per ephemeral port to a server port (Linux's range has
 * 28,232), so the server listens on {@link #PORTS} ports and the connections are spread over them.
 */
public final class IdleConnectionMemory {

    /** Server ports the connections are spread over. */
    static final int PORTS = 8;

    /** Connections opened per simulation step (below the listener's backlog, so no SYN cookies are needed). */
    private static final int BATCH = 1000;

    private static final Ip4 CLIENT = Ip4.parse("192.0.2.1");
    private static final Ip4 SERVER = Ip4.parse("192.0.2.2");
    private static final int FIRST_PORT = 5000;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private IdleConnectionMemory() {}

    /**
     * What one measurement found.
     *
     * @param connections connections established and idle (each has two ends, each a TCB)
     * @param bytesPerConnection heap per connection, both ends
     */
    public record Result(int connections, double bytesPerConnection) {
        /** Heap per TCB: half a connection. */
        public double bytesPerTcb() {
            return bytesPerConnection / 2;
        }
    }

    /** Opens {@code n} connections and measures the heap they hold. */
    public static Result run(int n) {
        Simulation sim = new Simulation(1);
        Host client = sim.addHost("client");
        Host server = sim.addHost("server");
        PointToPoint p2p = PointToPoint.join(
                sim,
                PointToPoint.End.of(client, "eth0", CLIENT + "/24"),
                PointToPoint.End.of(server, "eth0", SERVER + "/24"),
                LinkParams.IDEAL,
                1500);
        NetInterface ci = p2p.a();
        NetInterface si = p2p.b();
        TcpConfig config = TcpConfig.DEFAULT.withNoDelay(true);
        Echo echo = new Echo();
        for (int p = 0; p < PORTS; p++) {
            server.listen(FIRST_PORT + p, 2 * BATCH, config).onAccept(c -> c.setHandler(echo));
        }
        Greeter greeter = new Greeter();
        List<TcpConnection> open = new ArrayList<>(n);
        sim.runFor(1_000_000_000L);
        long before = heapAfterGc();

        for (int i = 0; i < n; i += BATCH) {
            for (int j = i; j < Math.min(n, i + BATCH); j++) {
                open.add(client.connect(SERVER, FIRST_PORT + j % PORTS, config, greeter));
            }
            int target = Math.min(n, i + BATCH);
            if (!sim.runUntil(() -> greeter.answered == target, sim.now() + 60_000_000_000L)) {
                throw new IllegalStateException("only " + greeter.answered + " of " + target + " connections answered");
            }
        }
        sim.runFor(1_000_000_000L); // delayed ACKs go out; every timer that can stop has stopped
        long after = heapAfterGc();
        if (client.tcp().connectionCount() != n || server.tcp().connectionCount() != n) {
            throw new IllegalStateException("expected " + n + " connections at each end, found "
                    + client.tcp().connectionCount() + " and " + server.tcp().connectionCount());
        }
        double per = (double) (after - before) / n;
        java.lang.ref.Reference.reachabilityFence(open);
        java.lang.ref.Reference.reachabilityFence(sim);
        return new Result(n, per);
    }

    /** Heap in use after full collections, once it has stopped shrinking. */
    static long heapAfterGc() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used >= last) {
                return used;
            }
            last = used;
        }
        return last;
    }

    /** The client: sends a request on connect and counts answers. */
    private static final class Greeter implements TcpHandler {
        private final ByteBuffer request = ByteBuffer.allocate(StrataConnectionRate.MESSAGE);
        private final ByteBuffer in = ByteBuffer.allocate(StrataConnectionRate.MESSAGE * 2);
        int answered;

        @Override
        public void connected(TcpConnection c) {
            c.write(request.clear());
        }

        @Override
        public void readable(TcpConnection c) {
            if (c.read(in.clear()) > 0) {
                answered++;
            }
        }
    }

    /** The server: answers each request with as many octets. */
    private static final class Echo implements TcpHandler {
        private final ByteBuffer in = ByteBuffer.allocate(StrataConnectionRate.MESSAGE * 2);

        @Override
        public void readable(TcpConnection c) {
            int n = c.read(in.clear());
            if (n > 0) {
                c.write(in.flip());
            }
        }
    }
}
