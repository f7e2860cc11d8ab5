package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.host.Host;
import dev.strata.link.LinkParams;
import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.KeyType;
import dev.strata.sim.Simulation;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpState;
import dev.strata.wire.Ip4;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link TlsConnection}: TLS over Strata's TCP in the simulator. Byte-exact transfers both ways over links that
 * lose, duplicate, reorder and corrupt frames; close_notify against truncation; failures and resets reported once
 * and ending both TCP connections; the bounded buffers.
 */
class TlsConnectionTest {

    static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    static final int PORT = 443;
    static final String NAME = "server.example";

    static final CertificateAuthority CA = CaChains.ROOT;
    static final CertifiedKey KEY = CaChains.key(CA.issueServer(List.of(NAME), KeyType.EC_P256));

    /** One simulated network: a client and a server host on one link, and what each side saw. */
    static final class World {
        final Simulation sim;
        final Host client;
        final Host server;
        final Side c = new Side();
        final Side s = new Side();
        TlsConnection clientConn;
        TlsConnection serverConn;

        World(long seed, LinkParams link) {
            sim = new Simulation(seed);
            client = sim.addHost("client");
            server = sim.addHost("server");
            sim.connect(client, "eth0", "192.0.2.10/24", server, "eth0", "192.0.2.20/24", link);
        }

        void listen(TlsConfig config, TlsHandler handler) {
            server.listen(PORT).onAccept(tcp -> serverConn = TlsConnection.accept(server, tcp, config, handler));
        }

        void connect(TlsConfig config, TlsHandler handler) {
            clientConn =
                    TlsConnection.connect(client, SERVER, PORT, client.tcp().defaults(), config, NAME, handler);
        }

        boolean run(java.util.function.BooleanSupplier done) {
            return sim.runUntil(done, sim.now() + 600_000_000_000L);
        }

        boolean bothTcpClosed() {
            return clientConn != null
                    && serverConn != null
                    && clientConn.tcp().state() == TcpState.CLOSED
                    && serverConn.tcp().state() == TcpState.CLOSED;
        }
    }

    /** What one side's handler saw. */
    static final class Side {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final List<String> events = new ArrayList<>();
        TlsCloseReason closed;
        boolean eof;
        boolean closing;
        int closedCalls;
    }

    static TlsConfig serverConfig(ProtocolVersion v) {
        return TlsConfig.builder().versions(v).certifiedKey(KEY).build();
    }

    static TlsConfig clientConfig(ProtocolVersion v) {
        return TlsConfig.builder()
                .versions(v)
                .verifier(PkiVerifier.trusting(CA.trustAnchors()))
                .build();
    }

    /**
     * A handler that writes {@code toSend} (respecting back-pressure), collects what arrives, and closes once it has
     * sent everything and either received {@code closeAfter} octets or read the peer's end (-1 waits for the end).
     */
    static TlsHandler streaming(Side side, byte[] toSend, int closeAfter) {
        ByteBuffer src = ByteBuffer.wrap(toSend);
        return new TlsHandler() {
            @Override
            public void connected(TlsConnection c) {
                side.events.add("connected " + c.summary().version());
                writable(c);
            }

            @Override
            public void writable(TlsConnection c) {
                while (src.hasRemaining() && c.write(src) > 0) {
                    // the connection takes what its buffer allows; writable() comes back for the rest
                }
                maybeClose(c);
            }

            @Override
            public void readable(TlsConnection c) {
                ByteBuffer b = ByteBuffer.allocate(8192);
                int n;
                while ((n = c.read(b.clear())) > 0) {
                    side.received.write(b.array(), 0, n);
                }
                if (n < 0 && !side.eof) {
                    side.eof = true;
                    side.events.add("eof");
                }
                maybeClose(c);
            }

            private void maybeClose(TlsConnection c) {
                boolean done = side.eof || closeAfter >= 0 && side.received.size() >= closeAfter;
                if (!src.hasRemaining() && done && !side.closing) {
                    side.closing = true;
                    c.close();
                }
            }

            @Override
            public void closed(TlsConnection c, TlsCloseReason reason) {
                side.closed = reason;
                side.closedCalls++;
                side.events.add("closed " + reason);
            }
        };
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    static Arguments[] lossyCases() {
        List<Arguments> out = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            out.add(Arguments.of(ProtocolVersion.TLS13, seed));
            out.add(Arguments.of(ProtocolVersion.TLS12, seed));
        }
        return out.toArray(Arguments[]::new);
    }

