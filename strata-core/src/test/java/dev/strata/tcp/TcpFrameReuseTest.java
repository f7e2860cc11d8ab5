package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.link.LinkParams;
import dev.strata.link.LossModel;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Parsed;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Frames are reused once the receiving TCP has copied their octets ({@code Frames.recycle}): a frame still in flight,
 * queued out of order or duplicated must never be overwritten. Bulk data both ways over links that lose, reorder and
 * duplicate (but never corrupt) frames must arrive byte-exact with not one bad checksum on the wire or at the
 * receivers, since a frame overwritten while still in use would show up as a checksum error.
 */
class TcpFrameReuseTest {

    @Test
    void noFrameIsOverwrittenWhileInFlightQueuedOrDuplicated() {
        LinkParams impaired = LinkParams.GIGABIT
                .withDelay(200_000)
                .withJitter(50_000)
                .withLoss(new LossModel.Bernoulli(0.02))
                .withImpairments(0.05, 0.05, 300_000, 0);
        for (long seed = 1; seed <= 5; seed++) {
            TcpPair p = new TcpPair(seed, impaired);
            int[] bad = new int[1];
            int[] seen = new int[1];
            p.link.tap((t, frame) -> {
                seen[0]++;
                if (!verifies(frame)) {
                    bad[0]++;
                }
            });
            SplittableRandom r = new SplittableRandom(seed);
            byte[] up = new byte[600_000];
            byte[] down = new byte[400_000];
            r.nextBytes(up);
            r.nextBytes(down);
            p.clientSide.send(up, true);
            p.serverSide.send(down, true);
            assertThat(p.runUntilClosed(600_000_000_000L)).isTrue();
            assertThat(TcpPair.sha256(p.serverSide.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
            assertThat(TcpPair.sha256(p.clientSide.received.toByteArray())).isEqualTo(TcpPair.sha256(down));
            assertThat(seen[0]).isGreaterThan(1000);
            assertThat(bad[0]).isZero();
            assertThat(p.client.tcp().counters.inErrs).isZero();
            assertThat(p.server.tcp().counters.inErrs).isZero();
            assertThat(p.client.ip().counters.inHdrErrors).isZero();
            assertThat(p.server.ip().counters.inHdrErrors).isZero();
        }
    }

    @Test
    void framesWhoseOctetsWaitUnreadInTheReceiveBufferAreNotReused() {
        TcpConfig big = TcpConfig.DEFAULT.withBuffers(1 << 20, 1 << 20);
        TcpPair p = new TcpPair(7, LinkParams.GIGABIT, LinkParams.GIGABIT, big, big);
        byte[] up = new byte[500_000];
        new SplittableRandom(7).nextBytes(up);
        p.sim.runUntil(() -> p.serverSide.conn != null, 1_000_000_000L);
        p.serverSide.conn.setHandler(new TcpHandler() {}); // reads nothing until every octet is in
        p.clientSide.send(up, false);
        // Meanwhile the server sends, so both hosts build frames from the pool while the client's octets wait.
        p.serverSide.send(new byte[300_000], false);
        assertThat(p.sim.runUntil(() -> p.serverSide.conn.rcv.buffer.size() == up.length, 60_000_000_000L))
                .isTrue();
        p.sim.runFor(1_000_000_000L);
        p.serverSide.readable(p.serverSide.conn);
        assertThat(TcpPair.sha256(p.serverSide.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
    }

    /** True when an IPv4 frame's IP and TCP checksums verify (other frames pass). */
    private static boolean verifies(ByteBuffer frame) {
        if (!(EthernetFrame.parse(frame.duplicate()) instanceof Parsed.Ok<EthernetFrame>(EthernetFrame eth))
                || !eth.etherType().equals(EtherType.IPV4)) {
            return true;
        }
        if (!(Ipv4Packet.parse(frame.duplicate().position(eth.payloadOffset()))
                instanceof Parsed.Ok<Ipv4Packet>(Ipv4Packet ip))) {
            return false;
        }
        if (!ip.protocol().equals(IpProtocol.TCP)) {
            return true;
        }
        ByteBuffer tb =
                ip.buffer().duplicate().position(ip.payloadOffset()).limit(ip.payloadOffset() + ip.payloadLength());
        return TcpSegment.parse(tb, ip.pseudoHeader()) instanceof Parsed.Ok<TcpSegment>;
    }
}
