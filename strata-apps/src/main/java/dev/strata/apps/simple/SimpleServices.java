package dev.strata.apps.simple;

import dev.strata.host.Host;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpListener;
import dev.strata.udp.UdpSocket;
import java.nio.ByteBuffer;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The simple services (echo, discard, daytime, chargen) running on one host, on TCP and UDP, with their open
 * connections, counters, and an orderly stop: every connection gets a FIN, and the caller can wait until the peers
 * have acknowledged them.
 *
 * <p>Everything here runs on the host's event loop.
 */
public final class SimpleServices implements AutoCloseable {

    /** RFC 867's example format, "Tuesday, February 22, 1982 17:37:43-PST", in UTC. */
    private static final DateTimeFormatter DAYTIME = DateTimeFormatter.ofPattern(
                    "EEEE, MMMM d, uuuu HH:mm:ss'-UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private final Host host;
    private final InstantSource wallClock;
    private final Map<SimpleService, ServiceCounters> counters = new EnumMap<>(SimpleService.class);
    private final List<TcpListener> listeners = new ArrayList<>();
    private final List<DatagramService> datagrams = new ArrayList<>();
    private final Set<ServiceConnection> open = new LinkedHashSet<>();
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private BiConsumer<TcpConnection, CloseReason> onClosed = (c, r) -> {};
    private boolean stopping;

    private SimpleServices(Host host, InstantSource wallClock) {
        this.host = host;
        this.wallClock = wallClock;
    }

    /**
     * Starts {@code services} on {@code host}, each listening on its TCP port and bound to its UDP port; the daytime
     * service reads the date from {@code wallClock}.
     *
     * @throws IllegalStateException when a port is taken (nothing is left running then)
     */
    public static SimpleServices start(Host host, Collection<SimpleService> services, InstantSource wallClock) {
        SimpleServices s = new SimpleServices(host, wallClock);
        try {
            for (SimpleService service : services) {
                s.startOne(service);
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void startOne(SimpleService service) {
        if (counters.containsKey(service)) {
            return;
        }
        ServiceCounters c = new ServiceCounters();
        counters.put(service, c);
        TcpListener l = host.listen(service.port());
        listeners.add(l);
        l.onAccept(conn -> accepted(service, c, conn));
        UdpSocket u = host.openUdp(service.port());
        datagrams.add(new DatagramService(service, this, c, host.random(), u));
    }

    private void accepted(SimpleService service, ServiceCounters c, TcpConnection conn) {
        if (stopping) {
            conn.abort();
            return;
        }
        ServiceConnection sc = switch (service) {
            case ECHO -> new EchoConnection(this, c);
            case DISCARD -> new DiscardConnection(this, c);
            case CHARGEN -> new ChargenConnection(this, c);
            case DAYTIME -> new DaytimeConnection(this, c);
        };
        open.add(sc);
        sc.start(conn);
    }

    /** The services running, in the order they were started. */
    public List<SimpleService> services() {
        return List.copyOf(counters.keySet());
    }

    /** The counters of {@code service}, or null when it does not run here. */
    public ServiceCounters counters(SimpleService service) {
        return counters.get(service);
    }

    /** The TCP connections of all services that have not ended yet. */
    public List<TcpConnection> connections() {
        List<TcpConnection> out = new ArrayList<>(open.size());
        for (ServiceConnection sc : open) {
            out.add(sc.conn);
        }
        return out;
    }

    /** Calls {@code listener} whenever a service connection ends, with the reason (after the counters are updated). */
    public void onClosed(BiConsumer<TcpConnection, CloseReason> listener) {
        this.onClosed = listener == null ? (c, r) -> {} : listener;
    }

    /**
     * Begins an orderly stop: no new connections are taken, and every open connection queues a FIN after the data
     * already written. See {@link #finished()}.
     */
    public void stopConnections() {
        stopping = true;
        for (ServiceConnection sc : List.copyOf(open)) {
            sc.stop();
        }
    }

    /** Connections whose FIN is not acknowledged yet (0 once every peer has seen our side end). */
    public int unfinished() {
        int n = 0;
        for (ServiceConnection sc : open) {
            if (!sc.finished()) {
                n++;
            }
        }
        return n;
    }

    /** True when every connection's FIN has been acknowledged (or the connection is gone). */
    public boolean finished() {
        return unfinished() == 0;
    }

    /** Stops listening and closes the UDP sockets; open connections are left to {@link #stopConnections()}. */
    @Override
    public void close() {
        stopping = true;
        for (TcpListener l : listeners) {
            l.close();
        }
        listeners.clear();
        for (DatagramService d : datagrams) {
            d.close();
        }
        datagrams.clear();
    }

    /** The daytime text (RFC 867), with CR LF. */
    String daytime() {
        return DAYTIME.format(wallClock.instant()) + "\r\n";
    }

    ByteBuffer scratch() {
        return scratch;
    }

    void closed(ServiceConnection sc, CloseReason reason) {
        open.remove(sc);
        switch (reason) {
            case NORMAL -> sc.counters.closedNormally++;
            case RESET -> sc.counters.reset++;
            default -> sc.counters.failed++;
        }
        onClosed.accept(sc.conn, reason);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<SimpleService, ServiceCounters> e : counters.entrySet()) {
            sb.append(sb.isEmpty() ? "" : "\n").append(e.getKey()).append(": ").append(e.getValue());
        }
        return sb.toString();
    }
}
