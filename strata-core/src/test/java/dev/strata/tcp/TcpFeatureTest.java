package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ip.NetInterface;
import dev.strata.ip.ProtocolHandler;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TCP's features one by one, each in a small simulated scenario with a measurable outcome. */
class TcpFeatureTest {

    /** A TCP segment seen on the wire: who sent it, when, and its fields. */
    record Seen(long time, boolean fromClient, TcpSegment seg) {}

    static List<Seen> watch(TcpPair p) {
        List<Seen> out = new ArrayList<>();
        p.link.tap((t, frame) -> {
            EthernetFrame eth = EthernetFrame.parse(frame.duplicate()).orThrow();
            if (!eth.etherType().equals(EtherType.IPV4)) {
                return;
            }
            ByteBuffer copy = ByteBuffer.allocate(frame.remaining())
                    .put(frame.duplicate())
                    .flip();
            Ipv4Packet ip = Ipv4Packet.parse(copy.position(eth.headerLength())).orThrow();
            if (!ip.protocol().equals(IpProtocol.TCP)) {
                return;
            }
            ByteBuffer tb =
                    copy.duplicate().position(ip.payloadOffset()).limit(ip.payloadOffset() + ip.payloadLength());
            out.add(new Seen(
                    t, ip.source().equals(TcpPair.CLIENT), TcpSegment.parse(tb).orThrow()));
        });
        return out;
    }

    /** Makes {@code p}'s server deaf: its TCP no longer sees any segment (the peer "vanished"). */
    static void unplugServer(TcpPair p) {
        p.server.ip().register(IpProtocol.TCP, new ProtocolHandler() {
            @Override
            public void receive(NetInterface in, Ipv4Packet packet) {}
        });
    }

    static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void zeroWindowIsProbedUntilTheReaderCatchesUp() {
        TcpConfig small = TcpConfig.DEFAULT.withBuffers(8192, 8192);
        TcpPair p = new TcpPair(1, LinkParams.GIGABIT, LinkParams.GIGABIT, TcpConfig.DEFAULT, small);
        List<Seen> wire = watch(p);
        byte[] data = random(100_000, 1);
        // The server reads nothing for 20 s: its window closes.
        p.sim.runUntil(() -> p.serverSide.connected, 1_000_000_000L);
        TcpHandler reader = p.serverSide;
        p.serverSide.conn.setHandler(new TcpHandler() {});
        p.clientSide.send(data, true);
        p.sim.runFor(20_000_000_000L);
        assertThat(wire).anySatisfy(s -> {
            assertThat(s.fromClient()).isFalse();
            assertThat(s.seg().window()).isZero();
        });
        assertThat(p.client.tcp().counters.windowProbes).isGreaterThanOrEqualTo(3);
        assertThat(p.clientSide.conn.state()).isEqualTo(TcpState.FIN_WAIT_1); // still alive, still waiting
        // The reader wakes up: everything arrives.
        p.serverSide.conn.setHandler(reader);
        assertThat(p.sim.runUntil(() -> p.serverSide.eof, p.sim.now() + 120_000_000_000L))
                .isTrue();
        assertThat(TcpPair.sha256(p.serverSide.received.toByteArray())).isEqualTo(TcpPair.sha256(data));
    }

    @Test
    void keepAlivesKeepAnIdleConnectionAndDetectADeadPeer() {
        long s = 1_000_000_000L;
        TcpConfig ka = TcpConfig.DEFAULT.withKeepAlive(true, 10 * s, s, 3);
        TcpPair p = new TcpPair(1, LinkParams.GIGABIT, LinkParams.GIGABIT, ka, TcpConfig.DEFAULT);
        List<Seen> wire = watch(p);
        p.sim.runFor(65 * s); // idle: a keep-alive every 10 s, each answered
        assertThat(p.clientSide.conn.state()).isEqualTo(TcpState.ESTABLISHED);
        long probes = wire.stream()
                .filter(x -> x.fromClient()
                        && x.seg().payloadLength() == 0
                        && !x.seg().syn()
                        && x.seg().sequenceNumber() == (int) p.clientSide.conn.sndNxt() - 1)
                .count();
        assertThat(probes).isEqualTo(6);
        unplugServer(p);
        p.sim.runFor(30 * s); // next keep-alive at +10 s, then 3 unanswered at 1 s intervals
        assertThat(p.clientSide.closed).isEqualTo(CloseReason.TIMEOUT);
        assertThat(p.client.tcp().counters.timeoutAborts).isEqualTo(1);
    }

