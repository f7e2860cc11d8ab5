package dev.strata.cli.host;

import static dev.strata.cli.host.KernelPeer.STRATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import dev.strata.link.TapDevice;
import dev.strata.testing.NetNs;
import dev.strata.testing.Tshark;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code strata host} as users call it: usage errors in-process (exit 2, one line), and the real command in a child
 * JVM that serves until SIGTERM or SIGINT, then closes its connections with FIN, flushes its capture and exits 0.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HostCommandTest {

    /** One in-process run: exit code and what went to stdout and stderr. */
    record Result(int exit, String out, String err) {}

    @TempDir
    Path dir;

    private static Result strata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static void assertUsageError(Result r, String expected) {
        assertThat(r.exit()).as(r.toString()).isEqualTo(2);
        assertThat(r.err().lines().toList()).as(r.toString()).hasSize(1);
        assertThat(r.err()).startsWith("strata host: ").contains(expected);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badOptionsExitWith2AndOneLine() {
        String[] base = {"host", "--tap", "st0"};
        assertUsageError(strata(concat(base, "--ip", "192.0.2.300/24")), "--ip 192.0.2.300/24:");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.2")), "--ip 192.0.2.2: not an IPv4 interface address");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.0/24")), "not a usable host address");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.2/32")), "the prefix must be /1 to /30");
        assertUsageError(
                strata(concat(base, "--ip", "192.0.2.2/24", "--serve", "echo,ftp")),
                "--serve echo,ftp: unknown service 'ftp' (known: echo, discard, daytime, chargen)");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.2/24", "--impair", "loss=200%")), "--impair loss=200%:");
        assertUsageError(
                strata(concat(base, "--ip", "192.0.2.2/24", "--impair", "wobble=3")), "unknown impairment 'wobble'");
        assertUsageError(
                strata(concat(base, "--ip", "192.0.2.2/24", "--gateway", "198.51.100.1")),
                "gateway 198.51.100.1 is not on 192.0.2.0/24");
        assertUsageError(
                strata(concat(base, "--ip", "192.0.2.2/24", "--mac", "ff:ff:ff:ff:ff:ff")), "is not a unicast");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.2/24", "--mac", "02:00")), "--mac 02:00:");
        assertUsageError(
                strata(concat(base, "--ip", "192.0.2.2/24", "--ip6", "2001:db8::2/64")), "IPv6 is not implemented yet");
        assertUsageError(strata("host", "--tap", "a-name-far-too-long", "--ip", "192.0.2.2/24"), "1 to 15 characters");
        assertUsageError(strata(concat(base, "--ip", "192.0.2.2/24", "--fin-wait", "soon")), "--fin-wait soon:");
        // picocli's own usage errors (a missing option) are exit code 2 as well.
        Result missing = strata("host", "--ip", "192.0.2.2/24");
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required option: '--tap=NAME'");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aBusyDeviceOrAMissingNamespaceExitsWith2() throws Exception {
        NetNs.assumeAvailable();
        try (NetNs ns = NetNs.create()) {
            String name = NetNs.uniqueName("st");
            try (TapDevice held = TapDevice.open(TapDevice.Config.of(name).inNamedNetns(ns.name()))) {
                assertThat(held.isOpen()).isTrue();
                assertUsageError(
                        strata("host", "--tap", name, "--ip", "192.0.2.2/24", "--netns", ns.name()),
                        "TAP device " + name + " is busy");
            }
            assertUsageError(
                    strata("host", "--tap", name, "--ip", "192.0.2.2/24", "--netns", NetNs.uniqueName("absent-")),
                    "no network namespace");
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @ValueSource(strings = {"TERM", "INT"})
    void theCommandServesUntilASignalThenClosesWithFinAndExits0(String signal) throws Exception {
        NetNs.assumeAvailable();
        try (NetNs ns = NetNs.create()) {
            String tap = NetNs.uniqueName("st");
            Path pcap = dir.resolve("strata.pcapng");
            Path log = dir.resolve("strata.log");
            Process strata = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "java")
                                    .toString(),
                            "--enable-native-access=ALL-UNNAMED",
                            "-cp",
                            System.getProperty("java.class.path"),
                            Main.class.getName(),
                            "host",
                            "--tap",
                            tap,
                            "--ip",
                            STRATA + "/24",
                            "--netns",
                            ns.name(),
                            "--serve",
                            "echo,daytime",
                            "--pcap",
                            pcap.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            try {
                KernelPeer.eventually(Duration.ofSeconds(60), () -> read(log).contains("Ctrl-C to stop"));
                assertThat(read(log))
                        .startsWith("strata host: " + tap + " " + STRATA + "/24 ")
                        .contains("serving echo,daytime, capturing to " + pcap + ", offloads on; Ctrl-C to stop");
                KernelPeer peer = new KernelPeer(ns, tap, dir).configure();
                Path kernelPcap = dir.resolve("kernel.pcap");
                peer.startCapture(kernelPcap, "tcp port 7");
                // A Linux client holds a connection open until Strata closes it.
                Path clientLog = dir.resolve("client.log");
                Files.writeString(dir.resolve("client.py"), """
                        import socket, sys
                        s = socket.create_connection((sys.argv[1], 7), timeout=60)
                        s.sendall(b"hi")
                        print("echoed", s.recv(10).decode(), flush=True)
                        while s.recv(100):
                            pass
                        print("EOF", flush=True)
                        s.close()
                        """);
                Process client = ns.spawn(
                        clientLog, "/usr/bin/python3", dir.resolve("client.py").toString(), STRATA);
                KernelPeer.eventually(
                        Duration.ofSeconds(30), () -> read(clientLog).contains("echoed hi"));

                new ProcessBuilder("kill", "-s", signal, Long.toString(strata.pid()))
                        .start()
                        .waitFor();

                assertThat(strata.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(strata.exitValue()).as(read(log)).isZero();
                assertThat(read(log)).contains("strata host: stopped; 1 open connection(s) closed with FIN\n");
                assertThat(client.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(read(clientLog)).contains("EOF");
                peer.stopCapture();
                // The kernel saw Strata's FIN, and Strata's own capture was flushed and holds it too.
                String fromStrataWithFin = "ip.src == " + STRATA + " && tcp.srcport == 7 && tcp.flags.fin == 1";
                assertThat(Tshark.count(kernelPcap, fromStrataWithFin)).isEqualTo(1);
                assertThat(Tshark.count(pcap, fromStrataWithFin)).isEqualTo(1);
                assertThat(Tshark.problems(pcap)).isEmpty();
                assertThat(Tshark.count(pcap, "arp.opcode == 2 && arp.src.proto_ipv4 == " + STRATA))
                        .isGreaterThanOrEqualTo(1);
            } finally {
                strata.destroyForcibly();
                strata.waitFor(30, TimeUnit.SECONDS);
            }
            // The TAP the command created is gone with it.
            assertThat(ns.exec("ip", "link", "show", tap).ok()).isFalse();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void offloadsAreOnUnlessNoOffloadIsGiven() throws Exception {
        HostCommand on = new HostCommand();
        new CommandLine(on).parseArgs("--tap", "st0", "--ip", STRATA + "/24");
        assertThat(on.config().offloads()).isTrue();
        HostCommand off = new HostCommand();
        new CommandLine(off).parseArgs("--tap", "st0", "--ip", STRATA + "/24", "--no-offload");
        assertThat(off.config().offloads()).isFalse();
    }

    @Test
    void helpNamesEveryOption() {
        Result r = strata("host", "--help");
        assertThat(r.exit()).isZero();
        for (String option : List.of(
                "--tap",
                "--ip",
                "--ip6",
                "--gateway",
                "--mac",
                "--serve",
                "--pcap",
                "--impair",
                "--netns",
                "--no-offload")) {
            assertThat(r.out()).contains(option);
        }
    }
}
