package dev.strata.trace;

import java.nio.ByteBuffer;

/** A trace event kept as a value, as {@link RecordingSink} stores it. */
public sealed interface TraceEvent {

    /** When the event happened, in nanoseconds since the start of the run. */
    long timeNanos();

    /**
     * A frame sent or received; {@code frame} is a private copy.
     *
     * @param timeNanos when
     * @param node the node
     * @param iface the interface
     * @param direction sent or received
     * @param frame the frame's bytes (a copy; the array is not shared with the stack)
     */
    record Packet(long timeNanos, String node, String iface, Direction direction, byte[] frame) implements TraceEvent {
        /** The frame as a read-only buffer. */
        public ByteBuffer buffer() {
            return ByteBuffer.wrap(frame).asReadOnlyBuffer();
        }
    }

    /**
     * A TCP state change.
     *
     * @param timeNanos when
     * @param node the node
     * @param connection the connection
     * @param from the state left
     * @param to the state entered
     */
    record TcpState(long timeNanos, String node, String connection, String from, String to) implements TraceEvent {}

    /**
     * A protocol message between two parties.
     *
     * @param timeNanos when
     * @param from the sender
     * @param to the receiver
     * @param label what was sent
     */
    record Message(long timeNanos, String from, String to, String label) implements TraceEvent {}

    /**
     * Free text about a node.
     *
     * @param timeNanos when
     * @param node the node
     * @param text the text
     */
    record Note(long timeNanos, String node, String text) implements TraceEvent {}
}
