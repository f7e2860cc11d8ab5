package dev.strata.cli.bench;

import dev.strata.apps.simple.SimpleService;
import dev.strata.cli.host.TapHost;
import dev.strata.cli.host.TapHostConfig;
import dev.strata.tcp.CloseReason;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata bench tap}: TCP between the Linux kernel and a Strata host over a TAP device, against the kernel
 * talking to itself over a veth pair, in one run: throughput both ways (the reference is iperf3 over the veth pair)
 * and the round trip of a 64-octet ping-pong (p50, p99).
 */
@Command(
        name = "tap",
        mixinStandardHelpOptions = true,
        description = {
            "TCP throughput and ping-pong latency: Linux <-> Strata over a TAP device, and Linux <-> Linux over a "
                    + "veth pair (iperf3 and the same python3 tools), in namespaces made for the run and removed "
                    + "after it. Strata gets one warm-up run each way first. Needs root, iperf3 and python3.",
            "The last line is ratio=X.XX: the slower Strata direction over the veth pair's iperf3 figure."
        })
public final class TapBench implements Callable<Integer> {

    private static final String VETH_A = "198.51.100.1";
    private static final String VETH_B = "198.51.100.2";
    private static final String KERNEL = "192.0.2.1";
    private static final String STRATA = "192.0.2.2";

    @Option(
            names = "--seconds",
            defaultValue = "5",
            description = "Seconds per throughput run (default ${DEFAULT-VALUE}).")
    double seconds;

    @Option(
            names = "--rounds",
            defaultValue = "5000",
            description = "Ping-pong round trips (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--quick", description = "2-second runs and 1000 round trips.")
    boolean quick;

    @Option(
            names = "--mtu",
            defaultValue = "1500",
            description =
                    "MTU of the TAP (and so Strata's MSS), e.g. 65000 for jumbo frames (default ${DEFAULT-VALUE}).")
    int mtu;

    @Option(
            names = "--no-offload",
            description = "Opens the TAP without kernel offloads (no IFF_VNET_HDR: every frame at most the MTU).")
    boolean noOffload;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private PrintWriter out;
    private Path work;

    /** The command. */
    public TapBench() {}

    /** One throughput figure. */
    private record Rate(long octets, double seconds) {
        double gbps() {
            return octets * 8 / seconds / 1e9;
        }

