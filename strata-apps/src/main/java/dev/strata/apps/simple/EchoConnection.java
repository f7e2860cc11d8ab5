package dev.strata.apps.simple;

import java.nio.ByteBuffer;

/**
 * RFC 862 over TCP: "Once a connection is established any data received is sent back. This continues until the
 * calling user terminates the connection." Reading pauses while the echo cannot be written, so a slow reader fills
 * our receive window rather than memory; at the end of the peer's stream, once all is echoed, we close too.
 */
final class EchoConnection extends ServiceConnection {

    private static final int CHUNK = 16 * 1024;

    private final ByteBuffer pending = ByteBuffer.allocate(CHUNK).flip();

    EchoConnection(SimpleServices owner, ServiceCounters counters) {
        super(owner, counters);
    }

    @Override
    void opened() {
        pump();
    }

    @Override
    void onReadable() {
        pump();
    }

    @Override
    void onWritable() {
        pump();
    }

    private void pump() {
        while (open()) {
            if (pending.hasRemaining() && !write(pending)) {
                return; // writable() follows when the send buffer has room
            }
            pending.clear();
            int n = conn.read(pending);
            pending.flip();
            if (n < 0) {
                conn.close();
                return;
            }
            if (n == 0) {
                return;
            }
            counters.octetsIn += n;
        }
    }
}
