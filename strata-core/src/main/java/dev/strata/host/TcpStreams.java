package dev.strata.host;

import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.wire.Ip4;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking facade over a TCP connection, for code running outside the host's event loop (a virtual thread, a
 * test, a TLS library that wants streams): an {@link InputStream} and an {@link OutputStream} whose calls are handed
 * to the loop as tasks.
 *
 * <p>Both directions are bounded: reading stops pulling from the connection while {@code bufferSize} octets wait for
 * the reader (so the TCP window closes, as with a kernel socket), and a writer blocks while {@code bufferSize} octets
 * wait for room in the send buffer. Errors (reset, timeout) surface as {@link IOException}s.
 */
public final class TcpStreams implements AutoCloseable {

    /** Default bound of each direction's buffer. */
    public static final int DEFAULT_BUFFER = 256 * 1024;

    private final Executor loop;
    private final int bufferSize;
    private final Object lock = new Object();
    private TcpConnection connection;

    // Guarded by lock: data taken from the connection and not yet read by the user.
    private final ArrayDeque<byte[]> incoming = new ArrayDeque<>();
    private int incomingBytes;
    private int headOffset;
    private boolean eof;
    // Guarded by lock: data written by the user and not yet taken by the connection.
    private final ArrayDeque<ByteBuffer> outgoing = new ArrayDeque<>();
    private int outgoingBytes;
    private boolean outputShut;
    private IOException failure;
    private boolean closed;

    private final InputStream in = new In();
    private final OutputStream out = new Out();

    private TcpStreams(Executor loop, int bufferSize) {
        this.loop = loop;
        this.bufferSize = bufferSize;
    }

    /**
     * Connects from {@code host} to {@code remote}:{@code port}, blocking until the handshake completes or fails.
     *
     * @param loop the host's event loop (e.g. a {@link dev.strata.time.RealTimeLoop})
     * @throws ConnectException when the peer refuses or the handshake times out
     */
    public static TcpStreams connect(Executor loop, Host host, Ip4 remote, int port, TcpConfig config, long timeoutMs)
            throws IOException {
        TcpStreams s = new TcpStreams(loop, DEFAULT_BUFFER);
        CompletableFuture<TcpConnection> done = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                s.connection = host.connect(remote, port, config, s.handler(done));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new ConnectException(
                    "connect to " + remote + ":" + port + ": " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            loop.execute(() -> s.connection.abort());
            throw new SocketTimeoutException("connect to " + remote + ":" + port + " timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while connecting");
        }
        return s;
    }

    /**
     * Streams over an established connection; call on the loop (e.g. from a listener's accept callback). The
     * connection's handler is replaced.
     */
    public static TcpStreams attach(Executor loop, TcpConnection connection) {
        TcpStreams s = new TcpStreams(loop, DEFAULT_BUFFER);
        s.connection = connection;
        connection.setHandler(s.handler(null));
        return s;
    }

    /** The input stream; {@code read} blocks until data, the end of the stream, or an error. */
    public InputStream input() {
        return in;
    }

    /** The output stream; {@code write} blocks while the buffer is full; {@code close} sends a FIN. */
    public OutputStream output() {
        return out;
    }

    /** The connection (use it only on the loop). */
    public TcpConnection connection() {
        return connection;
    }

