package dev.strata.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A sink that draws trace events into a {@link SequenceDiagram}: protocol messages become arrows, TCP state changes
 * and notes become {@code Note over} the node, and frames become arrows when an {@link Arrows} function names them.
 *
 * <p>With a file, {@link #close()} writes the diagram to it.
 */
public final class DiagramSink implements TraceSink {

    /**
     * An arrow to draw for a frame.
     *
     * @param from the sending participant
     * @param to the receiving participant
     * @param style the arrow style ({@link SequenceDiagram.Arrow#LOST} for a frame that never arrived)
     * @param label the text on the arrow, e.g. {@code SYN seq=8633}
     */
    public record Edge(String from, String to, SequenceDiagram.Arrow style, String label) {
        /** A solid arrow. */
        public Edge(String from, String to, String label) {
            this(from, to, SequenceDiagram.Arrow.SOLID, label);
        }
    }

    /** Decides which frames become arrows, and how they are labelled. */
    @FunctionalInterface
    public interface Arrows {
        /** The arrow for this frame event, or null to draw nothing (e.g. for the receiving side's copy). */
        Edge arrow(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame);
    }

    /** What to do with a TCP state change. */
    @FunctionalInterface
    public interface States {
        /** Adds the state change to the diagram, e.g. as {@code Note over node: to}. */
        void draw(SequenceDiagram diagram, String node, String connection, String from, String to);
    }

    /** Draws a state change as {@code Note over <node>: <to>}. */
    public static final States NOTE_OVER_NODE = (d, node, connection, from, to) -> d.noteOver(node, to);

    private final SequenceDiagram diagram;
    private final Path file;
    private final Arrows arrows;
    private final States states;

    /**
     * A sink drawing into {@code diagram}.
     *
     * @param diagram the diagram to add to
     * @param file where {@link #close()} writes the diagram, or null to leave that to the caller
     * @param arrows names the frames to draw, or null to draw none
     * @param states draws TCP state changes, e.g. {@link #NOTE_OVER_NODE}, or null to draw none
     */
    public DiagramSink(SequenceDiagram diagram, Path file, Arrows arrows, States states) {
        this.diagram = Objects.requireNonNull(diagram, "diagram");
        this.file = file;
        this.arrows = arrows;
        this.states = states;
    }

    /** A sink drawing messages, notes and TCP states (as notes over the node) into {@code diagram}. */
    public DiagramSink(SequenceDiagram diagram) {
        this(diagram, null, null, NOTE_OVER_NODE);
    }

    /** The diagram drawn into. */
    public SequenceDiagram diagram() {
        return diagram;
    }

    @Override
    public void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        if (arrows != null) {
            Edge e = arrows.arrow(timeNanos, node, iface, direction, frame);
            if (e != null) {
                diagram.message(e.from(), e.to(), e.style(), e.label());
            }
        }
    }

    @Override
    public void tcpState(long timeNanos, String node, String connection, String from, String to) {
        if (states != null) {
            states.draw(diagram, node, connection, from, to);
        }
    }

    @Override
    public void message(long timeNanos, String from, String to, String label) {
        diagram.message(from, to, label);
    }

    @Override
    public void note(long timeNanos, String node, String text) {
        diagram.noteOver(node, text);
    }

    /** Writes the diagram to the file, if one was given. */
    @Override
    public void close() throws IOException {
        if (file != null) {
            diagram.writeTo(file);
        }
    }
}