    @Test
    void retransmissionsBackOffExponentiallyAndTheUserTimeoutAborts() {
        long s = 1_000_000_000L;
        TcpConfig ut = TcpConfig.DEFAULT.withUserTimeout(20 * s);
        TcpPair p = new TcpPair(1, LinkParams.GIGABIT, LinkParams.GIGABIT, ut, TcpConfig.DEFAULT);
        List<Seen> wire = watch(p);
        p.sim.runUntil(() -> p.serverSide.connected, s);
        unplugServer(p);
        long start = p.sim.now();
        p.clientSide.send(new byte[100], false);
        p.sim.runFor(60 * s);
        List<Long> sends = wire.stream()
                .filter(x -> x.fromClient() && x.seg().payloadLength() == 100)
                .map(x -> x.time() - start)
                .toList();
        // RFC 6298: 1 s, then doubling: sent at 0, 1, 3, 7, 15 s; the user timeout (20 s) ends it before 31 s.
        assertThat(sends).hasSize(5);
        for (int i = 1; i < sends.size(); i++) {
            assertThat(sends.get(i) - sends.get(i - 1)).isEqualTo((1L << (i - 1)) * s);
        }
        assertThat(p.clientSide.closed).isEqualTo(CloseReason.TIMEOUT);
    }

    @Test
    void nagleCoalescesSmallWritesAndNoDelaySendsEachAtOnce() {
        for (boolean noDelay : new boolean[] {false, true}) {
            TcpConfig cfg = TcpConfig.DEFAULT.withNoDelay(noDelay);
            TcpPair p = new TcpPair(
                    1,
                    LinkParams.GIGABIT.withDelay(10_000_000),
                    LinkParams.GIGABIT.withDelay(10_000_000),
                    cfg,
                    TcpConfig.DEFAULT);
            List<Seen> wire = watch(p);
            p.sim.runUntil(() -> p.clientSide.connected, 1_000_000_000L);
            for (int i = 0; i < 50; i++) {
                p.clientSide.conn.write(ByteBuffer.wrap(new byte[] {(byte) i}));
            }
            p.sim.runFor(10_000_000); // less than one RTT (20 ms)
            long dataSegments = wire.stream()
                    .filter(x -> x.fromClient() && x.seg().payloadLength() > 0)
                    .count();
            if (noDelay) {
                assertThat(dataSegments)
                        .as("TCP_NODELAY: one segment per write, up to the window")
                        .isGreaterThanOrEqualTo(10);
            } else {
                assertThat(dataSegments)
                        .as("Nagle: one small segment in flight")
                        .isEqualTo(1);
            }
            p.sim.runFor(1_000_000_000L);
            assertThat(p.serverSide.received.size()).isEqualTo(50);
        }
    }

    @Test
    void delayedAckWaitsForASecondSegmentOrTheTimer() {
        TcpPair p = new TcpPair(
                1, LinkParams.GIGABIT, LinkParams.GIGABIT, TcpConfig.DEFAULT.withNoDelay(true), TcpConfig.DEFAULT);
        List<Seen> wire = watch(p);
        p.sim.runUntil(() -> p.serverSide.connected, 1_000_000_000L);
        p.sim.runFor(1_000_000_000L);
        wire.clear();
        long t0 = p.sim.now();
        p.clientSide.conn.write(ByteBuffer.wrap(new byte[100]));
        p.sim.runFor(1_000_000_000L);
        Seen ack = wire.stream().filter(x -> !x.fromClient()).findFirst().orElseThrow();
        assertThat(ack.time() - t0)
                .as("lone segment: ACK after the 200 ms delay")
                .isBetween(200_000_000L, 201_000_000L);
        wire.clear();
        long t1 = p.sim.now();
        p.clientSide.conn.write(ByteBuffer.wrap(new byte[2 * p.clientSide.conn.mss()]));
        p.sim.runFor(1_000_000_000L);
        Seen ack2 = wire.stream().filter(x -> !x.fromClient()).findFirst().orElseThrow();
        assertThat(ack2.time() - t1).as("second full segment: ACK at once").isLessThan(1_000_000L);
    }

