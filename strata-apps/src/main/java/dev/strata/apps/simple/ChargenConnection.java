package dev.strata.apps.simple;

import java.nio.ByteBuffer;

/**
 * RFC 864 over TCP: "Once a connection is established the server sends a stream of data. Any data received is
 * thrown away. The service continues until the calling user terminates the connection." The stream is the RFC's
 * rotating pattern of 72-character lines; we close when the peer does.
 */
final class ChargenConnection extends ServiceConnection {

    private final ByteBuffer pattern = ChargenPattern.stream();
    private int offset;

    ChargenConnection(SimpleServices owner, ServiceCounters counters) {
        super(owner, counters);
    }

    @Override
    void opened() {
        drain();
        fill();
    }

    @Override
    void onReadable() {
        drain();
    }

    @Override
    void onWritable() {
        fill();
    }

    private void fill() {
        while (open()) {
            ByteBuffer rest = pattern.slice(offset, pattern.capacity() - offset);
            int before = rest.remaining();
            boolean all = write(rest);
            offset = (offset + before - rest.remaining()) % pattern.capacity();
            if (!all) {
                return; // writable() follows when the send buffer has room
            }
        }
    }
}
