package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tls.io.SocketTransport;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking adapter over socket channels: bulk data both ways, clean close, and truncation. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TlsStreamTest {

    static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    @Test
    void bulkDataOverChannelsThenCleanClose() throws Exception {
        byte[] payload = new byte[3 * 1024 * 1024 + 17];
        new Random(42).nextBytes(payload);
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<byte[]> echoed = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel ch = listener.accept();
                        TlsStream tls = TlsStream.server(
                                SocketTransport.of(ch),
                                Tls13HandshakeTest.server(Tls13HandshakeTest.EC).build())) {
                    tls.handshake();
                    byte[] got = tls.getInputStream().readAllBytes(); // until the client's close_notify
                    tls.getOutputStream().write(sha256(got));
                    tls.closeOutbound();
                    return got;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel ch = SocketChannel.open(listener.getLocalAddress());
                    TlsStream tls = TlsStream.client(
                            SocketTransport.of(ch),
                            Tls13HandshakeTest.client(Tls13HandshakeTest.EC).build(),
                            "server.example")) {
                tls.handshake();
                tls.getOutputStream().write(payload);
                tls.closeOutbound();
                InputStream in = tls.getInputStream();
                byte[] digest = in.readAllBytes();
                assertThat(digest).isEqualTo(sha256(payload));
                assertThat(in.read()).isEqualTo(-1); // a clean end, not an exception
                assertThat(tls.engine().failure()).isEmpty();
            }
            assertThat(sha256(echoed.get(20, TimeUnit.SECONDS))).isEqualTo(sha256(payload));
        }
    }

    @Test
    void aCutConnectionIsReportedAsTruncation() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> {
                try (SocketChannel ch = listener.accept()) {
                    TlsStream tls = TlsStream.server(
                            SocketTransport.of(ch),
                            Tls13HandshakeTest.server(Tls13HandshakeTest.EC).build());
                    tls.handshake();
                    tls.getOutputStream().write("half a response".getBytes());
                    // no close_notify: the TCP connection just closes
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (SocketChannel ch = SocketChannel.open(listener.getLocalAddress())) {
                TlsStream tls = TlsStream.client(
                        SocketTransport.of(ch),
                        Tls13HandshakeTest.client(Tls13HandshakeTest.EC).build(),
                        "server.example");
                tls.handshake();
                byte[] buf = new byte[100];
                int n = tls.getInputStream().read(buf);
                assertThat(new String(buf, 0, n)).isEqualTo("half a response");
                assertThatThrownBy(() -> tls.getInputStream().read(buf))
                        .isInstanceOf(TlsIOException.class)
                        .hasMessageContaining("truncated");
            }
            server.get(10, TimeUnit.SECONDS);
        }
    }
}
