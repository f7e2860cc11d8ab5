package dev.strata.trace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A sink that writes the frames it is given to pcapng files: one file with an interface per endpoint (or per link),
 * or a directory with one file per link.
 *
 * <p>Interfaces and files are created when their first frame arrives, so the output depends only on the events. The
 * endpoint-to-interface lookup is cached per (node, interface) pair, so writing a frame allocates nothing. An I/O
 * failure stops the sink and is thrown by {@link #flush()} or {@link #close()}; the event loop never sees it.
 *
 * <p>A frame traced both when one node sends it and when another receives it appears twice in a file that holds both
 * endpoints; restrict the directions with {@link #only(Direction...)} when that is unwanted (for instance so that
 * Wireshark's TCP analysis does not flag the copies as retransmissions).
 */
public final class PcapngSink implements TraceSink {

    /**
     * Names the capture interface (or, for {@link #perLink}, the file) that an endpoint's frames go to.
     *
     * <p>Returning null leaves the endpoint's frames out. Endpoints given the same name share an interface.
     */
    @FunctionalInterface
    public interface Naming {
        /** The name for interface {@code iface} of {@code node}, or null to skip it. */
        String name(String node, String iface);
    }

    /** One interface per endpoint, named {@code node.iface}, e.g. {@code client.eth0}. */
    public static final Naming ENDPOINTS = (node, iface) -> node + "." + iface;

    /** Where an endpoint's frames go; {@link #SKIP} for none. */
    private record Slot(PcapngWriter writer, int interfaceId) {}

    private static final Slot SKIP = new Slot(null, -1);

    /** Opens the writer of a file, by the file's key (a link name, or "" for the single file). */
    @FunctionalInterface
    private interface Opener {
        PcapngWriter open(String key) throws IOException;
    }

    private final Naming fileNaming;
    private final Naming interfaceNaming;
    private final Opener opener;
    private final Map<String, PcapngWriter> writers = new LinkedHashMap<>();
    private final Map<PcapngWriter, Map<String, Integer>> interfaceIds = new HashMap<>();
    private final Map<String, Map<String, Slot>> slots = new HashMap<>();
    private final boolean[] directions = {true, true, true};
    private int snapLength;
    private long epochOffsetNanos;
    private IOException failure;
    private boolean closed;

    private PcapngSink(Naming fileNaming, Naming interfaceNaming, Opener opener) {
        this.fileNaming = fileNaming;
        this.interfaceNaming = interfaceNaming;
        this.opener = opener;
    }

    /** A sink writing to one file (replaced if it exists), with one interface per endpoint. */
    public static PcapngSink toFile(Path file) throws IOException {
        return toWriter(PcapngWriter.open(file), ENDPOINTS);
    }

    /**
     * A sink writing to {@code writer}, which it closes on {@link #close()}, with interfaces named by {@code naming}
     * (e.g. {@link #ENDPOINTS}, or a map from endpoint to link name for one interface per link).
     */
    public static PcapngSink toWriter(PcapngWriter writer, Naming naming) {
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(naming, "naming");
        return new PcapngSink((node, iface) -> "", naming, key -> writer);
    }

    /**
     * A sink writing one file per link into {@code directory} (created if missing): {@code <link>.pcapng}, with
     * characters other than letters, digits, '.', '-' and '_' in the link name replaced by '_'. Inside each file
     * there is one interface per endpoint, so the sender of each frame stays visible.
     *
     * @param links names the link an endpoint is attached to, or null to leave its frames out
     */
    public static PcapngSink perLink(Path directory, Naming links) throws IOException {
        Objects.requireNonNull(links, "links");
        Files.createDirectories(directory);
        Map<String, String> fileOfLink = new HashMap<>();
        Map<String, String> linkOfFile = new HashMap<>();
        return new PcapngSink(links, ENDPOINTS, link -> {
            String file = fileOfLink.get(link);
            if (file == null) {
                String base = fileName(link);
                file = base;
                for (int n = 2; linkOfFile.containsKey(file); n++) {
                    file = base + "-" + n;
                }
                fileOfLink.put(link, file);
                linkOfFile.put(file, link);
            }
            return PcapngWriter.open(directory.resolve(file + ".pcapng"));
        });
    }

    /** Records only frames of the given directions (by default all); call before the first frame. */
    public PcapngSink only(Direction... accepted) {
        java.util.Arrays.fill(directions, false);
        for (Direction d : accepted) {
            directions[d.ordinal()] = true;
        }
        return this;
    }

    /** Stores at most {@code octets} of each frame (0, the default, for whole frames); call before the first frame. */
    public PcapngSink snapLength(int octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("negative snap length " + octets);
        }
        snapLength = octets;
        return this;
    }

    /**
     * Adds {@code nanos} to every timestamp, e.g. the wall-clock time at the start of a real-time run so that the
     * capture shows dates; the default 0 keeps simulated runs starting at the epoch.
     */
    public PcapngSink epochOffset(long nanos) {
        epochOffsetNanos = nanos;
        return this;
    }

    @Override
    public void packet(long timeNanos, String node, String iface, Direction direction, ByteBuffer frame) {
        if (failure != null || closed || !directions[direction.ordinal()]) {
            return;
        }
        try {
            Slot slot = slot(node, iface);
            if (slot != SKIP) {
                slot.writer().write(slot.interfaceId(), timeNanos + epochOffsetNanos, frame, direction);
            }
        } catch (IOException e) {
            failure = e;
        } catch (RuntimeException e) {
            // A bad argument (e.g. a time before the epoch) must not escape into the event loop either.
            failure = new IOException("pcapng sink stopped: " + e.getMessage(), e);
        }
    }

    /** The failure that stopped the sink, or null. */
    public IOException failure() {
        return failure;
    }

    @Override
    public void flush() throws IOException {
        if (failure == null && !closed) {
            try {
                for (PcapngWriter w : writers.values()) {
                    w.flush();
                }
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException first = failure;
        for (PcapngWriter w : writers.values()) {
            try {
                w.close();
            } catch (IOException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private Slot slot(String node, String iface) throws IOException {
        Map<String, Slot> ofNode = slots.get(node);
        if (ofNode == null) {
            ofNode = new HashMap<>();
            slots.put(node, ofNode);
        }
        Slot slot = ofNode.get(iface);
        if (slot == null) {
            slot = newSlot(node, iface);
            ofNode.put(iface, slot);
        }
        return slot;
    }

    private Slot newSlot(String node, String iface) throws IOException {
        String fileKey = fileNaming.name(node, iface);
        String interfaceName = interfaceNaming.name(node, iface);
        if (fileKey == null || interfaceName == null) {
            return SKIP;
        }
        PcapngWriter writer = writers.get(fileKey);
        if (writer == null) {
            writer = opener.open(fileKey);
            writers.put(fileKey, writer);
        }
        Map<String, Integer> ids = interfaceIds.computeIfAbsent(writer, w -> new HashMap<>());
        Integer id = ids.get(interfaceName);
        if (id == null) {
            id = writer.addInterface(interfaceName, LinkType.ETHERNET, snapLength);
            ids.put(interfaceName, id);
        }
        return new Slot(writer, id);
    }

    private static String fileName(String link) {
        StringBuilder sb = new StringBuilder(link.length());
        for (int i = 0; i < link.length(); i++) {
            char c = link.charAt(i);
            boolean safe = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_');
            sb.append(safe ? c : '_');
        }
        String name = sb.toString();
        return name.isEmpty() || name.startsWith(".") ? "_" + name : name;
    }
}