    @Test
    void windowScalingLetsTheWindowGrowPast64KiB() {
        TcpConfig big = TcpConfig.DEFAULT.withBuffers(4 << 20, 4 << 20);
        TcpPair p = new TcpPair(
                1, LinkParams.GIGABIT.withDelay(5_000_000), LinkParams.GIGABIT.withDelay(5_000_000), big, big);
        p.clientSide.send(random(20_000_000, 3), true);
        long maxWnd = 0;
        while (!p.serverSide.eof && p.sim.now() < 60_000_000_000L) {
            p.sim.runFor(10_000_000);
            maxWnd = Math.max(maxWnd, p.clientSide.conn.sendWindow());
        }
        assertThat(p.clientSide.conn.options()).contains("ws");
        assertThat(maxWnd).isGreaterThan(1 << 20);
        assertThat(p.serverSide.received.size()).isEqualTo(20_000_000);
    }

    @Test
    void theMssFollowsTheRouteMtu() {
        Simulation sim = new Simulation(1);
        var a = sim.addHost("a");
        var b = sim.addHost("b");
        Link l = sim.link(
                "a-b",
                LinkParams.GIGABIT,
                LinkParams.GIGABIT,
                new Link.End.Spec("a.eth0", sim.nextMac(), 1000),
                new Link.End.Spec("b.eth0", sim.nextMac(), 1000));
        a.addInterface("eth0", l.a(), Ip4Interface.parse("192.0.2.1/24"));
        b.addInterface("eth0", l.b(), Ip4Interface.parse("192.0.2.2/24"));
        List<Integer> mss = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        l.tap((t, frame) -> {
            EthernetFrame eth = EthernetFrame.parse(frame.duplicate()).orThrow();
            if (eth.etherType().equals(EtherType.IPV4)) {
                Ipv4Packet ip = Ipv4Packet.parse(frame.duplicate().position(eth.payloadOffset()))
                        .orThrow();
                lengths.add(ip.totalLength());
                if (ip.protocol().equals(IpProtocol.TCP)) {
                    ByteBuffer tb = ip.buffer()
                            .duplicate()
                            .position(ip.payloadOffset())
                            .limit(ip.payloadOffset() + ip.payloadLength());
                    TcpSegment s = TcpSegment.parse(tb).orThrow();
                    if (s.syn()) {
                        mss.add(s.mssOption());
                    }
                }
            }
        });
        b.listen(80).onAccept(c -> {});
        a.connect(dev.strata.wire.Ip4.parse("192.0.2.2"), 80, new TcpHandler() {
            @Override
            public void connected(TcpConnection c) {
                c.write(ByteBuffer.wrap(new byte[10_000]));
            }
        });
        sim.runFor(2_000_000_000L);
        assertThat(mss).containsExactly(960, 960); // MTU 1000 - 20 (IP) - 20 (TCP), on the SYN and the SYN,ACK
        assertThat(lengths).allSatisfy(len -> assertThat(len).isLessThanOrEqualTo(1000));
    }

