package dev.strata.bench;

import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import java.nio.ByteBuffer;

/**
 * An application that writes {@code total} octets of a fixed pattern to its connection in writes of at most
 * {@code chunkSize} octets, as fast as the send buffer takes them: after a short write it waits for
 * {@link #writable}. With a send buffer holding a whole number of chunks, a chunk goes in whole or not at all (as
 * ns-3's BulkSendApplication writes).
 */
public final class BulkSource implements TcpHandler {
    private final ByteBuffer chunk;
    private long left;

    /** A source of {@code total} octets in chunks of {@code chunkSize}. */
    public BulkSource(long total, int chunkSize) {
        this.left = total;
        this.chunk = ByteBuffer.allocate(chunkSize);
        for (int i = 0; i < chunkSize; i++) {
            chunk.put(i, (byte) (i * 31 + 7));
        }
    }

    @Override
    public void connected(TcpConnection c) {
        feed(c);
    }

    @Override
    public void writable(TcpConnection c) {
        feed(c);
    }

    private void feed(TcpConnection c) {
        while (left > 0) {
            int n = (int) Math.min(chunk.capacity(), left);
            int taken = c.write(chunk.clear().limit(n));
            left -= taken;
            if (taken < n) {
                return; // the buffer is full: writable() follows when the peer acknowledges
            }
        }
    }
}