    @ParameterizedTest(name = "{0} seed {1}")
    @MethodSource("lossyCases")
    void byteExactBothWaysOverALossyReorderingLinkThenACleanClose(ProtocolVersion v, long seed) throws Exception {
        LinkParams link =
                LinkParams.GIGABIT.withDelay(2_000_000).withLoss(0.03).withImpairments(0.02, 0.05, 3_000_000, 0.01);
        World w = new World(seed, link);
        byte[] up = random(300_000, seed);
        byte[] down = random(500_000, seed + 100);
        w.listen(serverConfig(v), streaming(w.s, down, -1));
        w.connect(clientConfig(v), streaming(w.c, up, down.length));

        assertThat(w.run(w::bothTcpClosed)).as("both TCP connections closed").isTrue();
        assertThat(w.s.received.size())
                .as("client %s, server %s", w.c.events, w.s.events)
                .isEqualTo(up.length);
        assertThat(w.c.received.size()).isEqualTo(down.length);
        assertThat(sha256(w.s.received.toByteArray())).isEqualTo(sha256(up));
        assertThat(sha256(w.c.received.toByteArray())).isEqualTo(sha256(down));
        assertThat(w.c.closed).isEqualTo(new TlsCloseReason.Clean());
        assertThat(w.s.closed).isEqualTo(new TlsCloseReason.Clean());
        assertThat(w.c.closedCalls).isEqualTo(1);
        assertThat(w.s.closedCalls).isEqualTo(1);
        assertThat(w.c.events.getFirst()).isEqualTo("connected " + v);
        assertThat(w.clientConn.summary().version()).isEqualTo(v);
        assertThat(w.client.tcp().counters.retransSegs + w.server.tcp().counters.retransSegs)
                .as("the link really lost segments")
                .isPositive();
    }