    @Test
    void simultaneousOpenAndSimultaneousCloseBetweenTwoStrataHosts() {
        Simulation sim = new Simulation(1);
        var a = sim.addHost("a");
        var b = sim.addHost("b");
        sim.connect(a, "eth0", "192.0.2.1/24", b, "eth0", "192.0.2.2/24", LinkParams.GIGABIT);
        a.iface("eth0")
                .arp()
                .put(dev.strata.wire.Ip4.parse("192.0.2.2"), b.iface("eth0").mac());
        b.iface("eth0")
                .arp()
                .put(dev.strata.wire.Ip4.parse("192.0.2.1"), a.iface("eth0").mac());
        List<String> statesA = new ArrayList<>();
        List<String> statesB = new ArrayList<>();
        a.tcp().addObserver((c, from, to) -> statesA.add(to.rfcName()));
        b.tcp().addObserver((c, from, to) -> statesB.add(to.rfcName()));
        TcpConnection ca = a.tcp()
                .connect(
                        dev.strata.wire.Ip4.parse("192.0.2.1"),
                        5000,
                        dev.strata.wire.Ip4.parse("192.0.2.2"),
                        6000,
                        TcpConfig.DEFAULT,
                        new TcpHandler() {});
        TcpConnection cb = b.tcp()
                .connect(
                        dev.strata.wire.Ip4.parse("192.0.2.2"),
                        6000,
                        dev.strata.wire.Ip4.parse("192.0.2.1"),
                        5000,
                        TcpConfig.DEFAULT,
                        new TcpHandler() {});
        sim.runFor(1_000_000_000L);
        assertThat(ca.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(cb.state()).isEqualTo(TcpState.ESTABLISHED);
        ca.close();
        cb.close();
        sim.runFor(200_000_000_000L);
        List<String> expected =
                List.of("SYN-SENT", "SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "CLOSING", "TIME-WAIT", "CLOSED");
        assertThat(statesA).isEqualTo(expected);
        assertThat(statesB).isEqualTo(expected);
    }

    @Test
    void aFullAcceptQueueHoldsTheHandshakeUntilTheUserAccepts() {
        Simulation sim = new Simulation(1);
        var client = sim.addHost("client");
        var server = sim.addHost("server");
        sim.connect(client, "eth0", "192.0.2.10/24", server, "eth0", "192.0.2.20/24", LinkParams.GIGABIT);
        TcpListener l = server.listen(80, 2, TcpConfig.DEFAULT);
        List<TcpConnection> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            clients.add(client.connect(TcpPair.SERVER, 80, new TcpHandler() {
                @Override
                public void connected(TcpConnection c) {
                    c.write(ByteBuffer.wrap("hello".getBytes()));
                }
            }));
        }
        sim.runFor(500_000_000L);
        assertThat(l.acceptQueueLength()).isEqualTo(2);
        assertThat(server.tcp().counters.listenOverflows).isPositive();
        assertThat(l.accept()).isNotNull();
        assertThat(l.accept()).isNotNull();
        // The third SYN found the SYN queue full and got a cookie; its ACK and request were dropped while the accept
        // queue was full. The request's retransmission carries the cookie again and completes the handshake.
        sim.runFor(10_000_000_000L);
        TcpConnection third = l.accept();
        assertThat(third).isNotNull();
        assertThat(third.available()).isEqualTo(5);
        assertThat(server.tcp().counters.syncookiesRecv).isEqualTo(1);
        assertThat(clients).allSatisfy(c -> assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED));
    }

    @Test
    void afterAnIdlePeriodLongerThanTheRtoTheWindowRestartsAtTheInitialWindow() {
        for (String cc : new String[] {"newreno", "cubic"}) {
            TcpConfig cfg = TcpConfig.DEFAULT.withCongestionControl(cc).withBuffers(1 << 20, 1 << 20);
            LinkParams slow = LinkParams.GIGABIT.withRate(100_000_000).withDelay(10_000_000);
            TcpPair p = new TcpPair(1, slow, slow, cfg, cfg);
            List<Seen> wire = watch(p);
            p.sim.runUntil(() -> p.clientSide.connected, 1_000_000_000L);
            p.clientSide.conn.write(ByteBuffer.wrap(random(500_000, 1)));
            p.sim.runFor(5_000_000_000L);
            long grown = p.clientSide.conn.cwnd();
            assertThat(grown).as(cc + " window grew").isGreaterThan(20L * p.clientSide.conn.mss());
            // 5 s idle (RTO is 1 s), then a new burst: RFC 5681 §4.1 restart window = min(IW, cwnd).
            wire.clear();
            p.clientSide.conn.write(ByteBuffer.wrap(random(200_000, 2)));
            p.sim.runFor(15_000_000); // less than one RTT (20 ms)
            long firstFlight = wire.stream()
                    .filter(x -> x.fromClient() && x.seg().payloadLength() > 0)
                    .count();
            assertThat(firstFlight).as(cc + " first flight after idle").isEqualTo(10);
        }
    }
}
