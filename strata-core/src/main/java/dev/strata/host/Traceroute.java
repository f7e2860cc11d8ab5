package dev.strata.host;

import dev.strata.ip.IcmpError;
import dev.strata.time.Timer;
import dev.strata.udp.UdpSocket;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Type;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The classic UDP traceroute (Van Jacobson's, as in RFC 1393's background): UDP probes to port 33434 and up with TTL
 * 1, 2, 3, ...; each router where the TTL runs out answers "time exceeded", and the destination answers "port
 * unreachable", which ends the trace.
 */
public final class Traceroute {

    /** The first destination port of the probes. */
    public static final int BASE_PORT = 33434;

    /**
     * One probe's outcome: who answered (null for a timeout) and after how long, and the ICMP code.
     *
     * @param hop the TTL of the probe
     * @param reporter the address that answered, or null when nothing did
     * @param rttNanos the round trip, or -1
     * @param code the answer's ICMP code, or null
     */
    public record Probe(int hop, Ip4 reporter, long rttNanos, Icmpv4Code code) {
        /** True when the answer came from the destination (port unreachable). */
        public boolean reachedDestination() {
            return code != null && code.equals(Icmpv4Code.PORT_UNREACHABLE);
        }
    }

    /** The whole trace. */
    public record Result(Ip4 destination, List<Probe> probes, boolean reached) {}

    private final Host host;
    private final Ip4 destination;
    private final int maxHops;
    private final int probesPerHop;
    private final long timeoutNanos;
    private final Consumer<Probe> onProbe;
    private final Consumer<Result> onDone;
    private final UdpSocket socket;
    private final Timer timer;
    private final List<Probe> probes = new ArrayList<>();
    private int hop = 1;
    private int probeInHop;
    private int probeNumber;
    private long sentAt;
    private boolean hopEnds;
    private boolean done;

    private Traceroute(
            Host host,
            Ip4 destination,
            int maxHops,
            int probesPerHop,
            long timeoutNanos,
            Consumer<Probe> onProbe,
            Consumer<Result> onDone) {
        this.host = host;
        this.destination = destination;
        this.maxHops = maxHops;
        this.probesPerHop = probesPerHop;
        this.timeoutNanos = timeoutNanos;
        this.onProbe = onProbe;
        this.onDone = onDone;
        this.socket = host.openUdp(0).onError(this::answer);
        this.timer = host.scheduler().newTimer(this::timedOut);
    }

    /**
     * Starts a trace from {@code host} to {@code destination}.
     *
     * @param maxHops largest TTL tried (traceroute's -m, default 30)
     * @param probesPerHop probes per TTL (-q, default 3)
     * @param timeoutNanos wait per probe (-w, default 5 s)
     */
    public static Traceroute start(
            Host host,
            Ip4 destination,
            int maxHops,
            int probesPerHop,
            long timeoutNanos,
            Consumer<Probe> onProbe,
            Consumer<Result> onDone) {
        if (maxHops < 1 || maxHops > 255 || probesPerHop < 1 || probesPerHop > 10) {
            throw new IllegalArgumentException("traceroute needs 1..255 hops and 1..10 probes per hop");
        }
        Traceroute t = new Traceroute(host, destination, maxHops, probesPerHop, timeoutNanos, onProbe, onDone);
        t.send();
        return t;
    }

    private int currentPort() {
        return BASE_PORT + probeNumber;
    }

    private void send() {
        socket.setTtl(hop);
        sentAt = host.scheduler().nanos();
        socket.send(destination, currentPort(), ByteBuffer.allocate(32));
        timer.setAfter(timeoutNanos);
    }

    private void answer(IcmpError e) {
        if (done || !e.quote().hasPorts() || e.quote().destinationPort() != currentPort()) {
            return; // a late answer to an earlier probe
        }
        timer.cancel();
        boolean last = !e.code().type().equals(Icmpv4Type.TIME_EXCEEDED);
        record(new Probe(hop, e.reporter(), host.scheduler().nanos() - sentAt, e.code()), last);
    }

    private void timedOut() {
        record(new Probe(hop, null, -1, null), false);
    }

    private void record(Probe p, boolean ends) {
        probes.add(p);
        onProbe.accept(p);
        hopEnds |= ends;
        probeNumber++;
        probeInHop++;
        if (probeInHop < probesPerHop) {
            send();
            return;
        }
        if (hopEnds || hop >= maxHops) {
            finish(hopEnds && probes.stream().anyMatch(Probe::reachedDestination));
            return;
        }
        hop++;
        probeInHop = 0;
        send();
    }

    private void finish(boolean reached) {
        done = true;
        timer.cancel();
        socket.close();
        onDone.accept(new Result(destination, List.copyOf(probes), reached));
    }

    /** True once the trace ended. */
    public boolean isDone() {
        return done;
    }
}
