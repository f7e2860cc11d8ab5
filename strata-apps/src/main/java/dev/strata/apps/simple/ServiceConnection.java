package dev.strata.apps.simple;

import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpState;
import java.nio.ByteBuffer;

/**
 * One accepted TCP connection of a simple service: what all four services share (bookkeeping, draining what the
 * peer sends, closing at the end of the peer's stream, and the orderly stop when the host shuts down).
 */
abstract sealed class ServiceConnection implements TcpHandler
        permits EchoConnection, DiscardConnection, ChargenConnection, DaytimeConnection {

    final SimpleServices owner;
    final ServiceCounters counters;
    TcpConnection conn;
    /** The host is shutting down: our FIN is queued, and what arrives is only drained. */
    private boolean stopping;

    ServiceConnection(SimpleServices owner, ServiceCounters counters) {
        this.owner = owner;
        this.counters = counters;
    }

    /** Takes over an accepted connection. */
    final void start(TcpConnection c) {
        conn = c;
        counters.accepted++;
        c.setHandler(this);
        opened();
    }

    /** The connection was accepted: start the service's work. */
    abstract void opened();

    /** Data or the end of the stream can be read (not called once stopping). */
    abstract void onReadable();

    /** Room opened in the send buffer (not called once stopping). */
    void onWritable() {}

    @Override
    public final void readable(TcpConnection c) {
        if (stopping) {
            drain();
        } else {
            onReadable();
        }
    }

    @Override
    public final void writable(TcpConnection c) {
        if (!stopping && open()) {
            onWritable();
        }
    }

    @Override
    public final void closed(TcpConnection c, CloseReason reason) {
        owner.closed(this, reason);
    }

    /** True while data may still be written. */
    final boolean open() {
        TcpState s = conn.state();
        return s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT;
    }

    /**
     * Reads and throws away everything readable; at the end of the peer's stream closes our side (a FIN after what
     * is queued, RFC 9293 §3.10.4).
     */
    final void drain() {
        ByteBuffer scratch = owner.scratch();
        while (true) {
            scratch.clear();
            int n = conn.read(scratch);
            if (n < 0) {
                conn.close();
                return;
            }
            if (n == 0) {
                return;
            }
            counters.octetsIn += n;
        }
    }

    /** Writes as much of {@code src} as the send buffer takes, counting it; false when some is left. */
    final boolean write(ByteBuffer src) {
        int n = conn.write(src);
        counters.octetsOut += n;
        return !src.hasRemaining();
    }

    /**
     * The host is shutting down: queue our FIN after the data already written (nothing more is written), and from
     * now on only drain, so that the peer can finish its side.
     */
    final void stop() {
        if (stopping) {
            return;
        }
        stopping = true;
        conn.shutdownOutput();
        if (conn.state() != TcpState.CLOSED) {
            drain();
        }
    }

    /** True once our side is finished: the FIN was acknowledged, or the connection is gone. */
    final boolean finished() {
        TcpState s = conn.state();
        return s == TcpState.CLOSED || s == TcpState.TIME_WAIT || s == TcpState.FIN_WAIT_2;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + " " + conn;
    }
}
