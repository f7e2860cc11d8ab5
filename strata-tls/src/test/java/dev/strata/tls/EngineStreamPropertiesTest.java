package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Application data through a connected engine pair, whatever the cut: records split or joined at any octet on the
 * wire (the engine's copy-free path for whole records and its reassembly buffer for partial ones), reads of any
 * size, heap or direct buffers, TLS 1.3 and 1.2: what comes out is exactly what went in.
 */
class EngineStreamPropertiesTest {

    private static final TlsConfig SERVER13 =
            Tls13HandshakeTest.server(Tls13HandshakeTest.EC).build();
    private static final TlsConfig CLIENT13 =
            Tls13HandshakeTest.client(Tls13HandshakeTest.EC).build();

    @Property(tries = 60)
    void bytesArriveExactlyWhateverTheChunkingAndReadSizes(
            @ForAll @IntRange(min = 0, max = 70_000) int size,
            @ForAll @IntRange(min = 1, max = 40_000) int wireChunk,
            @ForAll @IntRange(min = 1, max = 20_000) int readSize,
            @ForAll @IntRange(min = 1, max = 30_000) int writeSize,
            @ForAll boolean direct,
            @ForAll boolean tls12,
            @ForAll long seed) {
        TlsConfig server =
                tls12 ? SERVER13.toBuilder().versions(ProtocolVersion.TLS12).build() : SERVER13;
        TlsConfig client =
                tls12 ? CLIENT13.toBuilder().versions(ProtocolVersion.TLS12).build() : CLIENT13;
        TlsEngine c = TlsEngine.client(client, "server.example");
        TlsEngine s = TlsEngine.server(server);
        Loopback.pump(c, s);
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CONNECTED);

        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        for (int done = 0; done < size; ) {
            int n = Math.min(writeSize, size - done);
            ByteBuffer src = direct
                    ? ByteBuffer.allocateDirect(n)
                    : ByteBuffer.allocate(n + 7).position(3);
            src.put(data, done, n).flip().position(direct ? 0 : 3);
            c.write(src);
            assertThat(src.hasRemaining()).isFalse();
            done += n;
        }

        // The wire, cut into chunks that ignore record boundaries, each in a buffer with bytes around it.
        ByteBuffer wire = c.pollOutput();
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        ByteBuffer dst = direct ? ByteBuffer.allocateDirect(readSize) : ByteBuffer.allocate(readSize);
        while (wire.hasRemaining()) {
            int n = Math.min(wireChunk, wire.remaining());
            ByteBuffer chunk;
            if (direct) {
                chunk = ByteBuffer.allocateDirect(n);
                chunk.put(wire.slice(wire.position(), n)).flip();
            } else {
                byte[] framed = new byte[n + 10];
                wire.get(wire.position(), framed, 5, n);
                chunk = ByteBuffer.wrap(framed, 5, n);
            }
            wire.position(wire.position() + n);
            s.feed(chunk);
            assertThat(chunk.hasRemaining()).isFalse();
            drain(s, dst, got);
        }
        assertThat(s.failure()).isEmpty();
        assertThat(got.toByteArray()).isEqualTo(data);
        assertThat(s.available()).isZero();
    }

    private static void drain(TlsEngine e, ByteBuffer dst, ByteArrayOutputStream to) {
        int n;
        while ((n = e.read(dst.clear())) > 0) {
            byte[] b = new byte[n];
            dst.flip().get(b);
            to.writeBytes(b);
        }
    }
}
