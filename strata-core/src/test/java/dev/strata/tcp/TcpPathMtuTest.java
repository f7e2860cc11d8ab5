package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.host.Host;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Path MTU discovery (RFC 1191): a router with a 576-octet link answers "fragmentation needed" to TCP's DF segments. */
class TcpPathMtuTest {

    @Test
    void segmentsShrinkToThePathMtuAndTheTransferCompletes() {
        Simulation sim = new Simulation(1);
        Host a = sim.addHost("a");
        Host r = sim.addRouter("r");
        Host b = sim.addHost("b");
        sim.connect(a, "eth0", "192.0.2.10/24", r, "eth0", "192.0.2.1/24", LinkParams.GIGABIT);
        Link narrow = sim.link(
                "r.eth1-b.eth0",
                LinkParams.GIGABIT,
                LinkParams.GIGABIT,
                new Link.End.Spec("r.eth1", sim.nextMac(), 576),
                new Link.End.Spec("b.eth0", sim.nextMac(), 1500));
        r.addInterface("eth1", narrow.a(), Ip4Interface.parse("198.51.100.1/24"));
        b.addInterface("eth0", narrow.b(), Ip4Interface.parse("198.51.100.20/24"));
        a.setDefaultGateway(Ip4.parse("192.0.2.1"));
        b.setDefaultGateway(Ip4.parse("198.51.100.1"));
        byte[] data = new byte[300_000];
        new Random(1).nextBytes(data);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        boolean[] eof = {false};
        b.listen(80)
                .onAccept(c -> c.setHandler(new TcpHandler() {
                    @Override
                    public void readable(TcpConnection conn) {
                        ByteBuffer buf = ByteBuffer.allocate(65536);
                        int n;
                        while ((n = conn.read(buf.clear())) > 0) {
                            got.write(buf.array(), 0, n);
                        }
                        eof[0] |= n < 0;
                    }
                }));
        ByteBuffer src = ByteBuffer.wrap(data);
        TcpConnection c = a.connect(Ip4.parse("198.51.100.20"), 80, new TcpHandler() {
            @Override
            public void connected(TcpConnection conn) {
                writable(conn);
            }

            @Override
            public void writable(TcpConnection conn) {
                conn.write(src);
                if (!src.hasRemaining()) {
                    conn.shutdownOutput();
                }
            }
        });
        assertThat(sim.runUntil(() -> eof[0], 60_000_000_000L)).isTrue();
        assertThat(TcpPair.sha256(got.toByteArray())).isEqualTo(TcpPair.sha256(data));
        assertThat(c.mss()).isEqualTo(576 - 40 - 12);
        assertThat(r.ip().counters.outFragFails).isPositive(); // DF segments refused by the router, reported by ICMP
        assertThat(a.ip().icmp().counters.inDestUnreachs).isPositive();
        assertThat(a.tcp().counters.timeouts)
                .as("recovered without waiting for an RTO")
                .isZero();
    }
}
