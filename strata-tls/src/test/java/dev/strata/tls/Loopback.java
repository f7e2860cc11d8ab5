package dev.strata.tls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Test helper: moves bytes between two engines in memory until neither has anything to say. */
final class Loopback {

    private Loopback() {}

    /** Pumps until quiet; returns the number of flights moved. */
    static int pump(TlsEngine a, TlsEngine b) {
        return pump(a, b, Integer.MAX_VALUE);
    }

    /** Pumps, delivering output in chunks of at most {@code chunk} bytes (records split across reads). */
    static int pump(TlsEngine a, TlsEngine b, int chunk) {
        int flights = 0;
        for (int i = 0; i < 100; i++) {
            boolean moved = move(a, b, chunk) | move(b, a, chunk);
            if (!moved) {
                return flights;
            }
            flights++;
        }
        throw new AssertionError("engines did not go quiet");
    }

    private static boolean move(TlsEngine from, TlsEngine to, int chunk) {
        if (!from.hasOutput()) {
            return false;
        }
        ByteBuffer out = from.pollOutput();
        while (out.hasRemaining()) {
            int n = Math.min(chunk, out.remaining());
            ByteBuffer part = out.slice(out.position(), n);
            out.position(out.position() + n);
            to.feed(part);
        }
        return true;
    }

    /** A listener that collects events. */
    static final class Recorder implements HandshakeListener {
        final List<HandshakeEvent> events = new ArrayList<>();
        SessionSummary completed;
        TlsFailure failed;

        @Override
        public void onMessage(HandshakeEvent event) {
            events.add(event);
        }

        @Override
        public void onComplete(Role role, SessionSummary summary) {
            completed = summary;
        }

        @Override
        public void onFailure(Role role, TlsFailure failure) {
            failed = failure;
        }

        List<String> names() {
            return events.stream().map(e -> (e.sent() ? ">" : "<") + e.name()).toList();
        }
    }
}
