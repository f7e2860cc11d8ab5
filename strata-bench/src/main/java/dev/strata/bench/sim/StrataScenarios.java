package dev.strata.bench.sim;

import dev.strata.bench.BulkSource;
import dev.strata.bench.PointToPoint;
import dev.strata.bench.Stopwatch;
import dev.strata.host.Host;
import dev.strata.link.Channel;
import dev.strata.link.ChannelCounters;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpCounters;
import dev.strata.tcp.TcpHandler;
import dev.strata.time.Timer;
import dev.strata.udp.UdpSocket;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ns-3 reference scenarios re-created in Strata's simulator with the same model ({@link Ns3Model}): the same
 * topology, link rates and delays, TCP settings and applications, stopped at the same moment, and reported with the
 * same keys as the ns-3 scripts' {@code RESULT} lines. {@code wall_run_s} times only the run loop, as ns-3's times
 * {@code Simulator::Run()}.
 */
public final class StrataScenarios {

    /** The port every sink listens on, as in the ns-3 scripts. */
    static final int PORT = 50000;

    /** A virtual-time bound that no scenario reaches unless it stalls. */
    private static final long DEADLINE = 3_600_000_000_000L;

    private static final long TEN_GBIT = 10_000_000_000L;
    private static final long ONE_GBIT = 1_000_000_000L;

    private StrataScenarios() {}

    // ---- A and A-loss: tcp_bulk.cc --------------------------------------------------------------------------------

    /**
     * Scenario A (and A-loss when {@code lossRate > 0}): BulkSend from n0 to a PacketSink on n1 over one 10 Gbit/s,
     * 10 µs link; with loss, each packet arriving at n1 is lost with probability {@code lossRate}.
     */
    public static ResultLine bulk(long maxBytes, double lossRate, long seed) {
        return bulk(maxBytes, lossRate, seed, false, sim -> {});
    }

    /**
     * Scenario A with {@code instrument} applied to the simulation before it runs (e.g. a capture).
     *
     * @param matchAckOrder give the sink the window ns-3's advertises ({@link Ns3Model#sink})
     */
    public static ResultLine bulk(
            long maxBytes, double lossRate, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
        Simulation sim = new Simulation(seed);
        Host n0 = node(sim, "n0");
        Host n1 = node(sim, "n1");
        LinkParams data = Ns3Model.link(TEN_GBIT, 10_000);
        if (lossRate > 0) {
            data = data.withLoss(lossRate); // ns-3: a RateErrorModel on n1's device, receive direction
        }
        Ip4 a0 = Ip4.parse("192.0.2.1");
        Ip4 a1 = Ip4.parse("192.0.2.2");
        Link link = PointToPoint.join(
                        sim,
                        PointToPoint.End.of(n0, "eth0", a0 + "/24"),
                        PointToPoint.End.of(n1, "eth0", a1 + "/24"),
                        data,
                        Ns3Model.link(TEN_GBIT, 10_000),
                        1500)
                .link();

        PacketSink sink = new PacketSink(sim, maxBytes);
        n1.listen(PORT, 128, Ns3Model.sink(matchAckOrder)).onAccept(c -> c.setHandler(sink));
        n0.connect(a1, PORT, Ns3Model.TCP, new BulkSource(maxBytes, Ns3Model.MSS));
        instrument.accept(sim);

        Stopwatch w = Stopwatch.start();
        boolean done = sim.runUntil(() -> sink.doneAt >= 0, DEADLINE);
        double wall = w.wallSeconds();
        double cpu = w.cpuSeconds();
        if (!done) {
            throw new IllegalStateException("scenario A stalled at " + sink.received + " of " + maxBytes + " octets");
        }
        long txData = link.a().outbound().counters().offered;
        long txAck = link.b().outbound().counters().offered;
        long events = sim.events().executed();
        TcpCounters tcp = n0.tcp().counters;
        return new ResultLine()
                .put("scenario", "tcp_bulk")
                .put("wall_run_s", wall, 3)
                .put("cpu_run_s", cpu, 3)
                .put("sim_done_s", sink.doneAt / 1e9, 9)
                .put("sim_end_s", sim.now() / 1e9, 9)
                .put("rx_bytes", sink.received)
                .put("goodput_gbps", sink.received * 8.0 / sink.doneAt, 4)
                .put("events", events)
                .put("events_per_wall_s", events / wall, 0)
                .put("data_dir_tx_pkts", txData)
                .put("ack_dir_tx_pkts", txAck)
                .put("data_rx_pkts", link.b().counters().rxFrames)
                .put("lost_pkts", link.a().outbound().counters().lost)
                .put("fast_recoveries", tcp.fastRetransmits)
                .put("rtos", tcp.timeouts)
                .put("link_pkts_per_wall_s", (txData + txAck) / wall, 0)
                .put("data_pkts_per_wall_s", txData / wall, 0);
    }

