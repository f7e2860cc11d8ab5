package dev.strata.tcp;

import dev.strata.host.Host;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Two hosts, a client and a server, joined by one link; the server accepts one connection. Each side can send a
 * payload (then half-close) and collects what arrives, so tests compare hashes of what was sent and received.
 */
final class TcpPair {
    static final Ip4 CLIENT = Ip4.parse("192.0.2.10");
    static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    static final int PORT = 5001;

    /** One end: what it received, what it still has to send, and how it ended. */
    static final class Side implements TcpHandler {
        TcpConnection conn;
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        ByteBuffer toSend;
        boolean closeAfterSend;
        boolean eof;
        CloseReason closed;
        boolean connected;

        void send(byte[] data, boolean thenClose) {
            toSend = ByteBuffer.wrap(data);
            closeAfterSend = thenClose;
            feed();
        }

        void feed() {
            if (conn == null || toSend == null || !conn.state().isSynchronized()) {
                return;
            }
            if (toSend.hasRemaining()) {
                conn.write(toSend);
            }
            if (!toSend.hasRemaining() && closeAfterSend) {
                closeAfterSend = false;
                conn.shutdownOutput();
            }
        }

        @Override
        public void connected(TcpConnection c) {
            connected = true;
            feed();
        }

        @Override
        public void readable(TcpConnection c) {
            ByteBuffer b = ByteBuffer.allocate(64 * 1024);
            while (true) {
                b.clear();
                int n = c.read(b);
                if (n < 0) {
                    eof = true;
                    return;
                }
                if (n == 0) {
                    return;
                }
                received.write(b.array(), 0, n);
            }
        }

        @Override
        public void writable(TcpConnection c) {
            feed();
        }

        @Override
        public void closed(TcpConnection c, CloseReason reason) {
            closed = reason;
        }
    }

    final Simulation sim;
    final Host client;
    final Host server;
    final Link link;
    final Side clientSide = new Side();
    final Side serverSide = new Side();
    final java.util.List<String> clientStates = new java.util.ArrayList<>();
    final java.util.List<String> serverStates = new java.util.ArrayList<>();

    TcpPair(long seed, LinkParams aToB, LinkParams bToA, TcpConfig clientConfig, TcpConfig serverConfig) {
        sim = new Simulation(seed);
        client = sim.addHost("client");
        server = sim.addHost("server");
        link = sim.link(
                "client.eth0-server.eth0",
                aToB,
                bToA,
                new Link.End.Spec("eth0", sim.nextMac(), 1500),
                new Link.End.Spec("eth0", sim.nextMac(), 1500));
        client.addInterface("eth0", link.a(), Ip4Interface.parse("192.0.2.10/24"));
        server.addInterface("eth0", link.b(), Ip4Interface.parse("192.0.2.20/24"));
        client.tcp().addObserver((c, from, to) -> clientStates.add(to.rfcName()));
        server.tcp().addObserver((c, from, to) -> serverStates.add(to.rfcName()));
        server.listen(PORT, 16, serverConfig).onAccept(c -> {
            serverSide.conn = c;
            serverSide.connected = true;
            c.setHandler(serverSide);
            serverSide.feed();
        });
        clientSide.conn = client.connect(SERVER, PORT, clientConfig, clientSide);
    }

    TcpPair(long seed, LinkParams params) {
        this(seed, params, params, TcpConfig.DEFAULT, TcpConfig.DEFAULT);
    }

    /** Runs until both sides closed or the virtual deadline passes; true when both closed. */
    boolean runUntilClosed(long deadlineNanos) {
        return sim.runUntil(() -> clientSide.closed != null && serverSide.closed != null, deadlineNanos);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
