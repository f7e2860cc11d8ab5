package dev.strata.trace;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A sink that keeps every event in memory, for tests: frames are copied, so the stack may reuse its buffers.
 *
 * <p>Memory grows with the events; use it for bounded runs.
 */
public final class RecordingSink implements TraceSink {

    private final List<TraceEvent> events = new ArrayList<>();

    /** An empty recording. */
    public RecordingSink() {}

    @Override
    public void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        byte[] copy = new byte[frame.remaining()];
        frame.get(frame.position(), copy);
        events.add(new TraceEvent.Packet(timeNanos, node, iface, direction, copy));
    }

    @Override
    public void tcpState(long timeNanos, String node, String connection, String from, String to) {
        events.add(new TraceEvent.TcpState(timeNanos, node, connection, from, to));
    }

    @Override
    public void message(long timeNanos, String from, String to, String label) {
        events.add(new TraceEvent.Message(timeNanos, from, to, label));
    }

    @Override
    public void note(long timeNanos, String node, String text) {
        events.add(new TraceEvent.Note(timeNanos, node, text));
    }

    /** Every event so far, in order (a snapshot). */
    public List<TraceEvent> events() {
        return List.copyOf(events);
    }

    /** The packet events so far, in order. */
    public List<TraceEvent.Packet> packets() {
        return ofType(TraceEvent.Packet.class);
    }

    /** The TCP state changes so far, in order. */
    public List<TraceEvent.TcpState> tcpStates() {
        return ofType(TraceEvent.TcpState.class);
    }

    /** The events of one type so far, in order. */
    public <E extends TraceEvent> List<E> ofType(Class<E> type) {
        List<E> out = new ArrayList<>();
        for (TraceEvent e : events) {
            if (type.isInstance(e)) {
                out.add(type.cast(e));
            }
        }
        return List.copyOf(out);
    }

    /** Forgets the events recorded so far. */
    public void clear() {
        events.clear();
    }
}
