package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.trace.SequenceDiagram.Arrow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SequenceDiagramTest {

    @TempDir
    Path dir;

    private static SequenceDiagram handshake() {
        SequenceDiagram d =
                new SequenceDiagram().title("TCP three-way handshake").autonumber();
        d.participant("Client").participant("Server");
        d.noteOver("Server", "LISTEN");
        d.message("Client", "Server", "SYN seq=8633");
        d.noteOver("Client", "SYN-SENT");
        d.message("Server", "Client", "SYN, ACK seq=303 ack=8634");
        d.noteRightOf("Server", "SYN-RECEIVED");
        d.message("Client", "Server", "ACK seq=8634 ack=304");
        d.noteOver("Client", "Server", "ESTABLISHED");
        return d;
    }

    @Test
    void rendersTheHandshakeExactly() {
        assertThat(handshake().render()).isEqualTo("""
                        sequenceDiagram
                            title TCP three-way handshake
                            autonumber
                            participant Client
                            participant Server
                            Note over Server: LISTEN
                            Client->>Server: SYN seq=8633
                            Note over Client: SYN-SENT
                            Server->>Client: SYN, ACK seq=303 ack=8634
                            Note right of Server: SYN-RECEIVED
                            Client->>Server: ACK seq=8634 ack=304
                            Note over Client,Server: ESTABLISHED
                        """);
        assertThat(handshake().size()).isEqualTo(7);
    }

    @Test
    void sameCallsGiveTheSameText() {
        assertThat(handshake().render())
                .isEqualTo(handshake().render())
                .isEqualTo(handshake().toString());
    }

    @Test
    void participantsAppearInOrderOfFirstUse() {
        SequenceDiagram d = new SequenceDiagram();
        d.message("Server", "Client", "hello");
        d.actor("User");
        d.message("Client", "User", Arrow.DOTTED, "done");
        d.message("Client", "Server", Arrow.LOST, "lost segment");
        d.message("Client", "Server", Arrow.ASYNC, "async");
        d.message("Client", "Server", Arrow.DOTTED_LOST, "lost reply");
        d.noteLeftOf("User", "reads");
        assertThat(d.render()).isEqualTo("""
                        sequenceDiagram
                            participant Server
                            participant Client
                            actor User
                            Server->>Client: hello
                            Client-->>User: done
                            Client-xServer: lost segment
                            Client-)Server: async
                            Client--xServer: lost reply
                            Note left of User: reads
                        """);
    }

    @Test
    void escapesWhatMermaidCannotTakeInLabels() {
        SequenceDiagram d = new SequenceDiagram();
        d.message("A", "B", "GET /a;b#c <x> & \"q\"\r\nline 2\tend");
        assertThat(d.render()).endsWith("    A->>B: GET /a#59;b#35;c #lt;x#gt; #amp; #quot;q#quot;<br/>line 2 end\n");
        assertThat(SequenceDiagram.escape("a\rb\nc")).isEqualTo("a<br/>b<br/>c");
        assertThat(SequenceDiagram.escape("plain: text, (ok) [1] {2} 100%"))
                .isEqualTo("plain: text, (ok) [1] {2} 100%");
    }

    @Test
    void namesThatAreNotPlainIdsGetAnIdAndAnAlias() {
        SequenceDiagram d = new SequenceDiagram();
        d.message("192.0.2.10:40000", "end", "x");
        d.message("my host", "p1", "y");
        d.noteOver("Über", "z");
        assertThat(d.render()).isEqualTo("""
                        sequenceDiagram
                            participant p1 as 192.0.2.10:40000
                            participant p2 as end
                            participant p3 as my host
                            participant p1_ as p1
                            participant p5 as Über
                            p1->>p2: x
                            p3->>p1_: y
                            Note over p5: z
                        """);
    }

    @Test
    void writesTheTextToAFile() throws IOException {
        Path file = dir.resolve("d.mmd");
        handshake().writeTo(file);
        assertThat(Files.readString(file)).isEqualTo(handshake().render());
    }
}