    // ---- B: star_many.cc ------------------------------------------------------------------------------------------

    /**
     * Scenario B: a router and {@code hosts} hosts, each on its own 1 Gbit/s, 1 ms link and /24; host i sends
     * {@code bytesPerFlow} to host (i+1) mod {@code hosts} through the router; all flows start at once.
     */
    public static ResultLine star(int hosts, long bytesPerFlow, long seed) {
        return star(hosts, bytesPerFlow, seed, false, sim -> {});
    }

    /**
     * Scenario B with {@code instrument} applied to the simulation before it runs.
     *
     * @param matchAckOrder give the sinks the window ns-3's advertise ({@link Ns3Model#sink})
     */
    public static ResultLine star(
            int hosts, long bytesPerFlow, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
        if (hosts < 2 || hosts > 512) {
            throw new IllegalArgumentException("the star has 2..512 hosts, not " + hosts);
        }
        Simulation sim = new Simulation(seed);
        Host router = sim.addRouter("r");
        router.ip().setArpParams(Ns3Model.ARP);
        List<Host> h = new ArrayList<>();
        List<Ip4> addr = new ArrayList<>();
        List<Link> links = new ArrayList<>();
        LinkParams p = Ns3Model.link(ONE_GBIT, 1_000_000);
        for (int i = 0; i < hosts; i++) {
            Host host = node(sim, "h" + i);
            // 198.18.0.0/15 is the benchmarking range (RFC 2544): host .1, router .2, as ns-3's address helper does.
            String net = "198." + (18 + i / 256) + "." + (i % 256) + ".";
            Ip4 hostIp = Ip4.parse(net + "1");
            Ip4 routerIp = Ip4.parse(net + "2");
            Link l = PointToPoint.join(
                            sim,
                            PointToPoint.End.of(host, "eth0", hostIp + "/24"),
                            PointToPoint.End.of(router, "eth" + i, routerIp + "/24"),
                            p,
                            1500)
                    .link();
            host.setDefaultGateway(routerIp);
            h.add(host);
            addr.add(hostIp);
            links.add(l);
        }
        int[] flowsDone = {0};
        List<PacketSink> sinks = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            sinks.add(new PacketSink(sim, bytesPerFlow, () -> flowsDone[0]++));
        }
        for (int i = 0; i < hosts; i++) {
            int dst = (i + 1) % hosts;
            PacketSink sink = sinks.get(dst);
            h.get(dst).listen(PORT, 128, Ns3Model.sink(matchAckOrder)).onAccept(c -> c.setHandler(sink));
            h.get(i).connect(addr.get(dst), PORT, Ns3Model.TCP, new BulkSource(bytesPerFlow, Ns3Model.MSS));
        }
        instrument.accept(sim);

