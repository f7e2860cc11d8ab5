package dev.strata.tcp;

import static dev.strata.tcp.ScriptedPeer.DUT;
import static dev.strata.tcp.ScriptedPeer.DUT_PORT;
import static dev.strata.wire.TcpFlags.ACK_BIT;
import static dev.strata.wire.TcpFlags.SYN_BIT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.wire.TcpOption;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 7323 timestamps against a scripted peer: what the device echoes in TSecr. */
class TcpTimestampsTest {

    private static final long PEER_ISN = 8633;
    private static final long DUT_ISN = 303;

    private static TcpOption.Timestamps ts(ScriptedPeer.Sent s) {
        return s.options().stream()
                .filter(o -> o instanceof TcpOption.Timestamps)
                .map(o -> (TcpOption.Timestamps) o)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no timestamps in " + s));
    }

    @Test
    void bareAcksAdvanceTsRecentSoABulkSenderEchoesTheLatestTsVal() {
        // Found against Linux: a Strata sender of bulk data (chargen) kept echoing the TSval of the handshake,
        // because only segments with data or FIN updated TS.Recent. RFC 7323 §4.3 / §5.3 R3 update it from any
        // acceptable segment with SEG.SEQ =< Last.ACK.sent, so bare ACKs count too.
        ScriptedPeer p = new ScriptedPeer(1);
        TcpConnection[] conn = new TcpConnection[1];
        p.dut.tcp().listen(DUT, DUT_PORT, 8, TcpConfig.DEFAULT.withIsn(DUT_ISN)).onAccept(c -> conn[0] = c);
        p.send(SYN_BIT, PEER_ISN, 0, 65535, new byte[0], new TcpOption.Timestamps(100, 0));
        ScriptedPeer.Sent synAck = p.take().getFirst();
        assertThat(ts(synAck).echoReply()).isEqualTo(100);
        int dutTs = ts(synAck).value();
        p.send(ACK_BIT, PEER_ISN + 1, DUT_ISN + 1, 65535, new byte[0], new TcpOption.Timestamps(101, dutTs));
        assertThat(conn[0]).isNotNull();

        conn[0].write(ByteBuffer.wrap(new byte[100]));
        p.settle();
        List<ScriptedPeer.Sent> first = p.take();
        assertThat(first).hasSize(1);
        assertThat(ts(first.getFirst()).echoReply()).isEqualTo(101);

        // A bare ACK of that data with a newer TSval ...
        p.send(ACK_BIT, PEER_ISN + 1, DUT_ISN + 101, 65535, new byte[0], new TcpOption.Timestamps(500, dutTs));
        conn[0].write(ByteBuffer.wrap(new byte[100]));
        p.settle();
        List<ScriptedPeer.Sent> second = p.take();
        assertThat(second).hasSize(1);
        // ... is what the next segment echoes.
        assertThat(ts(second.getFirst()).echoReply()).isEqualTo(500);

        // An old TSval (PAWS, RFC 7323 §5.3 R1) is not taken: the segment is dropped with an ACK echoing 500.
        p.send(ACK_BIT, PEER_ISN + 1, DUT_ISN + 201, 65535, new byte[0], new TcpOption.Timestamps(400, dutTs));
        List<ScriptedPeer.Sent> paws = p.take();
        assertThat(paws).hasSize(1);
        assertThat(ts(paws.getFirst()).echoReply()).isEqualTo(500);
        assertThat(conn[0].unacknowledged()).isEqualTo(100);
    }
}
