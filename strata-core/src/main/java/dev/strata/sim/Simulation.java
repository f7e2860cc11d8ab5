package dev.strata.sim;

import dev.strata.host.Host;
import dev.strata.ip.NetInterface;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.link.Switch;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpObserver;
import dev.strata.tcp.TcpState;
import dev.strata.time.EventQueue;
import dev.strata.time.Scheduler;
import dev.strata.trace.Direction;
import dev.strata.trace.TraceSink;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A deterministic simulation: one event queue on a virtual clock, one seeded random source, and the nodes and links
 * of a topology, all run on the calling thread.
 *
 * <p>Same seed, same events, same bytes: every component gets its own random stream split from the seed in the
 * order it is created, events at the same instant run in the order they were scheduled, and nothing depends on wall
 * time or hash order. An event that throws stops the run with a {@link SimulationFailure} naming the seed.
 */
public final class Simulation {

    private final long seed;
    private final EventQueue queue = new EventQueue();
    private final SplittableRandom master;
    private final List<Link> links = new ArrayList<>();
    private final List<Switch> switches = new ArrayList<>();
    private final List<Host> hosts = new ArrayList<>();
    private final List<TraceSink> sinks = new ArrayList<>();
    private long nextMac = 1;

    /** A simulation whose every random choice derives from {@code seed}. */
    public Simulation(long seed) {
        this.seed = seed;
        this.master = new SplittableRandom(seed);
        queue.onFailure(e -> {
            throw new SimulationFailure(seed, queue.nanos(), e);
        });
    }

    /** The seed this run derives from. */
    public long seed() {
        return seed;
    }

    /** The scheduler every node of this simulation runs on. */
    public Scheduler scheduler() {
        return queue;
    }

    /** The underlying event queue, for drivers and statistics. */
    public EventQueue events() {
        return queue;
    }

    /** The virtual time now, in nanoseconds. */
    public long now() {
        return queue.nanos();
    }

    /** A new random stream, split from the seed; components take one each when they are created. */
    public RandomGenerator newRandom() {
        return master.split();
    }

    /** The next locally administered MAC address: 02:00:00:00:00:01, 02:00:00:00:00:02, ... */
    public MacAddr nextMac() {
        return MacAddr.local(nextMac++);
    }

    /** A new learning switch. */
    public Switch addSwitch(String name) {
        Switch s = new Switch(name, queue);
        switches.add(s);
        return s;
    }

    /** A new host (an end system: forwarding off). */
    public Host addHost(String name) {
        Host h = new Host(name, queue, newRandom());
        hosts.add(h);
        // TCP state changes go to the trace sinks, e.g. as notes in a sequence diagram.
        h.tcp().addObserver(new TcpObserver() {
            @Override
            public void stateChanged(TcpConnection c, TcpState from, TcpState to) {
                for (TraceSink sink : sinks) {
                    sink.tcpState(queue.nanos(), name, id(c), from.rfcName(), to.rfcName());
                }
            }

            @Override
            public void congestion(TcpConnection c, String event, long cwnd, long ssthresh) {
                for (TraceSink sink : sinks) {
                    sink.note(
                            queue.nanos(),
                            name,
                            "TCP " + id(c) + " " + event + ": cwnd " + cwnd + " ssthresh "
                                    + (ssthresh > Integer.MAX_VALUE ? "inf" : Long.toString(ssthresh)));
                }
            }
        });
        return h;
    }

    /** A new router: a host with forwarding on (RFC 1812). */
    public Host addRouter(String name) {
        Host r = addHost(name);
        r.setForwarding(true);
        return r;
    }

    private static String id(TcpConnection c) {
        return c.localAddress() + ":" + c.localPort() + "-" + c.remoteAddress() + ":" + c.remotePort();
    }

    /** The hosts and routers created so far, in creation order. */
    public List<Host> hosts() {
        return List.copyOf(hosts);
    }