        Stopwatch w = Stopwatch.start();
        boolean done = sim.runUntil(() -> flowsDone[0] == hosts, DEADLINE);
        double wall = w.wallSeconds();
        double cpu = w.cpuSeconds();
        if (!done) {
            throw new IllegalStateException("scenario B stalled with " + flowsDone[0] + " of " + hosts + " flows done");
        }
        long total = 0;
        long maxDone = 0;
        long minDone = Long.MAX_VALUE;
        double sumDone = 0;
        for (PacketSink s : sinks) {
            total += s.received;
            maxDone = Math.max(maxDone, s.doneAt);
            minDone = Math.min(minDone, s.doneAt);
            sumDone += s.doneAt;
        }
        long linkTx = 0;
        long drops = 0;
        for (Link l : links) {
            linkTx += l.a().outbound().counters().offered + l.b().outbound().counters().offered;
            drops += l.a().outbound().counters().queueDrops + l.b().outbound().counters().queueDrops;
        }
        long events = sim.events().executed();
        return new ResultLine()
                .put("scenario", "star_many")
                .put("wall_run_s", wall, 3)
                .put("cpu_run_s", cpu, 3)
                .put("flows_done", flowsDone[0])
                .put("total_rx_bytes", total)
                .put("sim_done_s", maxDone / 1e9, 9)
                .put("fct_min_s", minDone / 1e9, 9)
                .put("fct_mean_s", sumDone / hosts / 1e9, 9)
                .put("sim_end_s", sim.now() / 1e9, 9)
                .put("agg_goodput_gbps", total * 8.0 / maxDone, 4)
                .put("events", events)
                .put("events_per_wall_s", events / wall, 0)
                .put("link_tx_pkts", linkTx)
                .put("drops", drops)
                .put("link_pkts_per_wall_s", linkTx / wall, 0);
    }

    // ---- C: udp_echo_many.cc --------------------------------------------------------------------------------------

    /**
     * Scenario C: n0 sends {@code packets} UDP datagrams of 64 octets to an echo server on n1, one every 76 ns (just
     * under the line rate of the 10 Gbit/s, 10 µs link); every datagram is echoed. Runs until no event is left.
     */
    public static ResultLine udpEcho(int packets, long seed) {
        return udpEcho(packets, seed, sim -> {});
    }

    /** Scenario C with {@code instrument} applied to the simulation before it runs. */
    public static ResultLine udpEcho(int packets, long seed, Consumer<Simulation> instrument) {
        Simulation sim = new Simulation(seed);
        Host n0 = node(sim, "n0");
        Host n1 = node(sim, "n1");
        LinkParams p = Ns3Model.link(TEN_GBIT, 10_000);
        Ip4 a0 = Ip4.parse("192.0.2.1");
        Ip4 a1 = Ip4.parse("192.0.2.2");
        Link link = PointToPoint.join(
                        sim,
                        PointToPoint.End.of(n0, "eth0", a0 + "/24"),
                        PointToPoint.End.of(n1, "eth0", a1 + "/24"),
                        p,
                        1500)
                .link();

        long[] serverRx = {0};
        long[] clientRx = {0};
        long[] lastRx = {-1};
        UdpSocket server = n1.openUdp(9);
        server.onReceive((src, port, payload) -> {
            serverRx[0]++;
            server.send(src, port, payload);
        });
        UdpSocket client = n0.openUdp(0);
        client.onReceive((src, port, payload) -> {
            clientRx[0]++;
            lastRx[0] = sim.now();
        });
        ByteBuffer payload = ByteBuffer.allocate(64);
        long[] sent = {0};
        Timer[] next = new Timer[1];
        next[0] = sim.scheduler().newTimer(() -> {
            client.send(a1, 9, payload.clear());
            if (++sent[0] < packets) {
                next[0].setAfter(76);
            }
        });
        next[0].setAt(0);
        instrument.accept(sim);

        // ns-3 runs until no event is left; Strata's hosts keep ARP timers, so the run ends when every datagram
        // sent has been delivered (or dropped) on both directions of the link.
        Channel out = link.a().outbound();
        Channel back = link.b().outbound();
        Stopwatch w = Stopwatch.start();
        boolean done = sim.runUntil(() -> sent[0] == packets && idle(out) && idle(back), DEADLINE);
        double wall = w.wallSeconds();
        double cpu = w.cpuSeconds();
        if (!done) {
            throw new IllegalStateException("scenario C did not finish: " + clientRx[0] + " echoes of " + packets);
        }
        long linkTx = out.counters().offered + back.counters().offered;
        long drops = out.counters().queueDrops + back.counters().queueDrops;
        long events = sim.events().executed();
        return new ResultLine()
                .put("scenario", "udp_echo_many")
                .put("wall_run_s", wall, 3)
                .put("cpu_run_s", cpu, 3)
                .put("client_tx", sent[0])
                .put("server_rx", serverRx[0])
                .put("client_rx", clientRx[0])
                .put("drops", drops)
                .put("link_tx_pkts", linkTx)
                .put("sim_last_echo_s", lastRx[0] / 1e9, 9)
                .put("sim_end_s", sim.now() / 1e9, 9)
                .put("events", events)
                .put("events_per_wall_s", events / wall, 0)
                .put("client_pkts_per_wall_s", sent[0] / wall, 0)
                .put("link_pkts_per_wall_s", linkTx / wall, 0);
    }

    /** True when every frame offered to {@code c} was delivered, lost or dropped. */
    private static boolean idle(Channel c) {
        ChannelCounters k = c.counters();
        return k.delivered + k.lost + k.queueDrops == k.offered;
    }

    private static Host node(Simulation sim, String name) {
        Host h = sim.addHost(name);
        h.ip().setArpParams(Ns3Model.ARP);
        return h;
    }

    // ---- the applications -----------------------------------------------------------------------------------------

    /** ns-3's PacketSink: reads everything as it arrives and notes when {@code expected} octets are in. */
    static final class PacketSink implements TcpHandler {
        private final Simulation sim;
        private final ByteBuffer buf = ByteBuffer.allocate(256 * 1024);
        private final long expected;
        private final Runnable onDone;
        long received;
        long doneAt = -1;

        PacketSink(Simulation sim, long expected) {
            this(sim, expected, () -> {});
        }

        PacketSink(Simulation sim, long expected, Runnable onDone) {
            this.sim = sim;
            this.expected = expected;
            this.onDone = onDone;
        }

        @Override
        public void readable(TcpConnection c) {
            int n;
            while ((n = c.read(buf.clear())) > 0) {
                received += n;
            }
            if (doneAt < 0 && received >= expected) {
                doneAt = sim.now();
                onDone.run();
            }
        }
    }
}
