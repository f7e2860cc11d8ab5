package dev.strata.apps.simple;

/**
 * RFC 863 over TCP: "Once a connection is established any data received is thrown away. No response is sent. This
 * continues until the calling user terminates the connection."
 */
final class DiscardConnection extends ServiceConnection {

    DiscardConnection(SimpleServices owner, ServiceCounters counters) {
        super(owner, counters);
    }

    @Override
    void opened() {
        drain();
    }

    @Override
    void onReadable() {
        drain();
    }
}
