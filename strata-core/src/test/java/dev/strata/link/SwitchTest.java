package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.time.EventQueue;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetHeader;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SwitchTest {

    private final EventQueue q = new EventQueue();
    private final Switch sw = new Switch("sw", q, 1_000_000, 16);
    private final List<List<MacAddr>> heard = new ArrayList<>();
    private final List<Link.End> hosts = new ArrayList<>();

    private void plug(int n) {
        for (int i = 0; i < n; i++) {
            Link l = new Link(
                    "l" + i,
                    q,
                    LinkParams.IDEAL,
                    LinkParams.IDEAL,
                    new SplittableRandom(i),
                    new SplittableRandom(i + 100),
                    new Link.End.Spec("h" + i, MacAddr.local(i + 1), 1500),
                    new Link.End.Spec("p" + i, MacAddr.local(100 + i), 1500));
            List<MacAddr> got = new ArrayList<>();
            heard.add(got);
            l.a().setReceiver(f -> got.add(MacAddr.read(f, f.position() + 6)));
            sw.attach(l.b());
            hosts.add(l.a());
        }
    }

    private void send(int from, MacAddr to) {
        ByteBuffer f = ByteBuffer.allocate(60);
        new EthernetHeader(to, hosts.get(from).mac(), EtherType.IPV4).emit(f, 0);
        hosts.get(from).transmit(f);
        while (q.runNext()) {}
    }

    @Test
    void floodsUnknownThenForwardsLearned() {
        plug(3);
        send(0, MacAddr.local(2)); // unknown: flooded to 1 and 2
        assertThat(heard.get(1)).containsExactly(MacAddr.local(1));
        assertThat(heard.get(2)).containsExactly(MacAddr.local(1));
        send(1, MacAddr.local(1)); // learned: only port 0
        assertThat(heard.get(0)).containsExactly(MacAddr.local(2));
        assertThat(heard.get(2)).hasSize(1);
        send(0, MacAddr.local(2)); // now known: only port 1
        assertThat(heard.get(1)).hasSize(2);
        assertThat(heard.get(2)).hasSize(1);
        assertThat(sw.counters.flooded).isEqualTo(1);
        assertThat(sw.counters.forwarded).isEqualTo(2);
    }

    @Test
    void broadcastGoesEverywhereButBackAndEntriesAgeOut() {
        plug(3);
        send(2, MacAddr.BROADCAST);
        assertThat(heard.get(0)).hasSize(1);
        assertThat(heard.get(1)).hasSize(1);
        assertThat(heard.get(2)).isEmpty();
        assertThat(sw.lookup(MacAddr.local(3))).isEqualTo(2);
        q.advanceTo(q.nanos() + 2_000_000);
        assertThat(sw.lookup(MacAddr.local(3))).isEqualTo(-1);
    }

    @Test
    void runtsAreCountedNotForwarded() {
        plug(2);
        hosts.get(0).transmit(ByteBuffer.allocate(5));
        while (q.runNext()) {}
        assertThat(sw.counters.runts).isEqualTo(1);
        assertThat(heard.get(1)).isEmpty();
    }
}
