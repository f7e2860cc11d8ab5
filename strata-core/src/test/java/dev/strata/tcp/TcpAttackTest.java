package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.host.Host;
import dev.strata.ip.Frames;
import dev.strata.ip.SendOptions;
import dev.strata.link.LinkParams;
import dev.strata.link.Switch;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4PseudoHeader;
import dev.strata.wire.TcpFlags;
import dev.strata.wire.TcpHeader;
import dev.strata.wire.TcpOption;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Hostile peers in the simulator: a SYN flood from spoofed sources, and blind injection of RSTs, SYNs and data
 * with guessed sequence numbers (RFC 4987, RFC 5961).
 */
class TcpAttackTest {

    static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    static final Ip4 CLIENT = Ip4.parse("192.0.2.10");
    static final Ip4 ATTACKER = Ip4.parse("192.0.2.66");

    private final Simulation sim = new Simulation(5);
    private final Host server = sim.addHost("server");
    private final Host client = sim.addHost("client");
    private final Host attacker = sim.addHost("attacker");
    private final Host router = sim.addRouter("r");

    TcpAttackTest() {
        Switch sw = sim.addSwitch("sw");
        LinkParams p = LinkParams.GIGABIT.withDelay(50_000);
        sim.connect(server, "eth0", "192.0.2.20/24", sw, p);
        sim.connect(client, "eth0", "192.0.2.10/24", sw, p);
        sim.connect(attacker, "eth0", "192.0.2.66/24", sw, p.withQueue(100_000));
        sim.connect(router, "eth0", "192.0.2.1/24", sw, p);
        server.setDefaultGateway(Ip4.parse("192.0.2.1"));
    }

    /** Sends one hand-made TCP segment from {@code src} (spoofed) to {@code dst}. */
    private void inject(Ip4 src, int srcPort, Ip4 dst, int dstPort, int seq, int ack, int flags, byte[] data) {
        ByteBuffer b = Frames.allocate(data.length);
        b.put(b.position(), data);
        new TcpHeader(
                        srcPort,
                        dstPort,
                        seq,
                        ack,
                        new TcpFlags(flags),
                        65535,
                        0,
                        List.<TcpOption>of(),
                        new Ipv4PseudoHeader(src, dst))
                .prepend(b);
        attacker.ip().send(src, dst, IpProtocol.TCP, b, SendOptions.DEFAULT);
    }

    @Test
    void synFloodFromSpoofedSourcesDoesNotKeepLegitimateClientsOut() {
        int backlog = 64;
        TcpListener l = server.listen(80, backlog, TcpConfig.DEFAULT);
        List<TcpConnection> accepted = new ArrayList<>();
        l.onAccept(accepted::add);
        // 30,000 SYNs from random spoofed sources in 203.0.113.0/24, one every 10 µs (bounded count and time).
        SplittableRandom r = new SplittableRandom(1);
        int flood = 30_000;
        for (int i = 0; i < flood; i++) {
            Ip4 spoofed = Ip4.of(203, 0, 113, 1 + r.nextInt(254));
            int port = 1024 + r.nextInt(60_000);
            int seq = r.nextInt();
            sim.events()
                    .scheduleAt(
                            i * 10_000L,
                            () -> inject(spoofed, port, SERVER, 80, seq, 0, TcpFlags.SYN_BIT, new byte[0]));
        }
        // Meanwhile a legitimate client opens 20 connections, one every 15 ms, each sending a request.
        int legit = 20;
        int[] done = {0};
        List<CloseReason> failures = new ArrayList<>();
        for (int i = 0; i < legit; i++) {
            sim.events()
                    .scheduleAt(
                            1_000_000L + i * 15_000_000L,
                            () -> client.connect(SERVER, 80, new TcpHandler() {
                                @Override
                                public void connected(TcpConnection c) {
                                    c.write(ByteBuffer.wrap("hello".getBytes()));
                                    c.close();
                                    done[0]++;
                                }

                                @Override
                                public void closed(TcpConnection c, CloseReason reason) {
                                    if (reason != CloseReason.NORMAL) {
                                        failures.add(reason);
                                    }
                                }
                            }));
        }
        int maxConnections = 0;
        while (sim.now() < 400_000_000L) {
            sim.runFor(1_000_000);
            maxConnections = Math.max(maxConnections, server.tcp().connectionCount());
            assertThat(l.synQueueLength()).isLessThanOrEqualTo(backlog);
        }
        assertThat(done[0]).as("legitimate handshakes completed").isEqualTo(legit);
        assertThat(accepted).hasSize(legit);
        assertThat(failures).isEmpty();
        assertThat(server.tcp().counters.syncookiesSent).isGreaterThan(flood / 2);
        assertThat(server.tcp().counters.syncookiesRecv).isPositive();
        // Bounded state: never more than the SYN queue plus the legitimate connections.
        assertThat(maxConnections).isLessThanOrEqualTo(backlog + legit);
        assertThat(server.iface("eth0").arp().size()).isLessThanOrEqualTo(4);
    }

