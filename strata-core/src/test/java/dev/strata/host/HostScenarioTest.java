package dev.strata.host;

import static dev.strata.host.TwoSubnets.ALICE;
import static dev.strata.host.TwoSubnets.BOB;
import static dev.strata.host.TwoSubnets.CAROL;
import static dev.strata.host.TwoSubnets.ROUTER_A;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ip.ArpCache;
import dev.strata.ip.IcmpError;
import dev.strata.link.LinkParams;
import dev.strata.udp.UdpSocket;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hosts, a switch and a router in the simulator: ARP, ping, traceroute, unreachables and fragmentation. */
class HostScenarioTest {

    private final TwoSubnets net = new TwoSubnets(1, LinkParams.GIGABIT);

    private Ping.Summary ping(Host from, Ip4 to, int ttl) {
        Ping.Summary[] out = new Ping.Summary[1];
        Ping.from(from, to).count(3).ttl(ttl).onDone(s -> out[0] = s).start();
        assertThat(net.runUntil(() -> out[0] != null)).as("ping finished").isTrue();
        return out[0];
    }

    @Test
    void pingOnTheSameSubnetResolvesArpAndGetsEveryReply() {
        Ping.Summary s = ping(net.alice, BOB, 64);
        assertThat(s.transmitted()).isEqualTo(3);
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.events()).allSatisfy(e -> {
            assertThat(e).isInstanceOf(Ping.Reply.class);
            assertThat(((Ping.Reply) e).ttl()).isEqualTo(64);
            assertThat(((Ping.Reply) e).bytes()).isEqualTo(56);
        });
        assertThat(net.alice.iface("eth0").arp().state(BOB)).isEqualTo(ArpCache.State.REACHABLE);
        // bob learned alice from her request (RFC 826: the target adds the sender).
        assertThat(net.bob.iface("eth0").arp().lookup(ALICE))
                .isEqualTo(net.alice.iface("eth0").mac());
        assertThat(net.alice.iface("eth0").arp().counters.requestsSent).isEqualTo(1);
    }

    @Test
    void pingAcrossTheRouterLosesOneTtl() {
        Ping.Summary s = ping(net.alice, CAROL, 64);
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.events())
                .allSatisfy(e -> assertThat(((Ping.Reply) e).ttl()).isEqualTo(63));
        assertThat(net.router.ip().counters.inForwDatagrams).isEqualTo(6);
    }

    @Test
    void ttlOfOneDiesAtTheRouterWithTimeExceeded() {
        Ping.Summary s = ping(net.alice, CAROL, 1);
        assertThat(s.received()).isZero();
        assertThat(s.events())
                .filteredOn(e -> e instanceof Ping.Error)
                .hasSize(3)
                .allSatisfy(e -> {
                    IcmpError err = ((Ping.Error) e).error();
                    assertThat(err.code()).isEqualTo(Icmpv4Code.TTL_EXCEEDED);
                    assertThat(err.reporter()).isEqualTo(ROUTER_A);
                });
    }

    @Test
    void tracerouteFindsTheRouterThenTheDestination() {
        Traceroute.Result[] out = new Traceroute.Result[1];
        Traceroute.start(net.alice, CAROL, 30, 1, 5_000_000_000L, p -> {}, r -> out[0] = r);
        assertThat(net.runUntil(() -> out[0] != null)).isTrue();
        Traceroute.Result r = out[0];
        assertThat(r.reached()).isTrue();
        assertThat(r.probes()).extracting(Traceroute.Probe::hop).containsExactly(1, 2);
        assertThat(r.probes().get(0).reporter()).isEqualTo(ROUTER_A);
        assertThat(r.probes().get(0).code()).isEqualTo(Icmpv4Code.TTL_EXCEEDED);
        assertThat(r.probes().get(1).reporter()).isEqualTo(CAROL);
        assertThat(r.probes().get(1).code()).isEqualTo(Icmpv4Code.PORT_UNREACHABLE);
    }

    @Test
    void noRouteAtTheRouterAnswersNetUnreachable() {
        Ping.Summary s = ping(net.alice, Ip4.parse("203.0.113.5"), 64);
        assertThat(s.events())
                .filteredOn(e -> e instanceof Ping.Error)
                .hasSize(3)
                .allSatisfy(e -> assertThat(((Ping.Error) e).error().code()).isEqualTo(Icmpv4Code.NET_UNREACHABLE));
        assertThat(net.router.ip().counters.inNoRoutes).isEqualTo(3);
    }

    @Test
    void unresolvableNeighbourGivesUpAfterThreeRequestsAndReportsHostUnreachable() {
        Ping.Summary s = ping(net.alice, Ip4.parse("192.0.2.99"), 64);
        assertThat(s.received()).isZero();
        assertThat(s.events())
                .anySatisfy(e -> assertThat(e)
                        .isInstanceOfSatisfying(
                                Ping.Error.class,
                                err -> assertThat(err.error().code()).isEqualTo(Icmpv4Code.HOST_UNREACHABLE)));
        ArpCache.Counters c = net.alice.iface("eth0").arp().counters;
        assertThat(c.failures).isGreaterThanOrEqualTo(1);
        assertThat(c.requestsSent).isGreaterThanOrEqualTo(3);
    }

    @Test
    void udpToAClosedPortReportsPortUnreachableToTheSender() {
        List<IcmpError> errors = new ArrayList<>();
        UdpSocket s = net.alice.openUdp(0).onError(errors::add);
        s.send(CAROL, 9999, ByteBuffer.wrap("hello".getBytes()));
        net.runUntil(() -> !errors.isEmpty());
        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.code()).isEqualTo(Icmpv4Code.PORT_UNREACHABLE);
            assertThat(e.reporter()).isEqualTo(CAROL);
            assertThat(e.quote().destinationPort()).isEqualTo(9999);
        });
        assertThat(net.carol.udp().counters.noPorts).isEqualTo(1);
    }

    @Test
    void largeUdpDatagramsAreFragmentedAndReassembledIntact() throws Exception {
        byte[] data = new byte[20_000];
        new Random(5).nextBytes(data);
        List<byte[]> got = new ArrayList<>();
        net.carol.openUdp(7000).onReceive((src, port, payload) -> {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            got.add(b);
        });
        net.alice.openUdp(0).send(CAROL, 7000, ByteBuffer.wrap(data));
        assertThat(net.runUntil(() -> !got.isEmpty())).isTrue();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(got.getFirst())).isEqualTo(sha.digest(data));
        assertThat(net.alice.ip().counters.outFragCreates).isEqualTo(14); // ceil(20008 / 1480)
        assertThat(net.carol.ip().counters.reasmOKs).isEqualTo(1);
    }

    @Test
    void sameSeedSameRunAnotherSeedMayDiffer() {
        assertThat(lossyPingLog(11)).isEqualTo(lossyPingLog(11));
        assertThat(lossyPingLog(11)).isNotEqualTo(lossyPingLog(12));
    }

    private static List<String> lossyPingLog(long seed) {
        TwoSubnets n = new TwoSubnets(seed, LinkParams.GIGABIT.withLoss(0.3).withJitter(2_000_000));
        List<String> log = new ArrayList<>();
        boolean[] done = {false};
        Ping.from(n.alice, CAROL)
                .count(20)
                .interval(100_000_000)
                .onEvent(e -> log.add(n.sim.now() + " " + e))
                .onDone(x -> done[0] = true)
                .start();
        n.runUntil(() -> done[0]);
        return log;
    }
}
