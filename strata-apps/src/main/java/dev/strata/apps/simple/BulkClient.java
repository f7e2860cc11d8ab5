package dev.strata.apps.simple;

import dev.strata.host.Host;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpState;
import dev.strata.time.Clock;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A TCP client that sends a given stream, half-closes, and digests (SHA-256) everything the peer sends back until the
 * peer closes: what {@code socat - TCP:HOST:PORT < file | sha256sum} does, on Strata's side, for the tests and
 * benchmarks that drive the simple services or a Linux peer.
 *
 * <p>Writes follow the send buffer's room ({@link TcpHandler#writable}); the data is never copied as a whole and the
 * received data is not kept, so memory stays bounded by the socket buffers. Runs on the host's event loop.
 */
public final class BulkClient implements TcpHandler {

    private final Clock clock;
    private final ByteBuffer toSend;
    private final Consumer<BulkClient> onDone;
    private final MessageDigest digest;
    private final ByteBuffer scratch = ByteBuffer.allocate(64 * 1024);
    private TcpConnection conn;
    private long sent;
    private long received;
    private long connectedAt = -1;
    private long finishedAt = -1;
    private CloseReason reason;
    private boolean halfClosed;

    private BulkClient(Clock clock, ByteBuffer toSend, Consumer<BulkClient> onDone) {
        this.clock = clock;
        this.toSend = toSend.duplicate();
        this.onDone = Objects.requireNonNull(onDone, "onDone");
        try {
            this.digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /**
     * Connects from {@code host} to {@code remote}:{@code port}, sends {@code data} (position..limit; not modified),
     * then half-closes; {@code onDone} is called once the connection has ended, on the loop.
     *
     * @throws IllegalStateException when there is no route or no free port
     */
    public static BulkClient start(Host host, Ip4 remote, int port, ByteBuffer data, Consumer<BulkClient> onDone) {
        BulkClient b = new BulkClient(host.scheduler(), data, onDone);
        b.conn = host.connect(remote, port, b);
        return b;
    }

    /**
     * Connects and sends nothing: reads until the peer closes, then closes too (the peer closes first, as a daytime
     * or a server that is being stopped does).
     */
    public static BulkClient receiveOnly(Host host, Ip4 remote, int port, Consumer<BulkClient> onDone) {
        BulkClient b = new BulkClient(host.scheduler(), ByteBuffer.allocate(0), onDone);
        b.halfClosed = true; // nothing to send, and no FIN before the peer's
        b.conn = host.connect(remote, port, b);
        return b;
    }

    /** The connection. */
    public TcpConnection connection() {
        return conn;
    }

    /** Octets taken by the send buffer so far. */
    public long sent() {
        return sent;
    }

    /** Octets received so far. */
    public long received() {
        return received;
    }

    /**
     * Why the connection ended, or null while it lasts: {@link CloseReason#NORMAL} as soon as it reaches TIME-WAIT
     * (both FINs exchanged and acknowledged) or closes normally.
     */
    public CloseReason closeReason() {
        return reason;
    }

    /** True once the connection has ended. */
    public boolean done() {
        return reason != null;
    }

    /** True once every octet was written and our FIN queued. */
    public boolean allSent() {
        return halfClosed;
    }

    /** When the handshake completed, in the loop's nanoseconds (-1 before). */
    public long connectedAt() {
        return connectedAt;
    }

    /** When the peer's FIN (or the end) arrived, in the loop's nanoseconds (-1 before). */
    public long finishedAt() {
        return finishedAt;
    }

    /** SHA-256 of everything received, in hex; call once {@link #done()}. */
    public String receivedSha256() {
        try {
            return HexFormat.of().formatHex(((MessageDigest) digest.clone()).digest());
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void connected(TcpConnection c) {
        connectedAt = now();
        pump();
    }

    @Override
    public void writable(TcpConnection c) {
        pump();
    }

    @Override
    public void readable(TcpConnection c) {
        while (true) {
            scratch.clear();
            int n = conn.read(scratch);
            if (n < 0) {
                if (finishedAt < 0) {
                    finishedAt = now();
                }
                conn.close();
                return;
            }
            if (n == 0) {
                return;
            }
            scratch.flip();
            digest.update(scratch);
            received += n;
        }
    }

    @Override
    public void stateChanged(TcpConnection c, TcpState from, TcpState to) {
        if (to == TcpState.TIME_WAIT) {
            finish(CloseReason.NORMAL); // both FINs are through; the 2 MSL wait is not part of the transfer
        }
    }

    @Override
    public void closed(TcpConnection c, CloseReason why) {
        finish(why);
    }

    private void finish(CloseReason why) {
        if (reason != null) {
            return;
        }
        reason = why;
        if (finishedAt < 0) {
            finishedAt = now();
        }
        onDone.accept(this);
    }

    private void pump() {
        if (halfClosed || reason != null) {
            return;
        }
        while (toSend.hasRemaining()) {
            int n = conn.write(toSend);
            sent += n;
            if (n == 0) {
                return; // writable() follows
            }
        }
        halfClosed = true;
        conn.shutdownOutput();
    }

    private long now() {
        return clock.nanos();
    }

    /** SHA-256 of {@code data} (position..limit), in hex, for comparing with {@link #receivedSha256()}. */
    public static String sha256(ByteBuffer data) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(data.duplicate());
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
