package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.link.LinkParams;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The seed notes' exchange, byte for byte: client SYN 8633; server SYN 303 ACK 8634; client 8634 ACK 304; data; then
 * the four-way termination with both sides' states.
 */
class TcpSeedHandshakeTest {

    private static List<String> tcpOnWire(TcpPair p) {
        List<String> lines = new ArrayList<>();
        p.link.tap((t, frame) -> {
            EthernetFrame eth = EthernetFrame.parse(frame.duplicate()).orThrow();
            if (!eth.etherType().equals(EtherType.IPV4)) {
                return;
            }
            ByteBuffer ipb = frame.duplicate().position(eth.payloadOffset());
            Ipv4Packet ip = Ipv4Packet.parse(ipb).orThrow();
            if (ip.protocol().equals(IpProtocol.TCP)) {
                ByteBuffer tb = ip.buffer()
                        .duplicate()
                        .position(ip.payloadOffset())
                        .limit(ip.payloadOffset() + ip.payloadLength());
                TcpSegment s = TcpSegment.parse(tb, ip.pseudoHeader()).orThrow();
                String who = ip.source().equals(TcpPair.CLIENT) ? "client" : "server";
                lines.add(who + " " + s.flags() + " seq " + Integer.toUnsignedString(s.sequenceNumber()) + " ack "
                        + Integer.toUnsignedString(s.acknowledgmentNumber()) + " len " + s.payloadLength());
            }
        });
        return lines;
    }

    @Test
    void threeWayHandshakeDataAndFourWayTerminationWithTheNotesNumbers() {
        TcpConfig client = TcpConfig.DEFAULT.withIsn(8633);
        TcpConfig server = TcpConfig.DEFAULT.withIsn(303);
        TcpPair p = new TcpPair(1, LinkParams.GIGABIT, LinkParams.GIGABIT, client, server);
        List<String> wire = tcpOnWire(p);
        List<String> clientStates = p.clientStates;
        List<String> serverStates = p.serverStates;
        byte[] request = "GET / HTTP/1.1\r\nHost: server\r\n\r\n".getBytes();
        p.clientSide.send(request, true);
        p.sim.runUntil(() -> p.serverSide.eof, 10_000_000_000L);
        p.serverSide.conn.close();
        assertThat(p.runUntilClosed(p.sim.now() + 300_000_000_000L)).isTrue();

        assertThat(p.serverSide.received.toByteArray()).isEqualTo(request);
        assertThat(wire.get(0)).isEqualTo("client [S] seq 8633 ack 0 len 0");
        assertThat(wire.get(1)).isEqualTo("server [S.] seq 303 ack 8634 len 0");
        assertThat(wire.get(2)).isEqualTo("client [.] seq 8634 ack 304 len 0");
        // The request, then the four-way termination of the notes: client FIN,ACK; server ACK; server FIN,ACK;
        // client ACK.
        int n = request.length;
        assertThat(wire.subList(3, wire.size()))
                .containsExactly(
                        "client [P.] seq 8634 ack 304 len " + n,
                        "client [F.] seq " + (8634 + n) + " ack 304 len 0",
                        "server [.] seq 304 ack " + (8634 + n + 1) + " len 0",
                        "server [F.] seq 304 ack " + (8634 + n + 1) + " len 0",
                        "client [.] seq " + (8634 + n + 1) + " ack 305 len 0");
        assertThat(clientStates)
                .containsExactly("SYN-SENT", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT", "CLOSED");
        assertThat(serverStates).containsExactly("SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED");
        assertThat(p.clientSide.closed).isEqualTo(CloseReason.NORMAL);
        assertThat(p.serverSide.closed).isEqualTo(CloseReason.NORMAL);
    }

    @Test
    void bulkDataBothWaysArrivesIntact() {
        TcpPair p = new TcpPair(7, LinkParams.GIGABIT);
        byte[] up = new byte[3_000_000];
        byte[] down = new byte[2_000_000];
        new Random(1).nextBytes(up);
        new Random(2).nextBytes(down);
        p.clientSide.send(up, true);
        p.sim.runUntil(() -> p.serverSide.connected, 1_000_000_000L);
        p.serverSide.send(down, true);
        assertThat(p.runUntilClosed(600_000_000_000L)).isTrue();
        assertThat(TcpPair.sha256(p.serverSide.received.toByteArray())).isEqualTo(TcpPair.sha256(up));
        assertThat(TcpPair.sha256(p.clientSide.received.toByteArray())).isEqualTo(TcpPair.sha256(down));
        assertThat(p.client.tcp().counters.retransSegs).isZero();
    }
}
