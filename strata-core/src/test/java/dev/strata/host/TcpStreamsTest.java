package dev.strata.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.tcp.TcpConfig;
import dev.strata.time.RealTimeLoop;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.security.MessageDigest;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The blocking streams over Strata TCP, with two hosts on a real-time loop and callers on other threads. */
@Timeout(60)
class TcpStreamsTest {

    private final RealTimeLoop loop = new RealTimeLoop("streams-test").start();
    private Host client;
    private Host server;

    TcpStreamsTest() throws Exception {
        loop.run(() -> {
            client = new Host("client", loop, new SplittableRandom(1));
            server = new Host("server", loop, new SplittableRandom(2));
            Link l = new Link(
                    "l",
                    loop,
                    LinkParams.IDEAL,
                    LinkParams.IDEAL,
                    new SplittableRandom(3),
                    new SplittableRandom(4),
                    new Link.End.Spec("client.eth0", MacAddr.local(1), 1500),
                    new Link.End.Spec("server.eth0", MacAddr.local(2), 1500));
            client.addInterface("eth0", l.a(), Ip4Interface.parse("192.0.2.10/24"));
            server.addInterface("eth0", l.b(), Ip4Interface.parse("192.0.2.20/24"));
        });
    }

    @AfterEach
    void stop() throws InterruptedException {
        loop.shutdown();
        loop.join();
    }

    @Test
    void megabytesEchoedThroughBlockingStreamsArriveIntact() throws Exception {
        // The server echoes with blocking streams on its own thread, as a thread-per-connection server would.
        AtomicReference<Throwable> serverError = new AtomicReference<>();
        loop.run(() -> server.listen(7).onAccept(c -> {
            TcpStreams s = TcpStreams.attach(loop, c);
            Thread.ofVirtual().start(() -> {
                try (s) {
                    s.input().transferTo(s.output());
                    s.output().close();
                } catch (IOException | RuntimeException e) {
                    serverError.set(e);
                }
            });
        }));
        byte[] data = new byte[5_000_000];
        new Random(1).nextBytes(data);
        TcpStreams s = TcpStreams.connect(loop, client, Ip4.parse("192.0.2.20"), 7, TcpConfig.DEFAULT, 5000);
        Thread writer = Thread.ofVirtual().start(() -> {
            try (OutputStream out = s.output()) {
                out.write(data);
            } catch (IOException e) {
                serverError.set(e);
            }
        });
        byte[] back;
        try (InputStream in = s.input()) {
            back = in.readAllBytes();
        }
        writer.join();
        assertThat(serverError.get()).isNull();
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        assertThat(sha.digest(back)).isEqualTo(sha.digest(data));
    }

    @Test
    void connectingToAClosedPortIsRefused() {
        assertThatThrownBy(() -> TcpStreams.connect(loop, client, Ip4.parse("192.0.2.20"), 9, TcpConfig.DEFAULT, 5000))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("refused");
    }

    @Test
    void aResetSurfacesAsAnIOException() throws Exception {
        loop.run(() -> server.listen(7).onAccept(c -> c.abort()));
        TcpStreams s = TcpStreams.connect(loop, client, Ip4.parse("192.0.2.20"), 7, TcpConfig.DEFAULT, 5000);
        assertThatThrownBy(() -> s.input().read())
                .isInstanceOf(IOException.class)
                .hasMessageContaining("reset");
    }
}
