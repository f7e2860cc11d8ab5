package dev.strata.bench.tcp;

import dev.strata.bench.PointToPoint;
import dev.strata.host.Host;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;

/**
 * Connections per second in Strata's simulator: a client opens a connection, sends a 64-octet request, reads the
 * 64-octet response and the server's FIN, and closes; the server answers and closes first (so TIME-WAIT is on its
 * side, as with an HTTP/1.0 server). {@code concurrency} connections are in progress at a time, over one ideal link;
 * everything runs on the calling thread.
 */
public final class StrataConnectionRate {

    /** Request and response size. */
    static final int MESSAGE = 64;

    private static final Ip4 CLIENT = Ip4.parse("192.0.2.1");
    private static final Ip4 SERVER = Ip4.parse("192.0.2.2");
    private static final int PORT = 80;

    private StrataConnectionRate() {}

    /**
     * What one run did.
     *
     * @param connections connections completed (response and FIN received, closed)
     * @param wallNanos wall time of the run
     */
    public record Result(long connections, long wallNanos) {
        /** Completed connections per second of wall time. */
        public double perSecond() {
            return connections * 1e9 / wallNanos;
        }
    }

    /** Runs {@code connections} request-response connections, {@code concurrency} at a time. */
    public static Result run(int connections, int concurrency) {
        Simulation sim = new Simulation(1);
        Host client = sim.addHost("client");
        Host server = sim.addHost("server");
        PointToPoint.join(
                sim,
                PointToPoint.End.of(client, "eth0", CLIENT + "/24"),
                PointToPoint.End.of(server, "eth0", SERVER + "/24"),
                LinkParams.IDEAL,
                1500);
        TcpConfig config = TcpConfig.DEFAULT.withNoDelay(true);

        Responder responder = new Responder();
        server.listen(PORT, 4096, config).onAccept(c -> c.setHandler(responder));
        Requester requester = new Requester(client, config, connections);
        long t0 = System.nanoTime();
        for (int i = 0; i < Math.min(concurrency, connections); i++) {
            requester.open();
        }
        boolean done = sim.runUntil(() -> requester.completed == connections, Long.MAX_VALUE);
        long wall = System.nanoTime() - t0;
        if (!done) {
            throw new IllegalStateException(
                    "connection benchmark stalled after " + requester.completed + " of " + connections);
        }
        return new Result(requester.completed, wall);
    }

    /** The client side: one handler for every connection; each completion opens the next. */
    private static final class Requester implements TcpHandler {
        private final Host host;
        private final TcpConfig config;
        private final int total;
        private final ByteBuffer request = ByteBuffer.allocate(MESSAGE);
        private final ByteBuffer response = ByteBuffer.allocate(MESSAGE * 2);
        private int opened;
        int completed;

        Requester(Host host, TcpConfig config, int total) {
            this.host = host;
            this.config = config;
            this.total = total;
        }

        void open() {
            if (opened < total) {
                opened++;
                host.connect(SERVER, PORT, config, this);
            }
        }

        @Override
        public void connected(TcpConnection c) {
            c.write(request.clear());
        }

        @Override
        public void readable(TcpConnection c) {
            int n;
            while ((n = c.read(response.clear())) > 0) {
                // the response's octets are only counted by the server's side
            }
            if (n < 0) {
                c.close();
            }
        }

        @Override
        public void closed(TcpConnection c, CloseReason reason) {
            if (reason != CloseReason.NORMAL) {
                throw new IllegalStateException("a benchmark connection ended with " + reason);
            }
            completed++;
            open();
        }
    }

    /** The server side: reads the request, answers and closes. */
    private static final class Responder implements TcpHandler {
        private final ByteBuffer in = ByteBuffer.allocate(MESSAGE * 2);
        private final ByteBuffer answer = ByteBuffer.allocate(MESSAGE);

        @Override
        public void readable(TcpConnection c) {
            int got = 0;
            int n;
            while ((n = c.read(in.clear())) > 0) {
                got += n;
            }
            if (got > 0) {
                c.write(answer.clear());
                c.close();
            }
        }
    }
}
