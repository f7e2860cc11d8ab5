package dev.strata.cli.host;

import dev.strata.apps.simple.SimpleService;
import dev.strata.link.LinkParams;
import dev.strata.link.TapException;
import dev.strata.time.Durations;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code strata host}: one Strata host on a Linux TAP device, the Linux kernel on the other side, until SIGINT or
 * SIGTERM; then every open connection is closed with a FIN, the capture is flushed and the exit code is 0.
 */
@Command(
        name = "host",
        mixinStandardHelpOptions = true,
        description = {
            "Runs one Strata host on a Linux TAP device (attached to when NAME exists, created otherwise) until "
                    + "interrupted: ARP, IPv4, ICMP echo, UDP and TCP, with the simple services on TCP and UDP.",
            "Needs root (CAP_NET_ADMIN) and /dev/net/tun. Exit codes: 0 stopped by SIGINT/SIGTERM, 1 the device "
                    + "failed, 2 usage or the device could not be opened."
        })
public final class HostCommand implements Callable<Integer> {

    @Option(names = "--tap", required = true, paramLabel = "NAME", description = "The TAP device (at most 15 octets).")
    String tap;

    @Option(
            names = "--ip",
            required = true,
            paramLabel = "ADDR/PREFIX",
            description = "The host's IPv4 address and prefix, e.g. 192.0.2.2/24.")
    String ip;

    @Option(names = "--ip6", paramLabel = "ADDR/PREFIX", description = "IPv6 address (not implemented yet).")
    String ip6;

    @Option(names = "--gateway", paramLabel = "ADDR", description = "The default gateway, on the host's network.")
    String gateway;

    @Option(
            names = "--mac",
            paramLabel = "MAC",
            description = "The host's MAC (default 02:53:... from the device name).")
    String mac;

    @Option(
            names = "--serve",
            paramLabel = "LIST",
            description =
                    "Services on TCP and UDP, comma-separated: echo (7), discard (9), daytime (13), chargen (19).")
    String serve;

    @Option(names = "--pcap", paramLabel = "FILE", description = "Writes the TAP's traffic to a pcapng file.")
    Path pcap;

    @Option(
            names = "--impair",
            paramLabel = "SPEC",
            description = "Link impairments in both directions, e.g. loss=2%%,delay=20ms,jitter=5ms,rate=100mbit.")
    String impair;

    @Option(
            names = "--netns",
            paramLabel = "NS",
            description = "Opens the TAP inside the network namespace NS (ip netns add NS).")
    String netns;

    @Option(
            names = "--no-offload",
            description = "Opens the TAP without kernel offloads (IFF_VNET_HDR, TSO): every frame at most the MTU, "
                    + "every checksum computed by Strata. By default they are on when the kernel offers them.")
    boolean noOffload;

    @Option(
            names = "--fin-wait",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "How long to wait at the stop for peers to acknowledge our FINs (default ${DEFAULT-VALUE}).")
    String finWait;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The command. */
    public HostCommand() {}

    /** Thrown for a bad option value; the message is the one line printed. */
    static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        UsageError(String message) {
            super(message);
        }
    }

    /** The validated configuration of the options given. */
    TapHostConfig config() throws UsageError {
        if (ip6 != null) {
            throw new UsageError("--ip6: IPv6 is not implemented yet; run with --ip only");
        }
        Ip4Interface address = parse("--ip", ip, Ip4Interface::parse);
        if (address.prefixLength() < 1 || address.prefixLength() > 30) {
            throw new UsageError("--ip " + ip + ": the prefix must be /1 to /30 for a host on a link");
        }
        Ip4 a = address.address();
        if (a.isMulticast()
                || a.isBroadcast()
                || a.isUnspecified()
                || a.isLoopback()
                || a.equals(address.broadcast())
                || a.equals(address.prefix().network())) {
            throw new UsageError("--ip " + ip + ": not a usable host address on " + address.prefix());
        }
        Ip4 gw = gateway == null ? null : parse("--gateway", gateway, Ip4::parse);
        MacAddr m = mac == null ? null : parse("--mac", mac, MacAddr::parse);
        List<SimpleService> services = serve == null ? List.of() : parse("--serve", serve, SimpleService::parseList);
        LinkParams params =
                impair == null ? null : parse("--impair", impair, s -> LinkParams.parse(s, LinkParams.IDEAL));
        long wait = parse("--fin-wait", finWait, Durations::parse);
        if (wait < 0) {
            throw new UsageError("--fin-wait " + finWait + ": must not be negative");
        }
        if (tap.isEmpty() || tap.length() > 15) {
            throw new UsageError("--tap '" + tap + "': a device name has 1 to 15 characters");
        }
        try {
            return new TapHostConfig(
                    tap, address, gw, m, services, pcap, params, netns, !noOffload, TapHostConfig.TCP_DEFAULTS);
        } catch (IllegalArgumentException e) {
            throw new UsageError(e.getMessage());
        }
    }

    /** A parser that may throw IllegalArgumentException (or NumberFormatException). */
    @FunctionalInterface
    interface Parser<T> {
        T parse(String text);
    }

    private static <T> T parse(String option, String text, Parser<T> parser) throws UsageError {
        try {
            return parser.parse(text);
        } catch (IllegalArgumentException e) {
            String why = e.getMessage() == null ? "not understood" : e.getMessage();
            throw new UsageError(option + " " + text + ": " + why);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TapHostConfig config;
        long wait;
        try {
            config = config();
            wait = Durations.parse(finWait);
        } catch (UsageError e) {
            err.println("strata host: " + e.getMessage());
            return 2;
        }
        TapHost host;
        try {
            host = TapHost.start(config);
        } catch (TapException e) {
            err.println("strata host: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("strata host: cannot write the capture " + config.pcap() + ": " + e.getMessage());
            return 2;
        } catch (IllegalStateException | IllegalArgumentException e) {
            err.println("strata host: " + e.getMessage());
            return 2;
        }
        out.println(host.statusLine());
        out.flush();
        StopOnSignal signals = new StopOnSignal(wait + TimeUnit.SECONDS.toNanos(15), () -> {
            out.flush();
            err.flush();
        });
        String failure = null;
        try {
            while (!signals.awaitRequest(200)) {
                failure = host.failure();
                if (failure != null) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TapHost.Stopped s = host.stop(wait);
        out.println("strata host: stopped; " + s.connections() + " open connection(s) closed with FIN"
                + (s.unfinished() > 0 ? " (" + s.unfinished() + " not acknowledged in time)" : ""));
        for (String line : s.counters()) {
            out.println("  " + line);
        }
        if (s.captureFailure() != null) {
            err.println("strata host: the capture is incomplete: "
                    + s.captureFailure().getMessage());
        }
        out.flush();
        int code = 0;
        if (failure != null) {
            err.println("strata host: " + failure);
            code = 1;
        }
        out.flush();
        err.flush();
        signals.finish(code);
        return code;
    }
}
