package dev.strata.cli.host;

import dev.strata.apps.simple.SimpleService;
import dev.strata.apps.simple.SimpleServices;
import dev.strata.host.Host;
import dev.strata.ip.NetInterface;
import dev.strata.link.ImpairedDevice;
import dev.strata.link.NetDevice;
import dev.strata.link.TapDevice;
import dev.strata.link.TapException;
import dev.strata.link.TappedDevice;
import dev.strata.time.RealTimeLoop;
import dev.strata.time.Timer;
import dev.strata.trace.Direction;
import dev.strata.trace.PcapngSink;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Strata host running on a Linux TAP device in real time: the objects {@code strata host} makes, for the command
 * and for tests. The same {@link Host} as in the simulator, on a {@link RealTimeLoop} that polls the TAP, with
 * optional impairments ({@link ImpairedDevice}), a pcapng capture of the TAP's traffic, and the simple services.
 *
 * <pre>
 *   kernel &lt;-- TAP --&gt; TapDevice &lt;-- TappedDevice (capture) &lt;-- ImpairedDevice (--impair) &lt;-- Host
 * </pre>
 */
public final class TapHost implements AutoCloseable {

    /** How long {@link #close()} waits for the peers to acknowledge our FINs. */
    public static final long DEFAULT_FIN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);

    private static final long FLUSH_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * What an orderly stop did.
     *
     * @param connections TCP connections open when the stop began (each was sent a FIN)
     * @param unfinished those whose FIN was still unacknowledged when the wait ended
     * @param counters the services', IP's, TCP's and the device's counters at the end, one line each
     * @param captureFailure why the capture could not be written completely, or null
     */
    public record Stopped(int connections, int unfinished, List<String> counters, IOException captureFailure) {
        /** Copies the list. */
        public Stopped {
            counters = List.copyOf(counters);
        }
    }

    private final TapHostConfig config;
    private final RealTimeLoop loop;
    private final TapDevice tap;
    private final PcapngSink capture;
    private Host host;
    private ImpairedDevice impaired;
    private SimpleServices services;
    private Stopped stopped;

    private TapHost(TapHostConfig config, RealTimeLoop loop, TapDevice tap, PcapngSink capture) {
        this.config = config;
        this.loop = loop;
        this.tap = tap;
        this.capture = capture;
    }

    /**
     * Opens the TAP, starts the loop, and builds the host with its interface, route and services.
     *
     * @throws TapException when the TAP cannot be opened (one line: not root, no /dev/net/tun, busy, ...)
     * @throws IOException when the capture file cannot be created
     * @throws IllegalStateException when a service port cannot be bound
     */
    public static TapHost start(TapHostConfig config) throws IOException {
        PcapngSink capture = config.pcap() == null ? null : PcapngSink.toFile(config.pcap());
        TapDevice tap;
        try {
            TapDevice.Config tc = TapDevice.Config.of(config.tap())
                    .withMac(config.mac())
                    .withUp(true)
                    .withOffloads(config.offloads());
            if (config.netns() != null) {
                tc = tc.inNamedNetns(config.netns());
            }
            try {
                tap = TapDevice.open(tc);
            } catch (TapException e) {
                if (!e.offloadsRefused()) {
                    throw e;
                }
                tap = TapDevice.open(tc.withOffloads(false)); // an older kernel: the TAP works without them
            }
        } catch (TapException e) {
            if (capture != null) {
                capture.close();
            }
            throw e;
        }
        RealTimeLoop loop = new RealTimeLoop("strata-host-" + tap.name());
        tap.pollFrom(loop);
        loop.start();
        TapHost h = new TapHost(config, loop, tap, capture);
        if (capture != null) {
            capture.epochOffset(epochNanos() - loop.wallNanos());
            loop.onShutdown(() -> {
                try {
                    capture.close();
                } catch (IOException e) {
                    // reported by stop() through capture.failure()
                }
            });
        }
        loop.onShutdown(tap::close);
        try {
            loop.run(h::build);
        } catch (RuntimeException e) {
            loop.shutdown();
            joinQuietly(loop);
            throw e;
        }
        return h;
    }

    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /** Runs on the loop: the device chain, the host, its services. */
    private void build() {
        SplittableRandom random = new SplittableRandom(new SecureRandom().nextLong());
        NetDevice device = tap;
        if (capture != null) {
            String node = "strata";
            String ifName = tap.name();
            device = new TappedDevice(
                    device,
                    loop,
                    (t, f) -> capture.packet(t, node, ifName, Direction.OUTBOUND, f),
                    (t, f) -> capture.packet(t, node, ifName, Direction.INBOUND, f));
            Timer[] flush = new Timer[1];
            flush[0] = loop.newTimer(() -> {
                try {
                    capture.flush();
                    flush[0].setAfter(FLUSH_EVERY_NANOS);
                } catch (IOException e) {
                    // remembered by the sink and reported by stop()
                }
            });
            flush[0].setAfter(FLUSH_EVERY_NANOS);
        }
        if (config.impair() != null) {
            impaired = ImpairedDevice.symmetric(device, loop, random, config.impair());
            device = impaired;
        }
        host = new Host("strata", loop, random);
        host.tcp().setDefaults(config.tcp());
        host.addInterface(tap.name(), device, config.address());
        if (config.gateway() != null) {
            host.setDefaultGateway(config.gateway());
        }
        services = SimpleServices.start(host, config.services(), InstantSource.system());
        host.announce();
    }

    /** The configuration this host runs. */
    public TapHostConfig config() {
        return config;
    }

    /** The event loop; every call into the host goes through it ({@link #call}). */
    public RealTimeLoop loop() {
        return loop;
    }

    /** The host; use it on the loop only. */
    public Host host() {
        return host;
    }

    /** The TAP device. */
    public TapDevice tap() {
        return tap;
    }

    /** The impairments between the TAP and the host, or null when there are none. */
    public ImpairedDevice impaired() {
        return impaired;
    }

    /** The services; use them on the loop only. */
    public SimpleServices services() {
        return services;
    }

    /** The host's interface on the TAP; use it on the loop only. */
    public NetInterface iface() {
        return host.iface(tap.name());
    }

    /** Runs {@code task} on the loop and returns its result. */
    public <T> T call(Callable<T> task) {
        return loop.call(task);
    }

    /** Runs {@code task} on the loop and waits for it. */
    public void run(Runnable task) {
        loop.run(task);
    }

    /** The one line printed when the host is ready, e.g. {@code strata host: tap0 192.0.2.2/24 02:53:... ...}. */
    public String statusLine() {
        StringBuilder sb = new StringBuilder("strata host: ")
                .append(tap.name())
                .append(' ')
                .append(config.address())
                .append(' ')
                .append(tap.mac())
                .append(" mtu ")
                .append(tap.mtu());
        if (config.gateway() != null) {
            sb.append(" via ").append(config.gateway());
        }
        if (config.services().isEmpty()) {
            sb.append(" serving nothing (ICMP echo only)");
        } else {
            sb.append(" serving ")
                    .append(config.services().stream()
                            .map(SimpleService::serviceName)
                            .collect(Collectors.joining(",")));
        }
        if (config.impair() != null) {
            sb.append(", impaired");
        }
        if (config.pcap() != null) {
            sb.append(", capturing to ").append(config.pcap());
        }
        sb.append(tap.offloads() ? ", offloads on" : ", offloads off");
        return sb.append("; Ctrl-C to stop").toString();
    }

    /** Why the TAP stopped working (the device went away, a read failed), or null while all is well. */
    public String failure() {
        return tap.failure();
    }

    /**
     * Stops in order: every open connection queues a FIN, the host waits up to {@code finWaitNanos} for the peers to
     * acknowledge them, then stops listening, stops the loop, closes the TAP and flushes the capture. Idempotent.
     */
    public synchronized Stopped stop(long finWaitNanos) {
        if (stopped != null) {
            return stopped;
        }
        int connections = 0;
        int unfinished = 0;
        List<String> counters = List.of();
        if (loop.isRunning()) {
            try {
                connections = loop.call(() -> {
                    int n = services.connections().size();
                    services.stopConnections();
                    return n;
                });
                long deadline = System.nanoTime() + finWaitNanos;
                while ((unfinished = loop.call(services::unfinished)) > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                loop.run(services::close);
                counters = loop.call(this::counterLines);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                // the loop ended under us: nothing more to close gracefully
            }
        }
        loop.shutdown();
        joinQuietly(loop);
        tap.close();
        IOException captureFailure = null;
        if (capture != null) {
            try {
                capture.close();
            } catch (IOException e) {
                captureFailure = e;
            }
            if (captureFailure == null) {
                captureFailure = capture.failure();
            }
        }
        stopped = new Stopped(connections, unfinished, counters, captureFailure);
        return stopped;
    }

    /** The counters worth printing, one line each; on the loop. */
    private List<String> counterLines() {
        List<String> out = new ArrayList<>();
        for (SimpleService s : services.services()) {
            out.add(s + ": " + services.counters(s));
        }
        out.add("ip: " + host.ip().counters);
        out.add("tcp: " + host.tcp().counters);
        out.add("ethernet: " + ethernetLine(iface().counters));
        if (impaired != null) {
            out.add("impairments: out " + impaired.outbound().counters() + "; in "
                    + impaired.inbound().counters());
        }
        out.add("device " + tap.name() + ": " + tap.counters());
        if (tap.offloads()) {
            out.add("offloads: " + tap.offloadCounters());
        }
        return out;
    }

    private static String ethernetLine(NetInterface.EthernetCounters c) {
        return "in " + c.inFrames + " frames, " + c.inMalformed + " malformed, " + c.inOtherHost + " for others, "
                + c.inUnknownType + " of unknown type; out " + c.outFrames + " frames";
    }

    /** {@link #stop} with {@link #DEFAULT_FIN_WAIT_NANOS}. */
    @Override
    public void close() {
        stop(DEFAULT_FIN_WAIT_NANOS);
    }

    private static void joinQuietly(RealTimeLoop loop) {
        try {
            if (!loop.join(TimeUnit.SECONDS.toNanos(10))) {
                System.getLogger(TapHost.class.getName())
                        .log(System.Logger.Level.WARNING, "loop " + loop.name() + " did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
