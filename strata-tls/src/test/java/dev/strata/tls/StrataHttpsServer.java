package dev.strata.tls;

import dev.strata.tls.io.TlsStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Test helper: a Strata TLS server on loopback with a tiny HTTP responder. It answers each request with a body
 * describing the session and records each connection's summary or failure.
 */
final class StrataHttpsServer implements AutoCloseable {

    private final ServerSocket listener;
    private final TlsConfig config;
    private final Thread acceptor;
    final List<SessionSummary> summaries = new CopyOnWriteArrayList<>();
    final List<String> failures = new CopyOnWriteArrayList<>();

    StrataHttpsServer(TlsConfig config) throws IOException {
        this.config = config;
        this.listener = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                s.setSoTimeout(10_000);
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                TlsStream tls = TlsStream.accept(socket, config)) {
            SessionSummary sum = tls.summary();
            summaries.add(sum);
            InputStream in = tls.getInputStream();
            ByteArrayOutputStream req = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                req.write(b);
                String r = req.toString(StandardCharsets.ISO_8859_1);
                if (r.endsWith("\r\n\r\n") || r.endsWith("\n\n")) {
                    break;
                }
            }
            String body = "strata says hello: " + sum + "\n";
            String resp = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\nContent-Length: "
                    + body.length() + "\r\n\r\n" + body;
            OutputStream out = tls.getOutputStream();
            out.write(resp.getBytes(StandardCharsets.ISO_8859_1));
            tls.closeOutbound();
            // Drain until the peer closes, so its close_notify is read.
            try {
                while (in.read() >= 0) {
                    // discard
                }
            } catch (IOException ignored) {
                // peer may cut the TCP connection after our close_notify
            }
        } catch (IOException | RuntimeException e) {
            failures.add(String.valueOf(e));
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