        static Rate parse(String line) throws IOException {
            String[] f = line.strip().split("\\s+");
            if (f.length < 2) {
                throw new IOException("unexpected output: " + line);
            }
            return new Rate(Long.parseLong(f[f.length - 2]), Double.parseDouble(f[f.length - 1]));
        }
    }

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (quick) {
            seconds = 2;
            rounds = 1000;
        }
        if (seconds <= 0 || rounds < 1 || mtu < 576 || mtu > 65521) {
            err.println("strata bench tap: --seconds must be positive, --rounds at least 1, --mtu 576..65521");
            return 2;
        }
        String missing = missingPrerequisite();
        if (missing != null) {
            err.println("strata bench tap: " + missing);
            return 2;
        }
        work = Files.createTempDirectory("strata-bench-tap");
        try {
            return run();
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted((a, b) -> b.getNameCount() - a.getNameCount())
                        .forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String missingPrerequisite() throws IOException {
        if (!Files.readString(Path.of("/proc/self/status")).contains("\nUid:\t0\t")) {
            return "needs root (network namespaces and a TAP device)";
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return "needs /dev/net/tun";
        }
        for (String tool : List.of("ip", "iperf3", "python3")) {
            if (Netns.run(List.of("sh", "-c", "command -v " + tool)).exit() != 0) {
                return "needs " + tool + " on the PATH";
            }
        }
        return null;
    }

    private int run() throws Exception {
        out.printf(
                Locale.ROOT,
                "strata bench tap: %.0f s per run, %d round trips, TAP MTU %d, offloads %s; load average %s%n",
                seconds,
                rounds,
                mtu,
                noOffload ? "off" : "on",
                Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        double veth;
        double vethTools;
        long[] vethRtt;
        try (Netns a = Netns.create();
                Netns b = Netns.create()) {
            a.execOk("ip", "link", "add", "bv0", "type", "veth", "peer", "name", "bv1", "netns", b.name());
            a.execOk("ip", "addr", "add", VETH_A + "/24", "dev", "bv0");
            b.execOk("ip", "addr", "add", VETH_B + "/24", "dev", "bv1");
            a.execOk("ip", "link", "set", "bv0", "up");
            b.execOk("ip", "link", "set", "bv1", "up");
            veth = iperf3(a, b);
            vethTools = pythonSend(a, b, VETH_B);
            vethRtt = pingPong(a, b, VETH_B);
        }
        out.printf(Locale.ROOT, "veth  Linux -> Linux  iperf3           %7.2f Gbit/s%n", veth);
        out.printf(
                Locale.ROOT,
                "veth  Linux -> Linux  python3 -> python3 %5.2f Gbit/s (the tools' own ceiling)%n",
                vethTools);
        Rate toStrata;
        Rate fromStrata;
        long[] strataRtt;
        String offloadLine;
        try (Netns k = Netns.create()) {
            String dev = "sb0";
            if (mtu != 1500) {
                k.execOk("ip", "tuntap", "add", "dev", dev, "mode", "tap");
                k.execOk("ip", "link", "set", dev, "mtu", Integer.toString(mtu));
            }
            TapHostConfig config = TapHostConfig.of(dev, Ip4Interface.parse(STRATA + "/24"))
                    .withServices(List.of(SimpleService.ECHO, SimpleService.DISCARD))
                    .inNetns(k.name())
                    .withOffloads(!noOffload);
            TapHost host = TapHost.start(config);
            try {
                k.execOk("ip", "addr", "add", KERNEL + "/24", "dev", dev);
                k.execOk("ip", "link", "set", dev, "up");
                // Warm-up: the JIT compiles the stack's hot paths during a first run each way.
                send(k, STRATA, 9);
                fromStrata(k, host);
                toStrata = send(k, STRATA, 9);
                fromStrata = fromStrata(k, host);
                strataRtt = pingPongTo(k, STRATA, 7);
                offloadLine = host.tap().offloads()
                        ? host.call(() -> "tap   offloads: " + host.tap().offloadCounters() + "; tcp in "
                                + host.host().tcp().counters.inLargeSegs + " large, out "
                                + host.host().tcp().counters.outLargeSegs + " large")
                        : "tap   offloads off";
            } finally {
                host.stop(TapHost.DEFAULT_FIN_WAIT_NANOS);
            }
        }
        out.printf(
                Locale.ROOT,
                "tap   Linux -> Strata python3 -> discard %5.2f Gbit/s  %.2fx veth%n",
                toStrata.gbps(),
                toStrata.gbps() / veth);
        out.printf(
                Locale.ROOT,
                "tap   Strata -> Linux Strata -> python3 %6.2f Gbit/s  %.2fx veth%n",
                fromStrata.gbps(),
                fromStrata.gbps() / veth);
        out.println(offloadLine);
        out.printf(Locale.ROOT, "rtt   64-octet TCP ping-pong, python3 client:%n");
        out.printf(
                Locale.ROOT,
                "      kernel echo over veth     p50 %7.1f us  p99 %7.1f us%n",
                percentile(vethRtt, 50) / 1e3,
                percentile(vethRtt, 99) / 1e3);
        out.printf(
                Locale.ROOT,
                "      Strata echo over the TAP  p50 %7.1f us  p99 %7.1f us  (p50 %.2fx veth)%n",
                percentile(strataRtt, 50) / 1e3,
                percentile(strataRtt, 99) / 1e3,
                percentile(strataRtt, 50) / percentile(vethRtt, 50));
        double ratio = Math.min(toStrata.gbps(), fromStrata.gbps()) / veth;
        out.printf(Locale.ROOT, "ratio=%.2f%n", ratio);
        out.flush();
        return 0;
    }

    /** iperf3 from {@code a} to a server in {@code b}; Gbit/s received. */
    private double iperf3(Netns a, Netns b) throws Exception {
        Process server = b.spawn(work.resolve("iperf3.log"), "iperf3", "-s", "-1");
        waitListening(b, 5201);
        Netns.Result r = a.execOk("iperf3", "-c", VETH_B, "-t", seconds(), "-J");
        server.waitFor(10, TimeUnit.SECONDS);
        Matcher m = Pattern.compile("\"sum_received\"\\s*:\\s*\\{[^}]*?\"bits_per_second\"\\s*:\\s*([0-9.eE+]+)")
                .matcher(r.out());
        if (!m.find()) {
            throw new IOException("no sum_received in iperf3's output");
        }
        return Double.parseDouble(m.group(1)) / 1e9;
    }

    private String seconds() {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** The python sender in {@code from} to the python sink in {@code to}; Gbit/s. */
    private double pythonSend(Netns from, Netns to, String address) throws Exception {
        Path sink = script("sink.py", BenchScripts.SINK);
        Path log = work.resolve("sink.log");
        Process p = to.spawn(log, "python3", sink.toString(), "5002");
        waitListening(to, 5002);
        Rate sent = send(from, address, 5002);
        p.waitFor(30, TimeUnit.SECONDS);
        return sent.gbps();
    }

    /** The python sender in {@code from} to {@code address}:{@code port} for the run's time. */
    private Rate send(Netns from, String address, int port) throws Exception {
        Path send = script("send.py", BenchScripts.SEND);
        Netns.Result r = from.execOk("python3", send.toString(), address, Integer.toString(port), seconds());
        return Rate.parse(r.out());
    }

    /** Strata's Blaster to the python sink in {@code k}; the sink's figure. */
    private Rate fromStrata(Netns k, TapHost host) throws Exception {
        Path sink = script("sink.py", BenchScripts.SINK);
        Path log = work.resolve("strata-sink.log");
        Files.deleteIfExists(log);
        Process p = k.spawn(log, "python3", sink.toString(), "5003");
        waitListening(k, 5003);
        CompletableFuture<Blaster> done = new CompletableFuture<>();
        long nanos = (long) (seconds * 1e9);
        host.run(() -> Blaster.start(host.host(), Ip4.parse(KERNEL), 5003, nanos, done::complete));
        Blaster b = done.get((long) seconds + 120, TimeUnit.SECONDS);
        if (b.reason() != CloseReason.NORMAL) {
            throw new IOException("the Strata sender's connection ended " + b.reason());
        }
        p.waitFor(30, TimeUnit.SECONDS);
        List<String> lines = Files.readAllLines(log);
        return Rate.parse(lines.getLast());
    }

    private long[] pingPong(Netns client, Netns server, String address) throws Exception {
        Path echo = script("echo.py", BenchScripts.ECHO);
        Process p = server.spawn(work.resolve("echo.log"), "python3", echo.toString(), "5004");
        waitListening(server, 5004);
        long[] rtt = pingPongTo(client, address, 5004);
        p.waitFor(10, TimeUnit.SECONDS);
        return rtt;
    }

    private long[] pingPongTo(Netns client, String address, int port) throws Exception {
        Path pp = script("pingpong.py", BenchScripts.PINGPONG);
        Netns.Result r =
                client.execOk("python3", pp.toString(), address, Integer.toString(port), Integer.toString(rounds));
        long[] v = r.out()
                .lines()
                .filter(l -> !l.isBlank())
                .mapToLong(Long::parseLong)
                .toArray();
        Arrays.sort(v);
        return v;
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    private Path script(String name, String source) throws IOException {
        Path f = work.resolve(name);
        if (!Files.exists(f)) {
            Files.writeString(f, source);
        }
        return f;
    }

    private static void waitListening(Netns ns, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!ns.exec("ss", "-ltnH", "sport = :" + port).out().contains(":" + port)) {
            if (System.nanoTime() > deadline) {
                throw new IOException("nothing listens on port " + port + " in " + ns.name());
            }
            Thread.sleep(20);
        }
    }
}
