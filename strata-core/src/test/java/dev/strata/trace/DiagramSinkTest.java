package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiagramSinkTest {

    @TempDir
    Path dir;

    @Test
    void drawsMessagesStatesNotesAndNamedFrames() throws IOException {
        Path file = dir.resolve("tcp.mmd");
        SequenceDiagram diagram = new SequenceDiagram().participant("Client").participant("Server");
        DiagramSink.Arrows arrows = (t, node, iface, dir, frame) -> dir == Direction.OUTBOUND
                ? new DiagramSink.Edge(
                        node, node.equals("Client") ? "Server" : "Client", "frame of " + frame.remaining() + " octets")
                : null;
        try (Trace trace = Trace.of(new DiagramSink(diagram, file, arrows, DiagramSink.NOTE_OVER_NODE))) {
            trace.tcpState(0, "Client", "c", "CLOSED", "SYN-SENT");
            trace.packet(1, "Client", "eth0", Direction.OUTBOUND, TestFrames.tcpSynFrame());
            trace.packet(2, "Server", "eth0", Direction.INBOUND, TestFrames.tcpSynFrame());
            trace.message(3, "Client", "Server", "ClientHello");
            trace.note(4, "Server", "cwnd 14600; ssthresh 65535");
        }
        assertThat(Files.readString(file)).isEqualTo("""
                        sequenceDiagram
                            participant Client
                            participant Server
                            Note over Client: SYN-SENT
                            Client->>Server: frame of 74 octets
                            Client->>Server: ClientHello
                            Note over Server: cwnd 14600#59; ssthresh 65535
                        """);
    }

    @Test
    void withoutArrowsOrStatesOnlyMessagesAndNotesAreDrawn() throws IOException {
        SequenceDiagram diagram = new SequenceDiagram();
        DiagramSink sink = new DiagramSink(diagram, null, null, null);
        sink.packet(1, "Client", "eth0", Direction.OUTBOUND, TestFrames.tcpSynFrame());
        sink.tcpState(0, "Client", "c", "CLOSED", "SYN-SENT");
        sink.message(3, "Client", "Server", "ClientHello");
        sink.close();
        assertThat(sink.diagram().render()).isEqualTo("""
                sequenceDiagram
                    participant Client
                    participant Server
                    Client->>Server: ClientHello
                """);
    }
}
