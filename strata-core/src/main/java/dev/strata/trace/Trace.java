package dev.strata.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * The trace a stack reports to: a fan-out of events to zero or more {@link TraceSink sinks}.
 *
 * <p>Tracing that is off costs one field read: callers test {@link #enabled()} before building anything for an
 * event, and {@link #NONE} has no sinks.
 *
 * <pre>{@code
 * if (trace.enabled()) {
 *     trace.packet(clock.nanos(), node, iface, Direction.OUTBOUND, frame);
 * }
 * }</pre>
 */
public final class Trace implements TraceSink {

    /** The trace that goes nowhere; {@link #enabled()} is false. */
    public static final Trace NONE = new Trace(new TraceSink[0]);

    private final TraceSink[] sinks;
    private final boolean enabled;

    private Trace(TraceSink[] sinks) {
        this.sinks = sinks;
        this.enabled = sinks.length > 0;
    }

    /** A trace that hands every event to each of {@code sinks}, in the order given. */
    public static Trace of(TraceSink... sinks) {
        for (TraceSink s : sinks) {
            Objects.requireNonNull(s, "sink");
        }
        return sinks.length == 0 ? NONE : new Trace(sinks.clone());
    }

    /** True when at least one sink listens; when false, callers skip the event altogether. */
    public boolean enabled() {
        return enabled;
    }

    @Override
    public void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        for (TraceSink s : sinks) {
            s.packet(timeNanos, node, iface, direction, frame);
        }
    }

    @Override
    public void tcpState(long timeNanos, String node, String connection, String from, String to) {
        for (TraceSink s : sinks) {
            s.tcpState(timeNanos, node, connection, from, to);
        }
    }

    @Override
    public void message(long timeNanos, String from, String to, String label) {
        for (TraceSink s : sinks) {
            s.message(timeNanos, from, to, label);
        }
    }

    @Override
    public void note(long timeNanos, String node, String text) {
        for (TraceSink s : sinks) {
            s.note(timeNanos, node, text);
        }
    }

    /** Flushes every sink, then throws the first failure with the others suppressed. */
    @Override
    public void flush() throws IOException {
        IOException failure = null;
        for (TraceSink s : sinks) {
            try {
                s.flush();
            } catch (IOException e) {
                failure = chain(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes every sink, then throws the first failure with the others suppressed. */
    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (TraceSink s : sinks) {
            try {
                s.close();
            } catch (IOException e) {
                failure = chain(failure, e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static IOException chain(IOException first, IOException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }
}
