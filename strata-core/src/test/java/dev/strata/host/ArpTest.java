package dev.strata.host;

import static dev.strata.host.TwoSubnets.ALICE;
import static dev.strata.host.TwoSubnets.BOB;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ip.ArpCache;
import dev.strata.link.LinkParams;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The ARP cache's life cycle: resolution, expiry to STALE, confirmation by a unicast probe, removal, announcements. */
class ArpTest {

    private final TwoSubnets net = new TwoSubnets(1, LinkParams.GIGABIT);
    private final long s = 1_000_000_000L;

    private void udpToBob() {
        net.alice.openUdp(0).send(BOB, 9, ByteBuffer.allocate(10));
    }

    @Test
    void entriesGoStaleAreConfirmedByAUnicastProbeAndDieWhenNobodyAnswers() {
        ArpCache alice = net.alice.iface("eth0").arp();
        udpToBob();
        net.sim.runFor(s);
        assertThat(alice.state(BOB)).isEqualTo(ArpCache.State.REACHABLE);
        long requests = alice.counters.requestsSent;
        net.sim.runFor(50 * s); // past the randomized reachable time (15..45 s)
        assertThat(alice.state(BOB)).isEqualTo(ArpCache.State.STALE);
        udpToBob(); // a stale entry is used, then confirmed with a unicast request
        net.sim.runFor(s);
        assertThat(alice.state(BOB)).isEqualTo(ArpCache.State.REACHABLE);
        assertThat(alice.counters.requestsSent).isEqualTo(requests + 1);
        assertThat(net.bob.iface("eth0").arp().counters.requestsReceived).isGreaterThanOrEqualTo(2);

        // Bob goes silent (his stack stops answering ARP): the next confirmation fails and the entry is removed.
        net.sim.runFor(50 * s);
        net.bob.iface("eth0").device().setReceiver(frame -> {});
        udpToBob();
        net.sim.runFor(10 * s);
        assertThat(alice.state(BOB)).isNull();
    }

    @Test
    void aGratuitousAnnouncementUpdatesTheEntriesOfThoseWhoKnowTheSender() {
        udpToBob();
        net.sim.runFor(s);
        MacAddr before = net.bob.iface("eth0").arp().lookup(ALICE);
        assertThat(before).isEqualTo(net.alice.iface("eth0").mac());
        net.alice.announce();
        net.sim.runFor(s);
        // The router learned nothing new (it had no entry for alice: RFC 826 only updates existing entries).
        assertThat(net.router.iface("eth0").arp().lookup(ALICE)).isNull();
        assertThat(net.bob.iface("eth0").arp().state(ALICE)).isEqualTo(ArpCache.State.REACHABLE);
    }

    @Test
    void theQueueOfPacketsWaitingForResolutionIsBounded() {
        // Nobody owns 192.0.2.99: 500 datagrams wait for a resolution that never comes; at most 101 are kept.
        var sock = net.alice.openUdp(0);
        int[] errors = {0};
        sock.onError(e -> errors[0]++);
        for (int i = 0; i < 500; i++) {
            sock.send(dev.strata.wire.Ip4.parse("192.0.2.99"), 9, ByteBuffer.allocate(10));
        }
        ArpCache alice = net.alice.iface("eth0").arp();
        assertThat(alice.counters.queueDrops).isEqualTo(399);
        net.sim.runFor(10 * s);
        assertThat(alice.counters.failures).isEqualTo(1);
        assertThat(errors[0]).isEqualTo(101); // each waiting datagram reports host unreachable to its socket
        assertThat(alice.counters.requestsSent).isEqualTo(3);
    }
}
