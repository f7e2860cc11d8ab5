package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.host.Host;
import dev.strata.link.DeviceCounters;
import dev.strata.link.FrameReceiver;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.link.NetDevice;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * TCP over devices with segmentation offload, in the simulator: the sender hands super-segments (several MSS, a
 * partial checksum) to a device that takes them, the receiver takes them whole as offloaded frames, and the data
 * arrives byte-exact, also with loss; without the device's word, a partial checksum is refused as ever.
 */
class TcpOffloadTest {

    private static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    private static final int MTU = 1500;

    /**
     * A link end that says it cuts TCP segments (like a TAP with TSO) but passes super-segments on whole over a link
     * with room for them, remembering them so that the other end can deliver them as offloaded frames (like a TAP
     * handing the kernel's GSO segments to Strata) or, when {@code vouch} is off, as ordinary frames.
     */
    private static final class OffloadEnd implements NetDevice {
        final Link.End inner;
        final Set<ByteBuffer> large;
        final boolean vouch;
        int segmented;
        int offloadedIn;
        private FrameReceiver receiver;

        OffloadEnd(Link.End inner, Set<ByteBuffer> large, boolean vouch) {
            this.inner = inner;
            this.large = large;
            this.vouch = vouch;
            inner.setReceiver(frame -> {
                if (large.remove(frame) && vouch) {
                    offloadedIn++;
                    receiver.receiveOffloaded(frame);
                } else {
                    receiver.receive(frame);
                }
            });
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public MacAddr mac() {
            return inner.mac();
        }

        @Override
        public int mtu() {
            return MTU;
        }

        @Override
        public int segmentOffloadSize() {
            return 0xFFFF;
        }

        @Override
        public void transmitSegmented(ByteBuffer frame, int segmentSize) {
            assertThat(segmentSize).isLessThanOrEqualTo(MTU - 40);
            assertThat(frame.remaining()).isGreaterThan(14 + 40 + segmentSize);
            segmented++;
            large.add(frame);
            inner.transmit(frame);
        }

        @Override
        public void transmit(ByteBuffer frame) {
            assertThat(frame.remaining()).isLessThanOrEqualTo(MTU + 14);
            inner.transmit(frame);
        }

        @Override
        public void setReceiver(FrameReceiver r) {
            this.receiver = r;
        }

        @Override
        public DeviceCounters counters() {
            return inner.counters();
        }
    }

    private record Run(TcpPair.Side client, TcpPair.Side server, Host c, Host s, OffloadEnd a, OffloadEnd b) {}

    private static Run transfer(long seed, LinkParams params, boolean vouch, byte[] up, byte[] down) {
        Simulation sim = new Simulation(seed);
        Host c = sim.addHost("client");
        Host s = sim.addHost("server");
        Link link = sim.link(
                "l",
                params,
                params,
                new Link.End.Spec("eth0", sim.nextMac(), 0xFFFF),
                new Link.End.Spec("eth0", sim.nextMac(), 0xFFFF));
        Set<ByteBuffer> large = Collections.newSetFromMap(new IdentityHashMap<>());
        OffloadEnd a = new OffloadEnd(link.a(), large, vouch);
        OffloadEnd b = new OffloadEnd(link.b(), large, vouch);
        c.addInterface("eth0", a, Ip4Interface.parse("192.0.2.10/24"));
        s.addInterface("eth0", b, Ip4Interface.parse("192.0.2.20/24"));
        TcpConfig config = TcpConfig.DEFAULT.withBuffers(1 << 20, 1 << 20);
        TcpPair.Side client = new TcpPair.Side();
        TcpPair.Side server = new TcpPair.Side();
        s.listen(5001, 4, config).onAccept(conn -> {
            server.conn = conn;
            conn.setHandler(server);
            server.send(down, true);
        });
        client.conn = c.connect(SERVER, 5001, config, client);
        client.send(up, true);
        boolean done = sim.runUntil(() -> client.closed != null && server.closed != null, 600_000_000_000L);
        assertThat(done || !vouch).as("both sides closed").isTrue();
        return new Run(client, server, c, s, a, b);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void superSegmentsBothWaysArriveByteExact() {
        byte[] up = random(3_000_000, 1);
        byte[] down = random(2_000_000, 2);
        Run r = transfer(1, LinkParams.GIGABIT, true, up, down);
        assertThat(TcpPair.sha256(r.server.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
        assertThat(TcpPair.sha256(r.client.received.toByteArray())).isEqualTo(TcpPair.sha256(down));
        assertThat(r.client.closed).isEqualTo(CloseReason.NORMAL);
        // Super-segments went down to the device and came up whole on the other side, never verified there ...
        assertThat(r.a.segmented).isPositive();
        assertThat(r.b.segmented).isPositive();
        assertThat(r.c.tcp().counters.outLargeSegs).isEqualTo(r.a.segmented);
        assertThat(r.s.tcp().counters.inLargeSegs).isEqualTo(r.a.segmented);
        assertThat(r.s.tcp().counters.inCsumOffloaded).isEqualTo(r.b.offloadedIn);
        // ... and most of the data went that way: far fewer segments than MSS-sized ones would need.
        assertThat(r.c.tcp().counters.outSegs).isLessThan(up.length / 1448 / 4);
        assertThat(r.s.tcp().counters.inErrs).isZero();
    }

    @Test
    void withLossTheDataStillArrivesByteExact() {
        byte[] up = random(1_000_000, 3);
        LinkParams lossy = LinkParams.parse("loss=2%,delay=1ms", LinkParams.GIGABIT);
        Run r = transfer(7, lossy, true, up, new byte[0]);
        assertThat(TcpPair.sha256(r.server.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
        assertThat(r.c.tcp().counters.outLargeSegs).isPositive();
        assertThat(r.c.tcp().counters.retransSegs).isPositive();
    }

    @Test
    void withoutTheDevicesWordAPartialChecksumIsRefused() {
        byte[] up = random(200_000, 4);
        Run r = transfer(3, LinkParams.GIGABIT, false, up, new byte[0]);
        // Every super-segment failed the checksum; only the MSS-sized retransmissions, with full checksums, got in:
        // a prefix of the data (all of it, when loss recovery kept up before the run's end), intact.
        assertThat(r.s.tcp().counters.inErrs).isEqualTo(r.a.segmented).isPositive();
        assertThat(r.s.tcp().counters.inCsumOffloaded).isZero();
        assertThat(r.c.tcp().counters.retransSegs).isPositive();
        byte[] got = r.server.received.toByteArray();
        assertThat(got.length).isPositive().isLessThanOrEqualTo(up.length);
        assertThat(got).isEqualTo(java.util.Arrays.copyOf(up, got.length));
    }

    @Test
    void aDeviceWithoutOffloadGetsOnlyMssSizedSegments() {
        TcpPair p = new TcpPair(5, LinkParams.GIGABIT);
        byte[] up = random(500_000, 5);
        p.clientSide.send(up, true);
        p.serverSide.send(new byte[0], true);
        assertThat(p.runUntilClosed(600_000_000_000L)).isTrue();
        assertThat(TcpPair.sha256(p.serverSide.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
        assertThat(p.client.tcp().counters.outLargeSegs).isZero();
        assertThat(p.client.tcp().counters.outSegs).isGreaterThanOrEqualTo(up.length / 1460);
    }
}
