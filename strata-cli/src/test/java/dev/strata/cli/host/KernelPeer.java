package dev.strata.cli.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.NetNs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The Linux kernel's side of a TAP link inside a test's namespace: its address, optional 5% loss with nftables, a
 * tcpdump capture, and small python3 clients. Everything it starts is a process of the namespace, killed by pid when
 * the namespace goes (see {@link NetNs}).
 */
final class KernelPeer {

    static final String KERNEL = "192.0.2.1";
    static final String STRATA = "192.0.2.2";

    private final NetNs ns;
    private final String dev;
    private final Path dir;
    private Process capture;

    KernelPeer(NetNs ns, String dev, Path dir) {
        this.ns = ns;
        this.dev = dev;
        this.dir = dir;
    }

    /**
     * Gives the kernel side 192.0.2.1/24, turns its transmit checksum offload off (so captures show real checksums)
     * and IPv6 off (no router solicitations in the captures).
     */
    KernelPeer configure() {
        return configure(false);
    }

    /** {@link #configure()}, leaving the transmit offloads on when {@code keepOffloads} (for TSO to Strata). */
    KernelPeer configure(boolean keepOffloads) {
        ns.execOk("sysctl", "-q", "-w", "net.ipv6.conf." + dev + ".disable_ipv6=1");
        ns.execOk("ip", "addr", "add", KERNEL + "/24", "dev", dev);
        ns.execOk("ip", "link", "set", dev, "up");
        if (!keepOffloads) {
            ns.execOk("ethtool", "-K", dev, "tx", "off");
        }
        return this;
    }

    /**
     * Drops {@code percent}% of the frames in each direction on the kernel's side of the TAP, with nftables
     * ({@code numgen random mod 100 < percent drop} on the netdev ingress and egress hooks): this kernel has no netem.
     */
    void loss(int percent) {
        String rules = """
                table netdev strata_loss {
                  chain in { type filter hook ingress device "%1$s" priority 0; numgen random mod 100 < %2$d counter drop; }
                  chain out { type filter hook egress device "%1$s" priority 0; numgen random mod 100 < %2$d counter drop; }
                }
                """.formatted(dev, percent);
        Path file = dir.resolve("loss.nft");
        try {
            Files.writeString(file, rules);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        ns.execOk("nft", "-f", file.toString());
    }

    /** Frames the loss rules dropped so far, ingress and egress together. */
    long lossDrops() {
        String out = ns.execOk("nft", "list", "table", "netdev", "strata_loss").out();
        long n = 0;
        for (String line : out.split("\n")) {
            int i = line.indexOf("counter packets ");
            if (i >= 0) {
                n += Long.parseLong(line.substring(i + 16).split(" ")[0]);
            }
        }
        return n;
    }

    /** Starts tcpdump on the kernel's side of the TAP, writing {@code file}; returns once it listens. */
    void startCapture(Path file, String filter) {
        Path log = dir.resolve("tcpdump.log");
        List<String> cmd = new ArrayList<>(
                List.of("tcpdump", "-i", dev, "-n", "--immediate-mode", "-U", "-s", "256", "-w", file.toString()));
        cmd.addAll(List.of(filter.split(" ")));
        capture = ns.spawn(log, cmd.toArray(String[]::new));
        eventually(Duration.ofSeconds(20), () -> {
            try {
                return Files.exists(log) && Files.readString(log).contains("listening on");
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Stops tcpdump (SIGTERM: it flushes and closes the file) and waits for it. */
    void stopCapture() throws InterruptedException {
        Thread.sleep(300); // the last frames reach tcpdump
        capture.destroy();
        assertThat(capture.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    /** What tcpdump printed. */
    String captureLog() throws IOException {
        return Files.readString(dir.resolve("tcpdump.log"));
    }

    /** Writes {@code source} to a script file and runs it with python3 in the namespace. */
    NetNs.Result python(String source, String... args) throws IOException {
        Path script = Files.createTempFile(dir, "peer-", ".py");
        Files.writeString(script, source);
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        cmd.addAll(List.of(args));
        return ns.exec(cmd.toArray(String[]::new));
    }

    /** Runs a shell command line in the namespace. */
    NetNs.Result sh(String commandLine) {
        return ns.exec("sh", "-c", commandLine);
    }

    /** Runs a shell command line in the namespace, failing after {@code limit}. */
    NetNs.Result sh(Duration limit, String commandLine) {
        return ns.execWithin(limit, "sh", "-c", commandLine);
    }

    /** Polls {@code condition} every 20 ms until it holds, failing after {@code limit}. */
    static void eventually(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + limit);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
