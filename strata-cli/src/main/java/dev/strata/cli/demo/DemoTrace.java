package dev.strata.cli.demo;

import dev.strata.link.Link;
import dev.strata.sim.Simulation;
import dev.strata.trace.DiagramSink;
import dev.strata.trace.PacketLabel;
import dev.strata.trace.PacketLog;
import dev.strata.trace.PcapngSink;
import dev.strata.trace.SequenceDiagram;
import dev.strata.trace.TextSink;
import dev.strata.trace.Trace;
import dev.strata.trace.TraceSink;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The outputs a demo asked for, wired to a simulation: the per-packet text trace, pcapng (one file, or one per link)
 * and the Mermaid diagram, whose arrows go from the node that sent each frame to the node at the link's other end.
 */
final class DemoTrace implements AutoCloseable {

    private final DemoOptions options;
    private final List<TraceSink> sinks = new ArrayList<>();
    private final Map<String, String> linkOfEnd = new HashMap<>();
    private final Map<String, String> peerOfEnd = new HashMap<>();
    private final SequenceDiagram diagram = new SequenceDiagram();
    private TextSink text;
    private DiagramSink drawing;
    final Trace trace;

    /**
     * Opens the outputs; call once the topology is built, so that per-link files know their links.
     *
     * @param participants the diagram's participants in display order
     */
    DemoTrace(Simulation sim, DemoOptions options, PrintStream out, List<String> participants) throws IOException {
        this.options = options;
        for (Link l : sim.links()) {
            linkOfEnd.put(l.a().name(), l.name());
            linkOfEnd.put(l.b().name(), l.name());
            peerOfEnd.put(l.a().name(), node(l.b().name()));
            peerOfEnd.put(l.b().name(), node(l.a().name()));
        }
        if (!options.quiet) {
            text = new TextSink(out, new PacketLog(false));
            sinks.add(text);
        }
        if (options.pcap != null) {
            sinks.add(PcapngSink.toFile(options.pcap));
        }
        if (options.pcapDir != null) {
            sinks.add(PcapngSink.perLink(options.pcapDir, (node, iface) -> linkOfEnd.get(node + "." + iface)));
        }
        if (options.mermaid != null) {
            for (String p : participants) {
                diagram.participant(p);
            }
            drawing = new DiagramSink(
                    diagram,
                    options.mermaid,
                    (t, node, iface, dir, frame) -> {
                        String to = peerOfEnd.get(node + "." + iface);
                        return to == null ? null : new DiagramSink.Edge(node, to, PacketLabel.of(frame));
                    },
                    DiagramSink.NOTE_OVER_NODE);
            sinks.add(drawing);
        }
        this.trace = Trace.of(sinks.toArray(TraceSink[]::new));
        sim.trace(trace);
    }

    private static String node(String endLabel) {
        int dot = endLabel.indexOf('.');
        return dot < 0 ? endLabel : endLabel.substring(0, dot);
    }

    /**
     * A protocol message above the frames (a TLS handshake message, application data): the diagram draws an arrow
     * labelled {@code label}, the text trace prints {@code label} followed by {@code detail}.
     */
    void message(long timeNanos, String from, String to, String label, String detail) {
        if (drawing != null) {
            drawing.message(timeNanos, from, to, label);
        }
        if (text != null) {
            text.message(timeNanos, from, to, detail.isEmpty() ? label : label + "  " + detail);
        }
    }

    /** A line in the text trace only (the diagram stays uncluttered). */
    void textNote(long timeNanos, String node, String line) {
        if (text != null) {
            text.note(timeNanos, node, line);
        }
    }

    /** Flushes and closes every file. */
    @Override
    public void close() throws IOException {
        trace.close();
    }

    /** Lines naming the files written, for the end of the demo's output. */
    List<String> filesWritten() {
        List<String> out = new ArrayList<>();
        if (options.pcap != null) {
            out.add("pcapng: " + options.pcap + "  (open in Wireshark, or: tshark -r " + options.pcap + ")");
        }
        if (options.pcapDir != null) {
            out.add("pcapng per link: " + options.pcapDir + "/");
        }
        if (options.mermaid != null) {
            out.add("diagram: " + options.mermaid + "  (Mermaid sequenceDiagram)");
        }
        return out;
    }
}