    /**
     * Connects a new interface {@code ifName} of {@code host}, addressed {@code cidr} (e.g. {@code 192.0.2.10/24}), to
     * the next port of {@code sw} with a link behaving as {@code params}.
     */
    public NetInterface connect(Host host, String ifName, String cidr, Switch sw, LinkParams params) {
        String port = "p" + sw.ports().size();
        String a = host.name() + "." + ifName;
        String b = sw.name() + "." + port;
        Link l = link(a + "-" + b, a, b, params);
        sw.attach(l.b());
        return host.addInterface(ifName, l.a(), Ip4Interface.parse(cidr));
    }

    /** Connects two hosts back to back with a new link; returns the two new interfaces (A's first). */
    public List<NetInterface> connect(
            Host a, String ifA, String cidrA, Host b, String ifB, String cidrB, LinkParams params) {
        String ea = a.name() + "." + ifA;
        String eb = b.name() + "." + ifB;
        Link l = link(ea + "-" + eb, ea, eb, params);
        return List.of(
                a.addInterface(ifA, l.a(), Ip4Interface.parse(cidrA)),
                b.addInterface(ifB, l.b(), Ip4Interface.parse(cidrB)));
    }

    /** Connects two switches with a new link. */
    public Link connect(Switch a, Switch b, LinkParams params) {
        String pa = a.name() + ".p" + a.ports().size();
        String pb = b.name() + ".p" + b.ports().size();
        Link l = link(pa + "-" + pb, pa, pb, params);
        a.attach(l.a());
        b.attach(l.b());
        return l;
    }

    /**
     * Sends every frame of every link (those made so far and those made later) to {@code sink}, once per hop: each
     * frame is reported as sent ({@link Direction#OUTBOUND}) by the link end that put it on the wire, named by the
     * end's {@code node.iface} label. TCP state changes of every host go to the sink too.
     */
    public void trace(TraceSink sink) {
        sinks.add(sink);
        for (Link l : links) {
            tap(l, sink);
        }
    }

    private static void tap(Link l, TraceSink sink) {
        tapEnd(l.a(), sink);
        tapEnd(l.b(), sink);
    }

    private static void tapEnd(Link.End end, TraceSink sink) {
        String label = end.name();
        int dot = label.indexOf('.');
        String node = dot < 0 ? label : label.substring(0, dot);
        String iface = dot < 0 ? label : label.substring(dot + 1);
        end.outbound().tap((t, frame) -> sink.packet(t, node, iface, Direction.OUTBOUND, frame));
    }

    /** A new link with the same behaviour in both directions; ends get the next MACs and MTU 1500. */
    public Link link(String name, String endA, String endB, LinkParams params) {
        return link(
                name,
                params,
                params,
                new Link.End.Spec(endA, nextMac(), 1500),
                new Link.End.Spec(endB, nextMac(), 1500));
    }

    /** A new link with per-direction behaviour and explicit end specs. */
    public Link link(String name, LinkParams aToB, LinkParams bToA, Link.End.Spec a, Link.End.Spec b) {
        Link l = new Link(name, queue, aToB, bToA, newRandom(), newRandom(), a, b);
        links.add(l);
        for (TraceSink sink : sinks) {
            tap(l, sink);
        }
        return l;
    }

    /** The links created so far, in creation order. */
    public List<Link> links() {
        return List.copyOf(links);
    }

    /** The switches created so far, in creation order. */
    public List<Switch> switches() {
        return List.copyOf(switches);
    }

    /** Runs until no event is left. */
    public void run() {
        while (queue.runNext()) {
            // each step runs one event
        }
    }

    /** Runs every event due up to and including {@code timeNanos}, then sets the clock to that time. */
    public void runUntil(long timeNanos) {
        while (queue.nextTime() <= timeNanos) {
            queue.runNext();
        }
        queue.advanceTo(timeNanos);
    }

    /** Runs for {@code durationNanos} of virtual time. */
    public void runFor(long durationNanos) {
        runUntil(queue.nanos() + durationNanos);
    }

    /**
     * Runs until {@code done} is true (checked after each event) or virtual time passes {@code deadlineNanos}.
     *
     * @return true when {@code done} became true
     */
    public boolean runUntil(BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean()) {
            if (queue.nextTime() > deadlineNanos) {
                queue.advanceTo(deadlineNanos);
                return done.getAsBoolean();
            }
            queue.runNext();
        }
        return true;
    }
}
