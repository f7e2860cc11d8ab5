package dev.strata.link;

import dev.strata.time.Clock;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A transparent learning bridge (IEEE 802.1D without spanning tree): it learns which port each source address lives
 * behind, forwards known unicast to that port only, and floods broadcast, multicast and unknown unicast.
 *
 * <p>The forwarding table is bounded; entries age out after {@code agingNanos} without traffic (802.1D's default is
 * 300 s). Topologies must be loop-free.
 */
public final class Switch {

    /** 802.1D's default ageing time. */
    public static final long DEFAULT_AGING_NANOS = 300_000_000_000L;
    /** Default bound on learned addresses. */
    public static final int DEFAULT_TABLE_SIZE = 8192;

    private static final class Entry {
        int port;
        long lastSeen;

        Entry(int port, long lastSeen) {
            this.port = port;
            this.lastSeen = lastSeen;
        }
    }

    private final String name;
    private final Clock clock;
    private final long agingNanos;
    private final int tableSize;
    private final List<NetDevice> ports = new ArrayList<>();
    private final Map<MacAddr, Entry> table = new HashMap<>();

    /** Counters of the switch. */
    public final Counters counters = new Counters();

    /** What the switch did with frames. */
    public static final class Counters {
        /** Frames forwarded to one known port. */
        public long forwarded;
        /** Frames flooded to all other ports. */
        public long flooded;
        /** Frames whose destination lives behind the port they came in on. */
        public long filtered;
        /** Frames too short to be Ethernet. */
        public long runts;
        /** Source addresses not learned because the table was full. */
        public long tableFull;

        Counters() {}
    }

    /** A switch with the default ageing time and table bound. */
    public Switch(String name, Clock clock) {
        this(name, clock, DEFAULT_AGING_NANOS, DEFAULT_TABLE_SIZE);
    }

    /** A switch with the given ageing time and table bound. */
    public Switch(String name, Clock clock, long agingNanos, int tableSize) {
        this.name = name;
        this.clock = clock;
        this.agingNanos = agingNanos;
        this.tableSize = tableSize;
    }

    /** The switch's name. */
    public String name() {
        return name;
    }

    /** Plugs a device in as the next port and returns the port number. */
    public int attach(NetDevice port) {
        int index = ports.size();
        ports.add(port);
        port.setReceiver(frame -> receive(index, frame));
        return index;
    }

    /** The ports, in the order they were attached. */
    public List<NetDevice> ports() {
        return List.copyOf(ports);
    }

    /** The port {@code mac} was last seen on, or -1 when unknown or aged out. */
    public int lookup(MacAddr mac) {
        Entry e = table.get(mac);
        if (e == null || clock.nanos() - e.lastSeen > agingNanos) {
            return -1;
        }
        return e.port;
    }

    private void receive(int inPort, ByteBuffer frame) {
        if (frame.remaining() < EthernetFrame.HEADER_LENGTH) {
            counters.runts++;
            return;
        }
        int at = frame.position();
        MacAddr src = MacAddr.read(frame, at + 6);
        MacAddr dst = MacAddr.read(frame, at);
        if (!src.isMulticast()) {
            learn(src, inPort);
        }
        int out = dst.isMulticast() ? -1 : lookup(dst);
        if (out == inPort) {
            counters.filtered++;
        } else if (out >= 0) {
            counters.forwarded++;
            ports.get(out).transmit(frame);
        } else {
            counters.flooded++;
            flood(inPort, frame);
        }
    }

    private void learn(MacAddr src, int port) {
        Entry old = table.get(src);
        if (old != null) {
            old.port = port;
            old.lastSeen = clock.nanos();
            return;
        }
        if (table.size() >= tableSize) {
            expire();
            if (table.size() >= tableSize) {
                counters.tableFull++;
                return;
            }
        }
        table.put(src, new Entry(port, clock.nanos()));
    }

    private void expire() {
        long now = clock.nanos();
        table.values().removeIf(e -> now - e.lastSeen > agingNanos);
    }

    private void flood(int inPort, ByteBuffer frame) {
        int last = -1;
        for (int p = ports.size() - 1; p >= 0; p--) {
            if (p != inPort) {
                last = p;
                break;
            }
        }
        for (int p = 0; p < ports.size(); p++) {
            if (p == inPort) {
                continue;
            }
            if (p == last) {
                ports.get(p).transmit(frame);
            } else {
                ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
                copy.put(frame.duplicate()).flip();
                ports.get(p).transmit(copy);
            }
        }
    }

    @Override
    public String toString() {
        return "switch " + name + " (" + ports.size() + " ports)";
    }
}
