package dev.strata.cli.demo;

import dev.strata.host.Host;
import dev.strata.host.Ping;
import dev.strata.host.Traceroute;
import dev.strata.link.LinkParams;
import dev.strata.link.Switch;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/**
 * {@code strata demo ping}: hosts on two subnets, a switch and a router; ARP, ICMP echo on one subnet and across
 * the router, and a traceroute.
 */
@Command(
        name = "ping",
        mixinStandardHelpOptions = true,
        description = "Two subnets, a switch and a router: ARP, ping, and a traceroute across the router.")
public final class PingDemo implements Callable<Integer> {

    static final Ip4 ALICE = Ip4.parse("192.0.2.10");
    static final Ip4 BOB = Ip4.parse("192.0.2.11");
    static final Ip4 ROUTER_A = Ip4.parse("192.0.2.1");
    static final Ip4 ROUTER_B = Ip4.parse("198.51.100.1");
    static final Ip4 CAROL = Ip4.parse("198.51.100.20");

    @Mixin
    DemoOptions options = new DemoOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** The command. */
    public PingDemo() {}

    @Override
    public Integer call() throws IOException {
        return run(options, System.out);
    }

    /** Runs the demo, printing to {@code out}; returns 0 when every step worked, 1 otherwise. */
    static int run(DemoOptions options, PrintStream out) throws IOException {
        Simulation sim = new Simulation(options.seed);
        LinkParams cable = LinkParams.GIGABIT;
        Switch sw1 = sim.addSwitch("sw1");
        Host alice = sim.addHost("alice");
        Host bob = sim.addHost("bob");
        Host router = sim.addRouter("r");
        Host carol = sim.addHost("carol");
        sim.connect(alice, "eth0", "192.0.2.10/24", sw1, cable);
        sim.connect(bob, "eth0", "192.0.2.11/24", sw1, cable);
        sim.connect(router, "eth0", "192.0.2.1/24", sw1, cable);
        sim.connect(router, "eth1", "198.51.100.1/24", carol, "eth0", "198.51.100.20/24", cable);
        alice.setDefaultGateway(ROUTER_A);
        bob.setDefaultGateway(ROUTER_A);
        carol.setDefaultGateway(ROUTER_B);

        out.println("Strata demo: ping (seed " + options.seed + ")");
        out.println();
        out.println("  alice 192.0.2.10/24 ---+");
        out.println("                          sw1 --- r 192.0.2.1 | 198.51.100.1 --- carol 198.51.100.20/24");
        out.println("  bob   192.0.2.11/24 ---+");
        out.println();
        boolean ok;
        DemoTrace trace = new DemoTrace(sim, options, out, List.of("alice", "bob", "sw1", "r", "carol"));
        try {
            out.println("1. alice pings bob on her own subnet: ARP finds bob's MAC, then ICMP echo");
            Ping.Summary s1 = ping(sim, alice, BOB, out);
            out.println();
            out.println("2. alice pings carol: ARP for the gateway, the router forwards (TTL 64 -> 63)");
            Ping.Summary s2 = ping(sim, alice, CAROL, out);
            out.println();
            out.println("3. traceroute from alice to carol: UDP probes with TTL 1, 2, ...");
            Traceroute.Result tr = traceroute(sim, alice, CAROL, out);
            ok = s1.received() == s1.transmitted() && s2.received() == s2.transmitted() && tr.reached();
            out.println();
            out.println("router r: " + router.ip().counters);
            out.println("switch sw1: forwarded " + sw1.counters.forwarded + ", flooded " + sw1.counters.flooded);
        } finally {
            trace.close();
        }
        for (String line : trace.filesWritten()) {
            out.println(line);
        }
        return ok ? 0 : 1;
    }

    private static Ping.Summary ping(Simulation sim, Host from, Ip4 to, PrintStream out) {
        Ping.Summary[] done = new Ping.Summary[1];
        Ping.from(from, to)
                .count(3)
                .interval(1_000_000_000L)
                .onEvent(e -> out.println("   " + describe(e)))
                .onDone(s -> done[0] = s)
                .start();
        sim.runUntil(() -> done[0] != null, sim.now() + 30_000_000_000L);
        Ping.Summary s = done[0];
        out.printf(
                Locale.ROOT,
                "   --- %s ping statistics: %d transmitted, %d received, %.0f%% packet loss%n",
                to,
                s.transmitted(),
                s.received(),
                100 * s.loss());
        return s;
    }

    private static String describe(Ping.Event e) {
        return switch (e) {
            case Ping.Reply r ->
                String.format(
                        Locale.ROOT,
                        "%d bytes from %s: icmp_seq=%d ttl=%d time=%.3f ms",
                        r.bytes() + 8,
                        r.from(),
                        r.sequence(),
                        r.ttl(),
                        r.rttNanos() / 1e6);
            case Ping.Error err ->
                "From " + err.error().reporter() + " icmp_seq=" + err.sequence() + " "
                        + err.error().code().name();
            case Ping.Timeout t -> "icmp_seq=" + t.sequence() + " no reply";
        };
    }

    private static Traceroute.Result traceroute(Simulation sim, Host from, Ip4 to, PrintStream out) {
        Traceroute.Result[] done = new Traceroute.Result[1];
        Traceroute.start(
                from,
                to,
                30,
                1,
                5_000_000_000L,
                p -> out.println(
                        p.reporter() == null
                                ? String.format(Locale.ROOT, "   %2d  *", p.hop())
                                : String.format(
                                        Locale.ROOT,
                                        "   %2d  %s  %.3f ms  (%s)",
                                        p.hop(),
                                        p.reporter(),
                                        p.rttNanos() / 1e6,
                                        p.code().name())),
                r -> done[0] = r);
        sim.runUntil(() -> done[0] != null, sim.now() + 300_000_000_000L);
        return done[0];
    }
}
