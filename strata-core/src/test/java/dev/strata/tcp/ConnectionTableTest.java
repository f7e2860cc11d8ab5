package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.ip.IpLayer;
import dev.strata.time.EventQueue;
import dev.strata.wire.Ip4;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The demultiplexing table against a map of four-tuples: same answers through adds, removals and resizes. */
class ConnectionTableTest {

    private final TcpLayer layer =
            new TcpLayer(new IpLayer("h", new EventQueue(), new SplittableRandom(1)), new SplittableRandom(2));

    private record Tuple(int la, int lp, int ra, int rp) {}

    private TcpConnection connection(Tuple t) {
        return new TcpConnection(layer, TcpConfig.DEFAULT, new Ip4(t.la), t.lp, new Ip4(t.ra), t.rp);
    }

    @Property(tries = 200)
    void agreesWithAMapOfFourTuples(@ForAll long seed) {
        Random rnd = new Random(seed);
        ConnectionTable table = new ConnectionTable();
        Map<Tuple, TcpConnection> model = new HashMap<>();
        List<Tuple> known = new ArrayList<>();
        // Few distinct values per field, so tuples collide on parts of the key and clusters form.
        int[] addresses = {0xC000_0201, 0xC000_0202, 0xC633_6401, 0x8000_0000, 0xFFFF_FFFF};
        for (int step = 0; step < 400; step++) {
            Tuple t = rnd.nextInt(4) == 0 && !known.isEmpty()
                    ? known.get(rnd.nextInt(known.size()))
                    : new Tuple(
                            addresses[rnd.nextInt(addresses.length)],
                            rnd.nextInt(2) == 0 ? 80 : 32768 + rnd.nextInt(64),
                            addresses[rnd.nextInt(addresses.length)],
                            rnd.nextInt(2) == 0 ? 65535 : rnd.nextInt(64));
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    TcpConnection c = connection(t);
                    table.put(c);
                    model.put(t, c);
                    known.add(t);
                }
                case 1 -> {
                    TcpConnection c = model.get(t);
                    if (c != null && rnd.nextBoolean()) {
                        table.remove(c);
                        model.remove(t);
                    } else {
                        table.remove(connection(t)); // not the one in the table: nothing happens
                    }
                }
                default -> {}
            }
            assertThat(table.size()).isEqualTo(model.size());
            for (Tuple k : known) {
                assertThat(table.get(k.la, k.lp, k.ra, k.rp)).isSameAs(model.get(k));
                assertThat(table.contains(k.la, k.lp, k.ra, k.rp)).isEqualTo(model.containsKey(k));
            }
        }
    }

    @Test
    void growsAndShrinksThroughManyConnections() {
        ConnectionTable table = new ConnectionTable();
        List<TcpConnection> all = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            TcpConnection c = connection(new Tuple(0xC000_0201, 32768 + i % 20000, 0xC000_0202, 80 + i / 20000));
            table.put(c);
            all.add(c);
        }
        assertThat(table.size()).isEqualTo(5000);
        for (int i = 0; i < 5000; i += 2) {
            table.remove(all.get(i));
        }
        assertThat(table.size()).isEqualTo(2500);
        for (int i = 0; i < 5000; i++) {
            TcpConnection c = all.get(i);
            assertThat(table.get(
                            c.localAddress().bits(),
                            c.localPort(),
                            c.remoteAddress().bits(),
                            c.remotePort()))
                    .isSameAs(i % 2 == 0 ? null : c);
        }
    }

    @Test
    void findingAConnectionAllocatesNothing() {
        ConnectionTable table = new ConnectionTable();
        for (int i = 0; i < 100; i++) {
            table.put(connection(new Tuple(0xC000_0201, 40000 + i, 0xC000_0202, 443)));
        }
        int[] i = {0};
        assertThat(Allocations.perCall(() -> {
                    // Alternate two connections so that the remembered last one does not answer every lookup.
                    table.get(0xC000_0201, 40000 + (i[0]++ & 1) * 7, 0xC000_0202, 443);
                }))
                .isZero();
    }
}
