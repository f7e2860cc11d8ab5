package dev.strata.apps.simple;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * RFC 867 over TCP: "Once a connection is established the current date and time is sent out the connection as a
 * ascii character string (and any data received is thrown away). The service closes the connection after sending
 * the quote." The server closes first.
 */
final class DaytimeConnection extends ServiceConnection {

    DaytimeConnection(SimpleServices owner, ServiceCounters counters) {
        super(owner, counters);
    }

    @Override
    void opened() {
        drain();
        if (open()) {
            write(ByteBuffer.wrap(owner.daytime().getBytes(StandardCharsets.US_ASCII)));
            conn.close();
        }
    }

    @Override
    void onReadable() {
        drain();
    }
}
