package dev.strata.tcp;

import dev.strata.wire.Ip4;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A passive open (RFC 9293 §3.10.1 with the LISTEN state of §3.10.7.2): a bounded SYN queue of half-open
 * connections, a bounded accept queue of established ones, and SYN cookies (RFC 4987 §3.6) when the SYN queue is
 * full, so that a SYN flood cannot keep legitimate clients out or grow memory without bound.
 */
public final class TcpListener implements AutoCloseable {

    private final TcpLayer layer;
    private final Ip4 address;
    private final int port;
    private final int backlog;
    private final TcpConfig config;
    private final Set<TcpConnection> synQueue = new HashSet<>();
    private final ArrayDeque<TcpConnection> acceptQueue = new ArrayDeque<>();
    private Consumer<TcpConnection> onAccept;
    private long lastCookieAt = Long.MIN_VALUE / 2;
    private boolean closed;

    TcpListener(TcpLayer layer, Ip4 address, int port, int backlog, TcpConfig config) {
        this.layer = layer;
        this.address = address;
        this.port = port;
        this.backlog = backlog;
        this.config = config;
    }

    /** The local address listened on ({@link Ip4#ANY} for all). */
    public Ip4 address() {
        return address;
    }

    /** The local port. */
    public int port() {
        return port;
    }

    /** The socket options new connections get. */
    public TcpConfig config() {
        return config;
    }

    /**
     * Delivers each established connection to {@code callback} as soon as its handshake completes (instead of
     * queuing it for {@link #accept()}); connections already queued are delivered now.
     */
    public TcpListener onAccept(Consumer<TcpConnection> callback) {
        this.onAccept = callback;
        while (callback != null && !acceptQueue.isEmpty()) {
            deliver(acceptQueue.pollFirst());
        }
        return this;
    }

    /** ACCEPT: the next established connection, or null when none is waiting. */
    public TcpConnection accept() {
        TcpConnection c = acceptQueue.pollFirst();
        if (c != null) {
            c.listener = null;
        }
        return c;
    }

    /** Half-open connections (SYN-RECEIVED) waiting for the handshake's last ACK. */
    public int synQueueLength() {
        return synQueue.size();
    }

    /** Established connections waiting to be accepted. */
    public int acceptQueueLength() {
        return acceptQueue.size();
    }

    /** Stops listening; connections waiting to be accepted are reset. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        layer.unlisten(this);
        for (TcpConnection c : acceptQueue) {
            c.abort();
        }
        acceptQueue.clear();
        for (TcpConnection c : Set.copyOf(synQueue)) {
            c.abort();
        }
    }

    boolean hasRoom() {
        return acceptQueue.size() < backlog || onAccept != null;
    }

    /** RFC 9293 §3.10.7.2: a segment for a listener with no connection of its own. */
    void segmentArrives(Segment seg, Ip4 local, Ip4 remote, int remotePort) {
        if (seg.rst()) {
            return; // First: an incoming RST is ignored
        }
        if (seg.ackFlag()) {
            // Second: an ACK here is bad, unless it returns one of our SYN cookies.
            if (!seg.syn && cookiesRecentlySent() && tryCookie(seg, local, remote, remotePort)) {
                return;
            }
            layer.counters.listenDrops++;
            layer.sendReset(local, port, remote, remotePort, seg.ack, 0, false);
            return;
        }
        if (!seg.syn) {
            return; // Fourth: anything else is dropped
        }
        // Third: a SYN.
        if (synQueue.size() >= backlog || !hasRoom()) {
            sendCookie(seg, local, remote, remotePort);
            return;
        }
        TcpConnection c = layer.newConnection(config, local, port, remote, remotePort);
        synQueue.add(c);
        c.openPassive(this, seg, layer.chooseIss(c));
    }

    private boolean cookiesRecentlySent() {
        // A cookie is valid for about two minutes (SynCookies); after that no ACK can carry one of ours.
        return layer.scheduler().nanos() - lastCookieAt < 130_000_000_000L;
    }

    private void sendCookie(Segment syn, Ip4 local, Ip4 remote, int remotePort) {
        int mss = syn.mss > 0 ? syn.mss : 536;
        int cookie = layer.cookies().encode(local.bits(), port, remote.bits(), remotePort, syn.seq, mss);
        lastCookieAt = layer.scheduler().nanos();
        layer.counters.syncookiesSent++;
        int ourMss = Math.min(mss, Math.max(536, layer.mtuFor(remote) - 40));
        int window = Math.min(config.receiveBuffer(), 0xFFFF);
        layer.sendSynAckCookie(local, port, remote, remotePort, cookie, syn.seq + 1, window, ourMss);
    }

    private boolean tryCookie(Segment ack, Ip4 local, Ip4 remote, int remotePort) {
        int mss = layer.cookies().decode(local.bits(), port, remote.bits(), remotePort, ack.seq - 1, ack.ack - 1);
        if (mss < 0) {
            layer.counters.syncookiesFailed++;
            return false;
        }
        if (!hasRoom()) {
            layer.counters.listenOverflows++;
            return true; // drop: the client will retransmit
        }
        layer.counters.syncookiesRecv++;
        TcpConnection c = layer.newConnection(config, local, port, remote, remotePort);
        c.openFromCookie(this, ack, mss);
        // Data or FIN in the completing ACK is processed like any segment of an established connection.
        if (ack.dataLength > 0 || ack.fin) {
            c.segmentArrives(ack);
        }
        return true;
    }

    /** A connection of ours completed its handshake. */
    void established(TcpConnection c) {
        synQueue.remove(c);
        if (closed) {
            c.abort();
            return;
        }
        if (onAccept != null) {
            deliver(c);
        } else {
            acceptQueue.addLast(c);
        }
    }

    private void deliver(TcpConnection c) {
        c.listener = null;
        onAccept.accept(c);
    }

    /** A half-open or queued connection of ours died before being accepted. */
    void embryoGone(TcpConnection c) {
        synQueue.remove(c);
        acceptQueue.remove(c);
    }

    @Override
    public String toString() {
        return "listen " + address + ":" + port;
    }
}