    /** Closes both directions (a FIN after the queued data). */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            outputShut = true;
            lock.notifyAll();
        }
        loop.execute(() -> {
            pump();
            connection.close();
        });
    }

    // ---- on the loop -------------------------------------------------------------------------------------------

    private TcpHandler handler(CompletableFuture<TcpConnection> connected) {
        return new TcpHandler() {
            @Override
            public void connected(TcpConnection c) {
                if (connected != null) {
                    connected.complete(c);
                }
                pump();
            }

            @Override
            public void readable(TcpConnection c) {
                pull();
            }

            @Override
            public void writable(TcpConnection c) {
                pump();
            }

            @Override
            public void closed(TcpConnection c, CloseReason reason) {
                if (connected != null && !connected.isDone()) {
                    connected.completeExceptionally(
                            new IOException("connection " + reason.name().toLowerCase()));
                }
                pull(); // data read before the end stays readable
                synchronized (lock) {
                    if (reason != CloseReason.NORMAL && failure == null) {
                        failure = new SocketException(
                                "connection " + reason.name().toLowerCase());
                    }
                    eof = true;
                    lock.notifyAll();
                }
            }
        };
    }

    /** Moves data from the connection to the reader, up to the bound. */
    private void pull() {
        while (true) {
            int room;
            synchronized (lock) {
                room = bufferSize - incomingBytes;
            }
            if (room <= 0) {
                return;
            }
            ByteBuffer b = ByteBuffer.allocate(Math.min(room, 64 * 1024));
            int n = connection.read(b);
            synchronized (lock) {
                if (n < 0) {
                    eof = true;
                    lock.notifyAll();
                    return;
                }
                if (n == 0) {
                    return;
                }
                byte[] chunk = new byte[n];
                b.flip().get(chunk);
                incoming.addLast(chunk);
                incomingBytes += n;
                lock.notifyAll();
            }
        }
    }

    /** Moves data from the writer to the connection, as far as the send buffer takes it. */
    private void pump() {
        if (connection == null || !connection.state().isSynchronized()) {
            return;
        }
        boolean shut;
        synchronized (lock) {
            while (!outgoing.isEmpty()) {
                ByteBuffer head = outgoing.peekFirst();
                int before = head.remaining();
                try {
                    connection.write(head);
                } catch (IllegalStateException e) {
                    failure = new SocketException("connection closing: " + e.getMessage());
                    outgoing.clear();
                    outgoingBytes = 0;
                    lock.notifyAll();
                    return;
                }
                outgoingBytes -= before - head.remaining();
                if (head.hasRemaining()) {
                    break;
                }
                outgoing.pollFirst();
            }
            lock.notifyAll();
            shut = outputShut && outgoing.isEmpty() && !closed;
        }
        if (shut) {
            connection.shutdownOutput();
        }
    }

    // ---- the user's side ---------------------------------------------------------------------------------------

    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            int n = 0;
            synchronized (lock) {
                while (incoming.isEmpty() && !eof) {
                    awaitLocked();
                }
                if (incoming.isEmpty()) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                while (n < len && !incoming.isEmpty()) {
                    byte[] head = incoming.peekFirst();
                    int take = Math.min(len - n, head.length - headOffset);
                    System.arraycopy(head, headOffset, b, off + n, take);
                    n += take;
                    headOffset += take;
                    if (headOffset == head.length) {
                        incoming.pollFirst();
                        headOffset = 0;
                    }
                }
                incomingBytes -= n;
            }
            loop.execute(TcpStreams.this::pull); // room opened: take more from the connection
            return n;
        }

        @Override
        public int available() {
            synchronized (lock) {
                return incomingBytes;
            }
        }

        @Override
        public void close() {
            TcpStreams.this.close();
        }
    }

    private final class Out extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int chunk;
                synchronized (lock) {
                    while (outgoingBytes >= bufferSize && failure == null && !outputShut) {
                        awaitLocked();
                    }
                    if (failure != null) {
                        throw failure;
                    }
                    if (outputShut) {
                        throw new SocketException("output is shut down");
                    }
                    chunk = Math.min(len, bufferSize - outgoingBytes);
                    outgoing.addLast(ByteBuffer.wrap(java.util.Arrays.copyOfRange(b, off, off + chunk)));
                    outgoingBytes += chunk;
                }
                loop.execute(TcpStreams.this::pump);
                off += chunk;
                len -= chunk;
            }
        }

        /** Blocks until everything written was taken by the connection's send buffer. */
        @Override
        public void flush() throws IOException {
            synchronized (lock) {
                while (outgoingBytes > 0 && failure == null) {
                    awaitLocked();
                }
                if (failure != null) {
                    throw failure;
                }
            }
        }

        /** Shuts the output down: a FIN follows the data written (the input stays open). */
        @Override
        public void close() {
            synchronized (lock) {
                if (outputShut) {
                    return;
                }
                outputShut = true;
                lock.notifyAll();
            }
            loop.execute(TcpStreams.this::pump);
        }
    }

    private void awaitLocked() throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted");
        }
    }
}
