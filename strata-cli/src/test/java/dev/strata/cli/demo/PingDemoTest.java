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

/** {@code strata demo ping}: its capture dissects cleanly in tshark, and a seed replays byte for byte. */
class PingDemoTest {

    @TempDir
    Path dir;

    private static String run(String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode())
                .as("exit code of strata " + String.join(" ", args) + "\n" + r.err())
                .isZero();
        return r.out();
    }

    @Test
    void captureHasArpEchoAndTimeExceededWithNoMalformedPacketsOrBadChecksums() throws Exception {
        Path pcap = dir.resolve("ping.pcapng");
        String out = run("demo", "ping", "--pcap", pcap.toString(), "--quiet");
        assertThat(out).contains("icmp_seq=3 ttl=63").contains("1  192.0.2.1").contains("2  198.51.100.20");

        assertThat(Tshark.count(pcap, "arp.opcode == 1")).isGreaterThanOrEqualTo(2);
        assertThat(Tshark.count(pcap, "arp.opcode == 2")).isGreaterThanOrEqualTo(2);
        assertThat(Tshark.count(pcap, "icmp.type == 8")).isGreaterThanOrEqualTo(6);
        assertThat(Tshark.count(pcap, "icmp.type == 0")).isGreaterThanOrEqualTo(6);
        assertThat(Tshark.count(pcap, "icmp.type == 11 && icmp.code == 0")).isGreaterThanOrEqualTo(1);
        assertThat(Tshark.count(pcap, "icmp.type == 3 && icmp.code == 3")).isGreaterThanOrEqualTo(1);
        // Every checksum present was validated as good, and nothing is malformed.
        assertThat(Tshark.count(pcap, "ip.checksum.status == 1")).isEqualTo(Tshark.count(pcap, "ip"));
        assertThat(Tshark.problems(pcap)).isEmpty();
        // The echo replies across the router carry TTL 63 (64 less one hop).
        List<List<String>> ttl = Tshark.fields(
                pcap, "icmp.type == 0 && ip.src == 198.51.100.20 && frame.interface_name == \"carol.eth0\"", "ip.ttl");
        assertThat(ttl)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getFirst()).isEqualTo("64"));
    }

    @Test
    void sameSeedSameBytesAnotherSeedDiffers() throws Exception {
        Path a = dir.resolve("a.pcapng");
        Path b = dir.resolve("b.pcapng");
        Path c = dir.resolve("c.pcapng");
        run("demo", "ping", "--seed", "7", "--pcap", a.toString(), "--quiet");
        run("demo", "ping", "--seed", "7", "--pcap", b.toString(), "--quiet");
        run("demo", "ping", "--seed", "8", "--pcap", c.toString(), "--quiet");
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void perLinkCapturesAndTheDiagramAreWritten() throws Exception {
        Path links = dir.resolve("links");
        Path mmd = dir.resolve("ping.mmd");
        run("demo", "ping", "--pcap-dir", links.toString(), "--mermaid", mmd.toString(), "--quiet");
        try (var files = Files.list(links)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .contains("alice.eth0-sw1.p0.pcapng", "r.eth1-carol.eth0.pcapng");
        }
        String diagram = Files.readString(mmd);
        assertThat(diagram).startsWith("sequenceDiagram").contains("alice->>sw1: ARP who-has 192.0.2.11");
    }

    @Test
    void demoWithoutSubcommandRunsTheStoryAndListsTheDemos() {
        String out = run("demo", "--quiet");
        assertThat(out).contains("Other demos:").contains("./strata demo ping");
    }

    @Test
    void badArgumentsExitWithUsageCode() {
        assertThat(Main.run("demo", "ping", "--seed", "x")).isEqualTo(2);
        assertThat(Main.run("demo", "nosuch")).isEqualTo(2);
    }
}
