package dev.strata.tls;

import dev.strata.host.Host;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpState;
import dev.strata.time.Scheduler;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * TLS over a Strata {@link TcpConnection}, on the host's event loop: a decorator with the TCP connection's own
 * non-blocking shape (lwIP's altcp idea). {@link #write}, {@link #read}, {@link #shutdownOutput} and {@link #close}
 * work on application data; {@link TlsHandler} hears connected (the handshake completed), readable, writable and
 * closed. Underneath, a {@link TlsEngine} turns the application's bytes into records and back.
 *
 * <p>Both directions are bounded by {@code bufferSize}: reading stops taking bytes from TCP while that much
 * decrypted data waits for the application (so the TCP window closes), and {@link #write} takes no more while that
 * much ciphertext waits for room in TCP's send buffer.
 *
 * <p>Endings (RFC 8446 §6.1, RFC 5246 §7.2.1): {@link #close} sends close_notify and a TCP FIN; the connection ends
 * {@link TlsCloseReason.Clean cleanly} once the peer's close_notify and FIN have arrived too. A TCP FIN without a
 * close_notify first is reported as a {@link TlsCloseReason.Truncated truncation}; a fatal alert, sent or
 * received, ends the connection at once with {@link TlsCloseReason.Failed}, after the alert was sent and a FIN
 * queued behind it. Not thread-safe: call it on the loop only.
 */
public final class TlsConnection {

    /** Default bound of each direction's buffer. */
    public static final int DEFAULT_BUFFER = 64 * 1024;

    /** Largest TCP read at once: one maximal TLS record with its header. */
    private static final int READ_CHUNK = 5 + 16384 + 256;

    private final Scheduler loop;
    private final Supplier<TlsEngine> newEngine;
    private TlsEngine engine;
    private final int bufferSize;
    private final TlsHandler handler;
    private final TcpHandler tcpHandler = new Tcp();
    private TcpConnection tcp;

    private final ByteBuffer netIn = ByteBuffer.allocate(READ_CHUNK);
    private final ArrayDeque<ByteBuffer> netOut = new ArrayDeque<>();
    private int netOutBytes;
    private int heldBeforeHandshake;

    private boolean tcpConnected;
    private boolean tcpEof;
    private boolean outputShut;
    private boolean userClosed;
    private boolean connectedAnnounced;
    private boolean eofAnnounced;
    private boolean finAnnounced;
    private boolean wantWritable;
    private boolean pumpScheduled;
    private boolean pumping;
    private boolean truncated;
    private TlsCloseReason ended;

    private TlsConnection(Scheduler loop, Supplier<TlsEngine> newEngine, TlsHandler handler, int bufferSize) {
        if (bufferSize < 1) {
            throw new IllegalArgumentException("bufferSize must be positive");
        }
        this.loop = Objects.requireNonNull(loop, "loop");
        this.newEngine = newEngine;
        this.handler = handler == null ? new TlsHandler() {} : handler;
        this.bufferSize = bufferSize;
    }

    /**
     * Opens a TCP connection from {@code host} to {@code remote}:{@code port} and runs a TLS client over it once it
     * is established.
     *
     * @param serverName the name the client expects (SNI and the certificate check), or an IP literal
     */
    public static TlsConnection connect(
            Host host,
            Ip4 remote,
            int port,
            TcpConfig tcpConfig,
            TlsConfig config,
            String serverName,
            TlsHandler handler) {
        checkClient(config);
        TlsConnection c = new TlsConnection(
                host.scheduler(), () -> TlsEngine.client(config, serverName), handler, DEFAULT_BUFFER);
        c.tcp = host.connect(remote, port, tcpConfig, c.tcpHandler);
        return c;
    }

    /**
     * A TLS client over {@code tcp}, connecting or already established; it takes over the connection's handler.
     *
     * @param loop the scheduler of the host that owns {@code tcp}
     */
    public static TlsConnection client(
            Scheduler loop, TcpConnection tcp, TlsConfig config, String serverName, TlsHandler handler) {
        checkClient(config);
        return attach(
                new TlsConnection(loop, () -> TlsEngine.client(config, serverName), handler, DEFAULT_BUFFER), tcp);
    }

    /**
     * A TLS server over an accepted {@code tcp} (from {@link dev.strata.tcp.TcpListener#onAccept}); it takes over the
     * connection's handler.
     */
    public static TlsConnection server(Scheduler loop, TcpConnection tcp, TlsConfig config, TlsHandler handler) {
        TlsEngine e = TlsEngine.server(config); // checks the configuration now
        return attach(new TlsConnection(loop, () -> e, handler, DEFAULT_BUFFER), tcp);
    }

    /** {@link #server(Scheduler, TcpConnection, TlsConfig, TlsHandler)} on {@code host}'s loop. */
    public static TlsConnection accept(Host host, TcpConnection tcp, TlsConfig config, TlsHandler handler) {
        return server(host.scheduler(), tcp, config, handler);
    }

    private static void checkClient(TlsConfig config) {
        if (config.verifier() == null) {
            throw new IllegalArgumentException("a client needs a CertificateVerifier");
        }
    }

    private static TlsConnection attach(TlsConnection c, TcpConnection tcp) {
        c.tcp = Objects.requireNonNull(tcp, "tcp");
        TcpState s = tcp.state();
        if (s.isSynchronized() && s != TcpState.CLOSED) {
            c.tcpEstablished();
        }
        tcp.setHandler(c.tcpHandler);
        c.schedulePump();
        return c;
    }

    /**
     * TCP is established: the engine starts now (a client's ClientHello is made when it can be sent, so traces show
     * it after the three-way handshake).
     */
    private void tcpEstablished() {
        tcpConnected = true;
        startEngine();
    }

    private void startEngine() {
        if (engine == null) {
            engine = newEngine.get();
        }
    }

    // ---- the application's side -----------------------------------------------------------------------------------

    /** The TCP connection underneath. */
    public TcpConnection tcp() {
        return tcp;
    }

    /** The TLS engine (its status, KeyUpdate), or null until the TCP connection is established. */
    public TlsEngine engine() {
        return engine;
    }

    /** What the handshake negotiated, or null before it completes. */
    public SessionSummary summary() {
        return engine == null ? null : engine.summary();
    }

    /** Why the connection failed, if it did. */
    public Optional<TlsFailure> failure() {
        return engine == null ? Optional.empty() : engine.failure();
    }

    /** Why the connection ended, or empty while it is open. */
    public Optional<TlsCloseReason> closeReason() {
        return Optional.ofNullable(ended);
    }

    /** Decrypted octets the application may read now. */
    public int available() {
        return engine == null ? 0 : engine.available();
    }

    /**
     * Encrypts and sends as much of {@code src} as the buffer takes; before the handshake completes the data waits
     * inside the engine. Never blocks.
     *
     * @return octets taken (0 when the buffer is full: {@link TlsHandler#writable} follows when room opens)
     * @throws IllegalStateException after {@link #close}, {@link #shutdownOutput} or the end of the connection
     */
    public int write(ByteBuffer src) {
        startEngine(); // before TCP is established the engine holds the data (and its ClientHello)
        if (userClosed || outputShut || ended != null || engine.isOutboundDone()) {
            throw new IllegalStateException("TLS connection closing" + (ended != null ? ": " + ended : ""));
        }
        int room = bufferSize - netOutBytes - heldBeforeHandshake;
        int n = Math.min(Math.max(room, 0), src.remaining());
        if (n < src.remaining()) {
            wantWritable = true;
        }
        if (n == 0) {
            return 0;
        }
        boolean handshaking = !engine.isHandshakeComplete();
        ByteBuffer part = src.slice(src.position(), n);
        src.position(src.position() + n);
        engine.write(part);
        if (handshaking) {
            heldBeforeHandshake += n;
        }
        collect(); // counted against the bound at once, also inside a callback
        if (!pumping) {
            flush(); // inside a callback, the pump flushes everything at once when the callback returns
        }
        if (engine.status() == TlsEngine.Status.FAILED) {
            schedulePump();
        }
        return n;
    }

    /**
     * Moves decrypted data into {@code dst}.
     *
     * @return octets read; 0 when nothing is waiting; -1 when nothing more will come (the peer's close_notify, or
     *     the end of the connection: {@link #closeReason()} tells which)
     */
    public int read(ByteBuffer dst) {
        if (engine == null) {
            return ended != null ? -1 : 0;
        }
        int n = engine.read(dst);
        if (n > 0) {
            if (engine.available() < bufferSize / 2 && !tcpEof) {
                schedulePump(); // room again: take more from TCP
            }
            return n;
        }
        if (engine.available() == 0 && (engine.isInboundDone() || ended != null)) {
            return -1;
        }
        return 0;
    }

    /**
     * Half-close: sends close_notify and a TCP FIN after the data written so far; reading goes on until the peer's
     * close_notify (TLS 1.3 allows the peer to go on writing, RFC 8446 §6.1).
     */
    public void shutdownOutput() {
        if (outputShut || ended != null) {
            return;
        }
        if (engine == null) {
            userClosed = true; // nothing was said yet: give up the connection attempt
            tcp.abort();
            return;
        }
        engine.closeOutbound();
        outputShut = true; // flush() sends the FIN once the close_notify is out
        if (!pumping) {
            flush();
        }
        schedulePump();
    }

    /**
     * Closes: close_notify and a TCP FIN, as {@link #shutdownOutput}; data arriving afterwards is discarded. The
     * connection ends cleanly when the peer's close_notify and FIN arrive.
     */
    public void close() {
        userClosed = true;
        shutdownOutput();
    }

    /** Abandons the connection at once: a TCP RST, no close_notify. */
    public void abort() {
        if (tcp != null) {
            tcp.abort();
        }
    }

    @Override
    public String toString() {
        return "TLS over " + tcp + " " + (engine == null ? "(waiting for TCP)" : engine.status());
    }

    // ---- the engine between TCP and the application -------------------------------------------------------------

    private void schedulePump() {
        if (!pumpScheduled) {
            pumpScheduled = true;
            loop.execute(() -> {
                pumpScheduled = false;
                pump();
            });
        }
    }

    /** Moves bytes both ways, then tells the application what changed. */
    private void pump() {
        if (pumping || tcp == null || engine == null) {
            return;
        }
        pumping = true;
        try {
            pull();
            if (!connectedAnnounced
                    && engine.isHandshakeComplete()
                    && engine.status() != TlsEngine.Status.FAILED
                    && ended == null) {
                // Told before the handshake's last flight is flushed, so that a first write joins it in one TCP
                // segment (a TLS 1.3 client's Finished and request) instead of waiting behind Nagle's algorithm.
                connectedAnnounced = true;
                handler.connected(this);
            }
            flush();
            if (ended != null) {
                return;
            }
            announce();
            flush();
            checkEnd();
        } finally {
            pumping = false;
        }
    }

    /** Reads from TCP into the engine while the application's side has room; notes the end of the stream. */
    private void pull() {
        if (!tcpConnected || tcpEof) {
            return;
        }
        while (ended != null
                || userClosed
                || engine.status() == TlsEngine.Status.FAILED
                || engine.available() < bufferSize) {
            int n = tcp.read(netIn.clear());
            if (n > 0) {
                netIn.flip();
                engine.feed(netIn); // after a failure or a close the engine ignores what comes
                if (userClosed) {
                    engine.readApplicationData(); // the application will not read again
                }
            } else {
                if (n < 0) {
                    tcpEof = true;
                    if (!engine.isInboundDone()) {
                        truncated = true;
                        engine.transportClosed(); // RFC 8446 §6.1: a FIN without close_notify is a truncation
                    }
                }
                return;
            }
        }
    }

    /** Takes the engine's output into the queue for TCP. */
    private void collect() {
        if (engine.hasOutput()) {
            ByteBuffer b = engine.pollOutput();
            if (b.hasRemaining()) {
                netOut.add(b);
                netOutBytes += b.remaining();
            }
        }
    }

    /**
     * Moves the engine's output into TCP's send buffer, as far as it takes it, in one write: records queued
     * together leave together, instead of the later ones waiting behind Nagle's algorithm.
     */
    private void flush() {
        collect();
        if (!tcpConnected) {
            return;
        }
        if (netOut.size() > 1) {
            ByteBuffer joined = ByteBuffer.allocate(netOutBytes);
            for (ByteBuffer b : netOut) {
                joined.put(b);
            }
            netOut.clear();
            netOut.add(joined.flip());
        }
        boolean wasHeld = heldBeforeHandshake > 0;
        while (!netOut.isEmpty()) {
            ByteBuffer head = netOut.peekFirst();
            int before = head.remaining();
            try {
                tcp.write(head);
            } catch (IllegalStateException e) {
                netOut.clear(); // the TCP connection is closing or gone: nothing more can be sent
                netOutBytes = 0;
                break;
            }
            netOutBytes -= before - head.remaining();
            if (head.hasRemaining()) {
                break;
            }
            netOut.pollFirst();
        }
        if (wasHeld && engine.isHandshakeComplete()) {
            heldBeforeHandshake = 0;
        }
        if (outputShut && netOut.isEmpty()) {
            TcpState s = tcp.state();
            if (s == TcpState.ESTABLISHED || s == TcpState.CLOSE_WAIT) {
                tcp.shutdownOutput();
            }
        }
    }

    private void announce() {
        TlsEngine.Status st = engine.status();
        if (!userClosed) {
            if (engine.available() > 0) {
                handler.readable(this); // also data authenticated before a truncation: the end says it was cut
            } else if (engine.isInboundDone() && !eofAnnounced && st != TlsEngine.Status.FAILED) {
                eofAnnounced = true;
                finAnnounced = tcpEof;
                handler.readable(this);
            } else if (eofAnnounced && tcpEof && !finAnnounced && st != TlsEngine.Status.FAILED) {
                finAnnounced = true; // the TCP FIN after the close_notify: told too, so a server can close in turn
                handler.readable(this);
            }
        }
        if (wantWritable
                && engine.isHandshakeComplete()
                && !outputShut
                && bufferSize - netOutBytes > 0
                && engine.status() == TlsEngine.Status.CONNECTED) {
            wantWritable = false;
            handler.writable(this);
        }
    }

    /** Ends the connection when TLS is over: a failure at once, a clean close once both sides closed. */
    private void checkEnd() {
        if (ended != null) {
            return;
        }
        if (engine.status() == TlsEngine.Status.FAILED) {
            TlsFailure f = engine.failure().orElseThrow();
            flush();
            finishTcp();
            end(truncated ? new TlsCloseReason.Truncated(f) : new TlsCloseReason.Failed(f));
        } else if (engine.isOutboundDone() && engine.isInboundDone() && tcpEof && netOut.isEmpty()) {
            finishTcp();
            end(new TlsCloseReason.Clean());
        }
    }

    /** Sends our FIN after what is queued, and marks the TCP connection closed by its user. */
    private void finishTcp() {
        userClosed = true;
        outputShut = true;
        if (tcpConnected && tcp.state() != TcpState.CLOSED) {
            drainTcp();
            tcp.close();
        } else if (!tcpConnected && tcp.state() != TcpState.CLOSED) {
            tcp.abort(); // the handshake never got a TCP connection to speak on
        }
    }

    private void drainTcp() {
        while (tcp.read(netIn.clear()) > 0) {
            // discard: the TLS connection is over, and unread data would turn our FIN into a RST
        }
    }

    private void end(TlsCloseReason reason) {
        ended = reason;
        handler.closed(this, reason);
    }

    /** The TCP callbacks, all turned into pumps. */
    private final class Tcp implements TcpHandler {
        @Override
        public void connected(TcpConnection c) {
            tcpEstablished();
            pump();
        }

        @Override
        public void readable(TcpConnection c) {
            tcpEstablished();
            if (ended != null) {
                drainTcp();
                return;
            }
            pump();
        }

        @Override
        public void writable(TcpConnection c) {
            pump();
        }

        @Override
        public void closed(TcpConnection c, CloseReason reason) {
            if (ended != null) {
                return;
            }
            if (engine == null) {
                end(new TlsCloseReason.Aborted(reason)); // TCP never got established
                return;
            }
            if (engine.status() == TlsEngine.Status.CLOSED
                    || engine.isInboundDone()
                            && engine.isOutboundDone()
                            && engine.failure().isEmpty()) {
                end(new TlsCloseReason.Clean());
                return;
            }
            if (engine.status() != TlsEngine.Status.FAILED) {
                engine.transportClosed();
                truncated = reason == CloseReason.NORMAL;
            }
            if (reason == CloseReason.NORMAL && engine.failure().isPresent()) {
                end(
                        truncated
                                ? new TlsCloseReason.Truncated(engine.failure().get())
                                : new TlsCloseReason.Failed(engine.failure().get()));
            } else {
                end(new TlsCloseReason.Aborted(reason));
            }
        }
    }
}
