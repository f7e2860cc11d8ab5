package dev.strata.trace;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A receiver of trace events: frames crossing interfaces, TCP state changes, protocol messages and free-text notes.
 *
 * <p>The stack calls sinks on its event loop, one event at a time, only after checking {@link Trace#enabled()}.
 * Arguments are borrowed: a sink reads a frame between its position and limit with absolute gets, leaves position
 * and limit as they are, and copies what it wants to keep before returning. A sink does not throw for I/O trouble
 * on the event path; it remembers the failure and reports it from {@link #flush()} or {@link #close()}.
 */
public interface TraceSink extends Closeable {

    /**
     * A link-layer frame was sent or received.
     *
     * @param timeNanos the time, in nanoseconds since the start of the run
     * @param node the node (host, router, switch) the interface belongs to
     * @param iface the interface name, e.g. {@code eth0}
     * @param direction {@link Direction#OUTBOUND} when the node sent it, {@link Direction#INBOUND} when it received it
     * @param frame the frame, from its position to its limit (an Ethernet frame without FCS)
     */
    void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame);

    /**
     * A TCP connection changed state (RFC 9293 §3.3.2).
     *
     * @param connection the connection, e.g. {@code 192.0.2.10:40000-198.51.100.20:80}
     * @param from the state left, e.g. {@code CLOSED}
     * @param to the state entered, e.g. {@code SYN-SENT}
     */
    default void tcpState(long timeNanos, String node, String connection, String from, String to) {}

    /**
     * A protocol message passed between two parties, e.g. a TLS {@code ClientHello} from Client to Server; drawn as an
     * arrow in sequence diagrams.
     */
    default void message(long timeNanos, String from, String to, String label) {}

    /** Free text about a node, e.g. {@code cwnd 14600 ssthresh 65535}. */
    default void note(long timeNanos, String node, String text) {}

    /** Pushes buffered output to its destination; throws a failure remembered since the last call. */
    default void flush() throws IOException {}

    /** Flushes and releases the sink's resources; throws a failure remembered earlier. */
    @Override
    default void close() throws IOException {}
}