    @Test
    void blindRstSynAndDataInjectionNeitherResetsNorCorruptsTheConnection() throws Exception {
        byte[] payload = new byte[1_000_000];
        new Random(9).nextBytes(payload);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CloseReason[] ends = new CloseReason[2];
        int[] clientPort = {0};
        TcpConnection[] serverConn = {null};
        server.listen(80, 16, TcpConfig.DEFAULT).onAccept(c -> {
            clientPort[0] = c.remotePort();
            serverConn[0] = c;
            c.setHandler(new TcpHandler() {
                @Override
                public void readable(TcpConnection conn) {
                    ByteBuffer b = ByteBuffer.allocate(65536);
                    int n;
                    while ((n = conn.read(b.clear())) > 0) {
                        got.write(b.array(), 0, n);
                    }
                    if (n < 0) {
                        conn.close();
                    }
                }

                @Override
                public void closed(TcpConnection conn, CloseReason reason) {
                    ends[1] = reason;
                }
            });
        });
        ByteBuffer src = ByteBuffer.wrap(payload);
        client.connect(SERVER, 80, TcpConfig.DEFAULT.withBuffers(16_384, 65_536), new TcpHandler() {
            @Override
            public void connected(TcpConnection c) {
                writable(c);
            }

            @Override
            public void writable(TcpConnection c) {
                c.write(src);
                if (!src.hasRemaining()) {
                    c.close();
                }
            }

            @Override
            public void closed(TcpConnection c, CloseReason reason) {
                ends[0] = reason;
            }
        });
        sim.runUntil(() -> clientPort[0] != 0, 1_000_000_000L);
        // The attacker knows the four-tuple but not the sequence numbers: 3,000 each of RST, SYN and data segments,
        // spoofed as the client. Half guess blindly over the whole sequence space; the other half are "lucky" and
        // land inside the receive window (never exactly on RCV.NXT, the one value RFC 5961 must accept), with a
        // guessed acknowledgment number.
        SplittableRandom r = new SplittableRandom(2);
        long t0 = sim.now();
        for (int i = 0; i < 9_000; i++) {
            int kind = i % 3;
            boolean lucky = (i / 3) % 2 == 0;
            int offset = 1 + r.nextInt(60_000);
            int blindSeq = r.nextInt();
            int ack = r.nextInt();
            byte[] junk = new byte[kind == 2 ? 100 : 0];
            int flags = switch (kind) {
                case 0 -> TcpFlags.RST_BIT;
                case 1 -> TcpFlags.SYN_BIT;
                default -> TcpFlags.ACK_BIT | TcpFlags.PSH_BIT;
            };
            sim.events().scheduleAt(t0 + i * 20_000L, () -> {
                TcpConnection sc = serverConn[0];
                if (sc.state() == TcpState.CLOSED) {
                    return;
                }
                int seq = lucky ? (int) sc.rcvNxt() + offset : blindSeq;
                inject(CLIENT, clientPort[0], SERVER, 80, seq, ack, flags, junk);
            });
        }
        sim.runUntil(() -> ends[0] != null && ends[1] != null, 600_000_000_000L);
        assertThat(ends[1]).as("server side ended").isEqualTo(CloseReason.NORMAL);
        assertThat(ends[0]).as("client side ended").isEqualTo(CloseReason.NORMAL);
        assertThat(TcpPair.sha256(got.toByteArray())).isEqualTo(TcpPair.sha256(payload));
        TcpCounters c = server.tcp().counters;
        assertThat(c.challengeAcks + c.challengeAcksLimited).isPositive();
        assertThat(c.estabResets).isZero();
    }
}
