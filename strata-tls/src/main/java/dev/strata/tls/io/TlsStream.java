package dev.strata.tls.io;

import dev.strata.tls.SessionSummary;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.TlsEngine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;

/**
 * A blocking TLS connection over any {@link ByteStreamTransport}: the sans-I/O {@link TlsEngine} plus the loop that
 * moves bytes. One thread may read while another writes; engine calls are serialised on the engine.
 *
 * <p>Reads return -1 only after the peer's close_notify; a transport that ends without one raises a
 * {@link TlsIOException} naming the truncation.
 */
public final class TlsStream implements AutoCloseable {

    private final TlsEngine engine;
    private final ByteStreamTransport transport;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private final ByteBuffer netIn = ByteBuffer.allocate(32 * 1024);
    private final Input input = new Input();
    private final Output output = new Output();

    private TlsStream(TlsEngine engine, ByteStreamTransport transport) {
        this.engine = engine;
        this.transport = transport;
    }

    /** A client connection over {@code transport} to {@code serverName}; call {@link #handshake()} next. */
    public static TlsStream client(ByteStreamTransport transport, TlsConfig config, String serverName) {
        return new TlsStream(TlsEngine.client(config, serverName), transport);
    }

    /** A server connection over {@code transport}; call {@link #handshake()} next. */
    public static TlsStream server(ByteStreamTransport transport, TlsConfig config) {
        return new TlsStream(TlsEngine.server(config), transport);
    }

    /** A client over a connected socket, handshake done. */
    public static TlsStream connect(Socket socket, TlsConfig config, String serverName) throws IOException {
        TlsStream s = client(SocketTransport.of(socket), config, serverName);
        s.handshake();
        return s;
    }

    /** A server over an accepted socket, handshake done. */
    public static TlsStream accept(Socket socket, TlsConfig config) throws IOException {
        TlsStream s = server(SocketTransport.of(socket), config);
        s.handshake();
        return s;
    }

    /** The engine (for its summary, failure and KeyUpdate). */
    public TlsEngine engine() {
        return engine;
    }

    /** The summary once the handshake is complete. */
    public SessionSummary summary() {
        synchronized (engine) {
            return engine.summary();
        }
    }

    /** Runs the handshake to completion. */
    public void handshake() throws IOException {
        sendPending();
        while (true) {
            synchronized (engine) {
                if (engine.isHandshakeComplete()) {
                    return;
                }
                throwIfFailed();
            }
            if (!pull()) {
                throwIfFailedNow();
                throw new IOException("transport closed during the handshake");
            }
        }
    }

    private void throwIfFailed() throws TlsIOException {
        if (engine.status() == TlsEngine.Status.FAILED) {
            throw new TlsIOException(engine.failure().orElseThrow());
        }
    }

    private void throwIfFailedNow() throws IOException {
        sendPending();
        synchronized (engine) {
            throwIfFailed();
        }
    }

    /** Reads from the transport once and feeds the engine; false at end of stream. */
    private boolean pull() throws IOException {
        synchronized (readLock) {
            netIn.clear();
            int n;
            try {
                n = transport.read(netIn);
            } catch (IOException e) {
                synchronized (engine) {
                    engine.transportClosed();
                }
                throw e;
            }
            if (n < 0) {
                synchronized (engine) {
                    engine.transportClosed();
                }
                sendPending();
                return false;
            }
            netIn.flip();
            synchronized (engine) {
                engine.feed(netIn);
            }
        }
        sendPending();
        return true;
    }

    /** Sends whatever the engine has queued. */
    private void sendPending() throws IOException {
        synchronized (writeLock) {
            ByteBuffer b;
            synchronized (engine) {
                if (!engine.hasOutput()) {
                    return;
                }
                b = engine.pollOutput();
            }
            transport.write(b);
        }
    }

    /** The decrypted application data. */
    public InputStream getInputStream() {
        return input;
    }

    /** Application data to encrypt and send. */
    public OutputStream getOutputStream() {
        return output;
    }

    /** Sends a TLS 1.3 KeyUpdate and switches keys; with {@code requestPeer} the peer updates its keys too. */
    public void keyUpdate(boolean requestPeer) throws IOException {
        synchronized (engine) {
            try {
                engine.requestKeyUpdate(requestPeer);
            } catch (IllegalStateException e) {
                throw new IOException(e.getMessage(), e);
            }
            throwIfFailed();
        }
        sendPending();
    }

    /** Sends close_notify and closes the transport's sending side; reading may go on. */
    public void closeOutbound() throws IOException {
        synchronized (engine) {
            engine.closeOutbound();
        }
        sendPending();
        try {
            transport.shutdownOutput();
        } catch (IOException ignored) {
            // the peer may already have closed
        }
    }

    /** Sends close_notify (if not sent) and closes the transport. */
    @Override
    public void close() throws IOException {
        try {
            synchronized (engine) {
                engine.closeOutbound();
            }
            sendPending();
        } catch (IOException ignored) {
            // best effort: the transport may be gone
        } finally {
            transport.close();
        }
    }

    private final class Input extends InputStream {
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
            while (true) {
                synchronized (engine) {
                    if (engine.available() > 0) {
                        return engine.read(ByteBuffer.wrap(b, off, len));
                    }
                    throwIfFailed();
                    if (engine.isInboundDone()) {
                        return -1;
                    }
                }
                if (!pull()) {
                    synchronized (engine) {
                        if (engine.available() > 0) {
                            continue;
                        }
                        throwIfFailed();
                        return -1;
                    }
                }
            }
        }

        @Override
        public int available() {
            synchronized (engine) {
                return engine.available();
            }
        }
    }

    private final class Output extends OutputStream {
        @Override
        public void flush() throws IOException {
            sendPending();
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (engine) {
                throwIfFailed();
                try {
                    engine.write(ByteBuffer.wrap(b, off, len));
                } catch (IllegalStateException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            sendPending();
        }
    }
}