    @Test
    void aFinWithoutCloseNotifyIsATruncationNotAnEnd() throws Exception {
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            World w = new World(7, LinkParams.GIGABIT.withDelay(1_000_000));
            byte[] partial =
                    "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly part".getBytes(StandardCharsets.US_ASCII);
            w.listen(serverConfig(v), new TlsHandler() {
                @Override
                public void connected(TlsConnection c) {
                    c.write(ByteBuffer.wrap(partial));
                    // An attacker's (or a crashing server's) FIN right after the data (which the connection sends
                    // when this callback returns): TCP ends, TLS never said close_notify.
                    w.server.scheduler().execute(() -> c.tcp().shutdownOutput());
                }

                @Override
                public void closed(TlsConnection c, TlsCloseReason reason) {
                    w.s.closed = reason;
                }
            });
            w.connect(clientConfig(v), streaming(w.c, new byte[0], -1));
            assertThat(w.run(() -> w.c.closed != null)).isTrue();

            assertThat(w.c.closed).isInstanceOf(TlsCloseReason.Truncated.class);
            TlsFailure f = ((TlsCloseReason.Truncated) w.c.closed).failure();
            assertThat(f.reason()).contains("truncated").contains("without close_notify");
            assertThat(f.sentByUs()).isFalse();
            // What arrived before the cut is there, and the application was told it is not the whole story.
            assertThat(w.c.received.toByteArray()).isEqualTo(partial);
            assertThat(w.clientConn.read(ByteBuffer.allocate(10))).isEqualTo(-1);
            assertThat(w.clientConn.closeReason()).contains(w.c.closed);
            assertThat(w.run(w::bothTcpClosed)).isTrue();
        }
    }

    @Test
    void closeNotifyThenFinIsACleanEndEvenWhenThePeerOnlyAnswers() throws Exception {
        // The server closes first; the client answers when it reads the end (TLS 1.3 half-close, RFC 8446 §6.1).
        World w = new World(3, LinkParams.GIGABIT.withDelay(1_000_000));
        byte[] page = random(40_000, 3);
        w.listen(serverConfig(ProtocolVersion.TLS13), streaming(w.s, page, 0));
        w.connect(clientConfig(ProtocolVersion.TLS13), streaming(w.c, new byte[0], -1));
        assertThat(w.run(w::bothTcpClosed)).isTrue();
        assertThat(w.c.received.toByteArray()).isEqualTo(page);
        assertThat(w.c.events).containsSubsequence("connected TLSv1.3", "eof", "closed " + new TlsCloseReason.Clean());
        assertThat(w.s.closed).isEqualTo(new TlsCloseReason.Clean());
    }

    @Test
    void aRejectedCertificateEndsBothSidesWithTheAlertAndReleasesNothing() {
        for (ProtocolVersion v : List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12)) {
            World w = new World(5, LinkParams.GIGABIT.withDelay(1_000_000));
            byte[] secret = "must not be released".getBytes(StandardCharsets.US_ASCII);
            w.listen(serverConfig(v), streaming(w.s, secret, -1));
            TlsConfig untrusting = TlsConfig.builder()
                    .versions(v)
                    .verifier(PkiVerifier.trusting(CaChains.OTHER_ROOT.trustAnchors()))
                    .build();
            w.connect(untrusting, streaming(w.c, secret, -1));
            assertThat(w.run(w::bothTcpClosed)).as("nothing hangs").isTrue();

            assertThat(w.c.closed).isInstanceOf(TlsCloseReason.Failed.class);
            TlsFailure cf = ((TlsCloseReason.Failed) w.c.closed).failure();
            assertThat(cf.alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
            assertThat(cf.sentByUs()).isTrue();
            assertThat(w.s.closed).isInstanceOf(TlsCloseReason.Failed.class);
            TlsFailure sf = ((TlsCloseReason.Failed) w.s.closed).failure();
            assertThat(sf.alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
            assertThat(sf.sentByUs()).isFalse();
            assertThat(w.c.received.size()).isZero();
            assertThat(w.s.received.size()).isZero();
            assertThat(w.c.events).noneMatch(e -> e.startsWith("connected"));
            assertThat(w.c.closedCalls).isEqualTo(1);
        }
    }

    @Test
    void aResetUnderTlsIsAnAbort() {
        World w = new World(9, LinkParams.GIGABIT.withDelay(1_000_000));
        w.listen(serverConfig(ProtocolVersion.TLS13), new TlsHandler() {
            @Override
            public void connected(TlsConnection c) {
                c.abort();
            }
        });
        w.connect(clientConfig(ProtocolVersion.TLS13), streaming(w.c, new byte[0], -1));
        assertThat(w.run(() -> w.c.closed != null)).isTrue();
        assertThat(w.c.closed).isEqualTo(new TlsCloseReason.Aborted(CloseReason.RESET));
        assertThat(w.clientConn.failure()).isPresent();
    }

    @Test
    void buffersAreBoundedBothWays() throws Exception {
        World w = new World(11, LinkParams.GIGABIT.withDelay(1_000_000));
        byte[] big = random(2_000_000, 11);
        int[] shortWrites = {0};
        int[] maxWaiting = {0};
        boolean[] reading = {false};
        ByteBuffer src = ByteBuffer.wrap(big);
        w.listen(serverConfig(ProtocolVersion.TLS13), new TlsHandler() {
            @Override
            public void connected(TlsConnection c) {
                writable(c);
            }

            @Override
            public void writable(TlsConnection c) {
                while (src.hasRemaining()) {
                    int want = src.remaining();
                    int n = c.write(src);
                    if (n < want) {
                        shortWrites[0]++;
                        break;
                    }
                }
                if (!src.hasRemaining()) {
                    c.close();
                }
            }
        });
        w.connect(clientConfig(ProtocolVersion.TLS13), new TlsHandler() {
            @Override
            public void readable(TlsConnection c) {
                maxWaiting[0] = Math.max(maxWaiting[0], c.available());
                if (!reading[0]) {
                    return; // a slow reader: let the data pile up
                }
                ByteBuffer b = ByteBuffer.allocate(65536);
                int n;
                while ((n = c.read(b.clear())) > 0) {
                    w.c.received.write(b.array(), 0, n);
                }
                if (n < 0) {
                    c.close();
                }
            }

            @Override
            public void closed(TlsConnection c, TlsCloseReason reason) {
                w.c.closed = reason;
            }
        });
        w.sim.runFor(2_000_000_000L);
        // The reader has not read for two seconds: the sender is held back, and memory stays bounded.
        assertThat(maxWaiting[0]).isLessThanOrEqualTo(TlsConnection.DEFAULT_BUFFER + 16_384 + 256);
        assertThat(shortWrites[0]).isPositive();
        assertThat(src.hasRemaining()).isTrue();
        reading[0] = true;
        w.sim.events().scheduleAt(w.sim.now(), () -> {
            ByteBuffer b = ByteBuffer.allocate(65536);
            int n;
            while ((n = w.clientConn.read(b.clear())) > 0) {
                w.c.received.write(b.array(), 0, n);
            }
        });
        assertThat(w.run(w::bothTcpClosed)).isTrue();
        assertThat(sha256(w.c.received.toByteArray())).isEqualTo(sha256(big));
        assertThat(w.c.closed).isEqualTo(new TlsCloseReason.Clean());
    }
}
