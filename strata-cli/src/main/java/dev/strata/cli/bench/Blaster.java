package dev.strata.cli.bench;

import dev.strata.host.Host;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpState;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A Strata TCP client that writes zeros as fast as the send buffer takes them until a deadline on the host's clock,
 * then half-closes and waits for the peer to close: the sending side of the Strata-to-Linux throughput run.
 */
final class Blaster implements TcpHandler {

    private final ByteBuffer chunk = ByteBuffer.allocate(64 * 1024).asReadOnlyBuffer();
    private final Host host;
    private final long durationNanos;
    private final Consumer<Blaster> onDone;
    private TcpConnection conn;
    private long written;
    private CloseReason reason;
    private boolean finished;
    private long deadline = Long.MAX_VALUE;

    private Blaster(Host host, long durationNanos, Consumer<Blaster> onDone) {
        this.host = host;
        this.durationNanos = durationNanos;
        this.onDone = onDone;
    }

    /** Connects and sends for {@code nanos} after the handshake; {@code onDone} is called when the peer closed. */
    static Blaster start(Host host, Ip4 remote, int port, long nanos, Consumer<Blaster> onDone) {
        Blaster b = new Blaster(host, nanos, onDone);
        b.conn = host.connect(remote, port, b);
        return b;
    }

    long written() {
        return written;
    }

    CloseReason reason() {
        return reason;
    }

    @Override
    public void connected(TcpConnection c) {
        deadline = host.scheduler().nanos() + durationNanos;
        host.scheduler().schedule(durationNanos, this::pump); // ends the run even if no writable() comes
        pump();
    }

    @Override
    public void writable(TcpConnection c) {
        pump();
    }

    private void pump() {
        if (finished || reason != null) {
            return;
        }
        if (host.scheduler().nanos() >= deadline) {
            finished = true;
            conn.shutdownOutput();
            return;
        }
        while (true) {
            int n = conn.write(chunk.clear());
            written += n;
            if (n < chunk.capacity()) {
                return; // writable() follows when there is room
            }
        }
    }

    @Override
    public void readable(TcpConnection c) {
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (true) {
            int n = c.read(b.clear());
            if (n < 0) {
                c.close();
                return;
            }
            if (n == 0) {
                return;
            }
        }
    }

    @Override
    public void stateChanged(TcpConnection c, TcpState from, TcpState to) {
        if (to == TcpState.TIME_WAIT) {
            closed(c, CloseReason.NORMAL);
        }
    }

    @Override
    public void closed(TcpConnection c, CloseReason why) {
        if (reason == null) {
            reason = why;
            onDone.accept(this);
        }
    }
}
