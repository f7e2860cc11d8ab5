package dev.strata.tcp;

import static dev.strata.tcp.ScriptedPeer.DUT;
import static dev.strata.tcp.ScriptedPeer.DUT_PORT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.wire.TcpOption;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Hostile segments with valid checksums but random flags, numbers, windows, options and payloads, thrown at a
 * listener and at established connections: the stack must never throw (the simulator would fail the run), and
 * every connection must stay in a legal state.
 */
class TcpFuzzTest {

    @Property(tries = 60)
    void randomSegmentsNeverBreakTheStack(@ForAll long seed) {
        ScriptedPeer p = new ScriptedPeer(seed);
        List<TcpConnection> accepted = new ArrayList<>();
        p.dut.tcp().listen(DUT, DUT_PORT, 8, TcpConfig.DEFAULT).onAccept(accepted::add);
        SplittableRandom r = new SplittableRandom(seed);
        // Start a real connection now and then, so that fuzz hits synchronized states too.
        long isn = 8633;
        for (int i = 0; i < 400; i++) {
            if (i % 100 == 0) {
                p.send(dev.strata.wire.TcpFlags.SYN_BIT, isn, 0);
                var synAck = p.take().stream()
                        .filter(s -> s.has(dev.strata.wire.TcpFlags.SYN_BIT))
                        .findFirst();
                if (synAck.isPresent()) {
                    p.send(
                            dev.strata.wire.TcpFlags.ACK_BIT,
                            isn + 1,
                            synAck.get().seq() + 1);
                }
            }
            int flags = r.nextInt(0x100);
            long seq = r.nextBoolean() ? isn + 1 + r.nextInt(100_000) : r.nextLong(1L << 32);
            long ack = r.nextLong(1L << 32);
            byte[] data = new byte[r.nextInt(4) == 0 ? r.nextInt(2000) : 0];
            r.nextBytes(data);
            List<TcpOption> opts = new ArrayList<>();
            if (r.nextBoolean()) {
                opts.add(new TcpOption.Mss(r.nextInt(0x10000)));
            }
            if (r.nextBoolean()) {
                opts.add(new TcpOption.WindowScale(r.nextInt(256)));
            }
            if (r.nextBoolean()) {
                opts.add(new TcpOption.Timestamps(r.nextInt(), r.nextInt()));
            }
            if (r.nextInt(4) == 0) {
                opts.add(new TcpOption.SackPermitted());
            }
            if (r.nextInt(3) == 0) {
                int n = 1 + r.nextInt(opts.size() > 2 ? 1 : 3);
                List<TcpOption.SackBlock> blocks = new ArrayList<>();
                for (int b = 0; b < n; b++) {
                    blocks.add(new TcpOption.SackBlock(r.nextInt(), r.nextInt()));
                }
                opts.add(new TcpOption.Sack(blocks));
            }
            while (opts.stream().mapToInt(TcpOption::length).sum() > 40) {
                opts.removeLast();
            }
            p.send(flags, seq, ack, r.nextInt(0x10000), data, opts.toArray(TcpOption[]::new));
            isn = r.nextInt(4) == 0 ? r.nextLong(1L << 32) : isn;
        }
        p.sim.runFor(300_000_000_000L); // let every timer run out
        assertThat(p.dut.tcp().connectionCount()).isLessThanOrEqualTo(8 + accepted.size());
        for (TcpConnection c : accepted) {
            assertThat(c.state()).isNotNull();
        }
    }
}
