package dev.strata.tcp;

import static dev.strata.tcp.ScriptedPeer.DUT;
import static dev.strata.tcp.ScriptedPeer.DUT_PORT;
import static dev.strata.wire.TcpFlags.ACK_BIT;
import static dev.strata.wire.TcpFlags.FIN_BIT;
import static dev.strata.wire.TcpFlags.RST_BIT;
import static dev.strata.wire.TcpFlags.SYN_BIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/**
 * A reset from a peer that closed first and then received data. Found against Linux: it answers our data with
 * {@code <SEQ=SEG.ACK><CTL=RST>}, and our segments in flight had not acknowledged its FIN yet, so the RST carries
 * RCV.NXT - 1. Such a RST is taken once the FIN is in (as Linux does); anywhere else it stays out of the window.
 */
class TcpResetAfterFinTest {

    private final ScriptedPeer p = new ScriptedPeer(1);
    private final CloseReason[] reason = new CloseReason[1];
    private TcpConnection conn;

    private void established() {
        p.dut.tcp().listen(DUT, DUT_PORT, 8, TcpConfig.DEFAULT.withIsn(303)).onAccept(c -> {
            conn = c;
            c.setHandler(new TcpHandler() {
                @Override
                public void closed(TcpConnection x, CloseReason r) {
                    reason[0] = r;
                }
            });
        });
        p.send(SYN_BIT, 8633, 0);
        p.send(ACK_BIT, 8634, 304);
        conn.write(ByteBuffer.wrap(new byte[4000]));
        p.settle();
        p.take();
    }

    @Test
    void inCloseWaitAResetAtRcvNxtMinusOneIsTaken() {
        established();
        p.send(FIN_BIT | ACK_BIT, 8634, 304); // the peer closes without acknowledging our data
        assertThat(conn.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(conn.rcvNxt()).isEqualTo(8635);
        p.take();
        p.send(RST_BIT, 8634, 0);
        assertThat(conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(reason[0]).isEqualTo(CloseReason.RESET);
        assertThat(p.take()).isEmpty();
    }

    @Test
    void inLastAckToo() {
        established();
        p.send(FIN_BIT | ACK_BIT, 8634, 304);
        conn.close();
        p.settle();
        assertThat(conn.state()).isEqualTo(TcpState.LAST_ACK);
        p.send(RST_BIT, 8634, 0);
        assertThat(conn.state()).isEqualTo(TcpState.CLOSED);
        assertThat(reason[0]).isEqualTo(CloseReason.RESET);
    }

    @Test
    void beforeTheFinItIsOutOfTheWindowAndDropped() {
        established();
        p.send(RST_BIT, 8633, 0);
        assertThat(conn.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(p.take()).isEmpty(); // RFC 5961 §3.2: silently dropped
        assertThat(reason[0]).isNull();
    }

    @Test
    void twoBelowIsNeverTaken() {
        established();
        p.send(FIN_BIT | ACK_BIT, 8634, 304);
        p.take();
        p.send(RST_BIT, 8633, 0);
        assertThat(conn.state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(reason[0]).isNull();
    }
}
