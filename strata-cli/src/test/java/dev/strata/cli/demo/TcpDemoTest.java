package dev.strata.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.cli.Main;
import dev.strata.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata demo tcp} with the seed notes' ISNs, checked by tshark and by its Mermaid diagram. */
class TcpDemoTest {

    @TempDir
    Path dir;

    private static String run(int expectedExit, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode())
                .as("exit code of strata " + String.join(" ", args) + "\n" + r.err())
                .isEqualTo(expectedExit);
        return r.out();
    }

    @Test
    void theNotesHandshakeAndTerminationAsTsharkSeesThem() throws Exception {
        Path pcap = dir.resolve("tcp.pcapng");
        Path mmd = dir.resolve("tcp.mmd");
        String out = run(
                0,
                "demo",
                "tcp",
                "--client-isn",
                "8633",
                "--server-isn",
                "303",
                "--bytes",
                "2000",
                "--pcap",
                pcap.toString(),
                "--mermaid",
                mmd.toString());
        assertThat(out).contains("(identical)").contains("ended: client NORMAL, server NORMAL");
        // The state changes of both sides, in order.
        assertThat(out)
                .containsSubsequence(
                        "client TCP",
                        "CLOSED -> SYN-SENT",
                        "SYN-SENT -> ESTABLISHED",
                        "ESTABLISHED -> FIN-WAIT-1",
                        "FIN-WAIT-1 -> FIN-WAIT-2",
                        "FIN-WAIT-2 -> TIME-WAIT",
                        "TIME-WAIT -> CLOSED");
        assertThat(out)
                .containsSubsequence(
                        "server TCP",
                        "CLOSED -> SYN-RECEIVED",
                        "SYN-RECEIVED -> ESTABLISHED",
                        "ESTABLISHED -> CLOSE-WAIT",
                        "CLOSE-WAIT -> LAST-ACK",
                        "LAST-ACK -> CLOSED");

        List<List<String>> segs =
                Tshark.fields(pcap, "tcp", "ip.src", "tcp.flags.str", "tcp.seq_raw", "tcp.ack_raw", "tcp.len");
        List<String> control = segs.stream()
                .filter(r -> r.get(4).equals("0"))
                .map(r -> (r.get(0).equals("192.0.2.10") ? "client " : "server ") + flags(r.get(1)) + " " + r.get(2)
                        + " " + r.get(3))
                .toList();
        // Three-way handshake with the notes' numbers.
        assertThat(control.subList(0, 3)).containsExactly("client S 8633 0", "server SA 303 8634", "client A 8634 304");
        // Four-way termination: FIN/ACK, ACK, FIN/ACK, ACK (after 2000 octets one way and 21 the other).
        assertThat(control.subList(control.size() - 4, control.size()))
                .containsExactly(
                        "client FA 10634 325", "server A 325 10635", "server FA 325 10635", "client A 10635 326");
        assertThat(Tshark.problems(pcap)).isEmpty();
        assertThat(Tshark.count(pcap, "tcp.checksum.status == 1")).isEqualTo(Tshark.count(pcap, "tcp"));
        assertThat(Tshark.count(
                        pcap,
                        "tcp.analysis.retransmission || tcp.analysis.out_of_order || tcp.analysis.duplicate_ack"
                                + " || tcp.analysis.lost_segment || tcp.analysis.zero_window"))
                .isZero();

        String diagram = Files.readString(mmd);
        assertThat(diagram)
                .containsSubsequence(
                        "client->>server: SYN seq=8633",
                        "server->>client: SYN, ACK seq=303 ack=8634",
                        "client->>server: ACK seq=8634 ack=304",
                        "client->>server: FIN, ACK seq=10634",
                        "server->>client: ACK seq=325 ack=10635",
                        "server->>client: FIN, ACK seq=325 ack=10635",
                        "client->>server: ACK seq=10635 ack=326");
        assertThat(diagram)
                .containsSubsequence(
                        "Note over client: SYN-SENT",
                        "Note over server: SYN-RECEIVED",
                        "Note over client: ESTABLISHED",
                        "Note over client: FIN-WAIT-1",
                        "Note over server: CLOSE-WAIT",
                        "Note over server: LAST-ACK",
                        "Note over client: TIME-WAIT");
    }

    /** tshark's flags string (e.g. "·······A··S·") as the letters set: S, SA, A, FA, PA... in that order. */
    private static String flags(String str) {
        StringBuilder sb = new StringBuilder();
        if (str.contains("F")) {
            sb.append('F');
        }
        if (str.contains("S")) {
            sb.append('S');
        }
        if (str.contains("R")) {
            sb.append('R');
        }
        if (str.contains("P")) {
            sb.append('P');
        }
        if (str.contains("A")) {
            sb.append('A');
        }
        return sb.toString();
    }

    @Test
    void lossShowsRetransmissionsAndStillDeliversEverything() throws Exception {
        Path pcap = dir.resolve("loss.pcapng");
        String out = run(
                0,
                "demo",
                "tcp",
                "--loss",
                "20%",
                "--bytes",
                "60000",
                "--seed",
                "3",
                "--quiet",
                "--pcap",
                pcap.toString());
        assertThat(out).contains("(identical)").contains("retransSegs=");
        assertThat(Tshark.count(pcap, "tcp.analysis.retransmission || tcp.analysis.fast_retransmission"))
                .isPositive();
        assertThat(Tshark.problems(pcap)).isEmpty();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(Main.run("demo", "tcp", "--loss", "150%")).isEqualTo(2);
        assertThat(Main.run("demo", "tcp", "--client-isn", "-5")).isEqualTo(2);
        assertThat(Main.run("demo", "tcp", "--bytes", "lots")).isEqualTo(2);
    }

    @Test
    void oneSeedReplaysTheSameBytesEvenWithLoss() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        Path c = dir.resolve("c.pcapng");
        run(0, "demo", "tcp", "--loss", "10%", "--seed", "4", "--quiet", "--pcap", a.toString());
        run(0, "demo", "tcp", "--loss", "10%", "--seed", "4", "--quiet", "--pcap", b.toString());
        run(0, "demo", "tcp", "--loss", "10%", "--seed", "5", "--quiet", "--pcap", c.toString());
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }
}
