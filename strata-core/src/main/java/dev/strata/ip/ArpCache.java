package dev.strata.ip;

import dev.strata.time.Scheduler;
import dev.strata.time.Timer;
import dev.strata.wire.ArpHeader;
import dev.strata.wire.ArpOp;
import dev.strata.wire.ArpPacket;
import dev.strata.wire.Ip4;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The neighbour cache of one interface: IPv4 to MAC resolution by ARP (RFC 826), with the states and timers a real
 * stack keeps.
 *
 * <p>An unknown address becomes INCOMPLETE: a broadcast request goes out, packets for it wait in a small bounded
 * queue, and the request is repeated once per retransmit interval (RFC 1122 §2.3.2.1) until a reply or the retry
 * limit, when the waiting packets are handed back as undeliverable. A reply makes the entry REACHABLE for a
 * randomized reachable time, after which it turns STALE: still used, but the next use sends a unicast request to
 * confirm it (PROBE), and an entry nobody confirms is removed.
 */
public final class ArpCache {

    /** The state of an entry, after Linux's neighbour states. */
    public enum State {
        /** Resolution under way; packets wait. */
        INCOMPLETE,
        /** Confirmed recently. */
        REACHABLE,
        /** Not confirmed lately; still used, confirmed on next use. */
        STALE,
        /** A unicast request was sent to confirm a stale entry. */
        PROBE
    }

    /** Where the cache sends frames and reports failures; implemented by the interface that owns it. */
    interface Port {
        /** Sends an ARP message (the Ethernet header is added by the port). */
        void sendArp(MacAddr destination, ArpHeader arp);

        /** Sends a queued IP packet now that its next hop's MAC is known. */
        void sendResolved(MacAddr destination, ByteBuffer ipPacket);

        /** Gives back packets whose next hop could not be resolved. */
        void unresolved(Ip4 nextHop, List<ByteBuffer> ipPackets);
    }

    private final class Entry {
        final Ip4 ip;
        MacAddr mac;
        State state;
        int requests;
        final ArrayDeque<ByteBuffer> pending = new ArrayDeque<>(2);
        final Timer timer = scheduler.newTimer(this::timeout);

        Entry(Ip4 ip) {
            this.ip = ip;
        }

        void timeout() {
            switch (state) {
                case INCOMPLETE, PROBE -> {
                    if (requests >= params.maxRequests()) {
                        fail(this);
                    } else {
                        request(this);
                    }
                }
                case REACHABLE -> {
                    state = State.STALE;
                    timer.setAfter(params.staleNanos());
                }
                case STALE -> remove(this);
            }
        }
    }

    /** Counters of the cache. */
    public static final class Counters {
        /** Requests sent. */
        public long requestsSent;
        /** Replies sent. */
        public long repliesSent;
        /** Requests received. */
        public long requestsReceived;
        /** Replies received. */
        public long repliesReceived;
        /** Resolutions that gave up. */
        public long failures;
        /** Packets dropped because an entry's queue was full (the oldest is dropped). */
        public long queueDrops;
        /** Packets dropped because the cache was full. */
        public long tableFull;

        Counters() {}
    }

    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final ArpParams params;
    private final MacAddr ownMac;
    private final Port port;
    private final Map<Ip4, Entry> entries = new HashMap<>();
    /** The entry {@link #send} used last, while it is in the table: consecutive packets share their next hop. */
    private Entry lastSent;

    private Ip4 ownIp;

    /** Counters of this cache. */
    public final Counters counters = new Counters();

    ArpCache(Scheduler scheduler, RandomGenerator random, ArpParams params, MacAddr ownMac, Ip4 ownIp, Port port) {
        this.scheduler = scheduler;
        this.random = random;
        this.params = params;
        this.ownMac = ownMac;
        this.ownIp = ownIp;
        this.port = port;
    }

    void setOwnIp(Ip4 ip) {
        this.ownIp = ip;
    }

    /** The MAC a resolved entry holds for {@code ip}, or null. */
    public MacAddr lookup(Ip4 ip) {
        Entry e = entries.get(ip);
        return e == null || e.state == State.INCOMPLETE ? null : e.mac;
    }

    /** The state of the entry for {@code ip}, or null when there is none. */
    public State state(Ip4 ip) {
        Entry e = entries.get(ip);
        return e == null ? null : e.state;
    }

    /** Number of entries. */
    public int size() {
        return entries.size();
    }

    /** Adds a permanent-looking entry (as {@code ip neigh replace}): reachable now, aged as usual. */
    public void put(Ip4 ip, MacAddr mac) {
        confirm(ip, mac, true);
    }

    /**
     * Sends {@code ipPacket} to {@code nextHop}, resolving its MAC first when needed; the cache owns the buffer.
     */
    void send(Ip4 nextHop, ByteBuffer ipPacket) {
        Entry e = lastSent;
        if (e == null || e.ip.bits() != nextHop.bits()) {
            e = entries.get(nextHop);
        }
        if (e != null) {
            lastSent = e;
            switch (e.state) {
                case REACHABLE, PROBE -> port.sendResolved(e.mac, ipPacket);
                case STALE -> {
                    port.sendResolved(e.mac, ipPacket);
                    e.state = State.PROBE;
                    e.requests = 0;
                    request(e);
                }
                case INCOMPLETE -> enqueue(e, ipPacket);
            }
            return;
        }
        if (entries.size() >= params.maxEntries() && !evictOne()) {
            counters.tableFull++;
            port.unresolved(nextHop, List.of(ipPacket));
            return;
        }
        e = new Entry(nextHop);
        e.state = State.INCOMPLETE;
        entries.put(nextHop, e);
        enqueue(e, ipPacket);
        request(e);
    }

    /**
     * The MAC to send to {@code nextHop} right now, with the bookkeeping {@link #send} does (a STALE entry starts a
     * probe), or null when it is not known yet: then only {@link #send} can take the packet, and queue it.
     */
    MacAddr usableMac(Ip4 nextHop) {
        Entry e = lastSent;
        if (e == null || e.ip.bits() != nextHop.bits()) {
            e = entries.get(nextHop);
        }
        if (e == null) {
            return null;
        }
        lastSent = e;
        return switch (e.state) {
            case REACHABLE, PROBE -> e.mac;
            case STALE -> {
                e.state = State.PROBE;
                e.requests = 0;
                request(e);
                yield e.mac;
            }
            case INCOMPLETE -> null;
        };
    }

    private void enqueue(Entry e, ByteBuffer packet) {
        if (e.pending.size() >= params.maxPending()) {
            e.pending.pollFirst();
            counters.queueDrops++;
        }
        e.pending.addLast(packet);
    }

    private void request(Entry e) {
        e.requests++;
        counters.requestsSent++;
        // A first resolution broadcasts; confirming a known entry asks its owner directly (RFC 1122 §2.3.2.1).
        MacAddr dst = e.state == State.PROBE ? e.mac : MacAddr.BROADCAST;
        port.sendArp(dst, ArpHeader.request(ownMac, ownIp, e.ip));
        e.timer.setAfter(params.retransmitNanos());
    }

    private void fail(Entry e) {
        counters.failures++;
        remove(e);
        if (!e.pending.isEmpty()) {
            List<ByteBuffer> dropped = new ArrayList<>(e.pending);
            e.pending.clear();
            port.unresolved(e.ip, dropped);
        }
    }

    private void remove(Entry e) {
        e.timer.cancel();
        entries.remove(e.ip, e);
        if (lastSent == e) {
            lastSent = null;
        }
    }

    private boolean evictOne() {
        Entry victim = null;
        for (Entry e : entries.values()) {
            if (e.state == State.STALE && (victim == null || e.timer.deadline() < victim.timer.deadline())) {
                victim = e;
            }
        }
        if (victim == null) {
            return false;
        }
        remove(victim);
        return true;
    }

    /**
     * Processes a received ARP packet by the algorithm of RFC 826 ("Packet Reception"): update the sender's entry if
     * there is one; if the target is us, add the sender and answer a request.
     */
    void receive(ArpPacket arp) {
        boolean isRequest = arp.operation().equals(ArpOp.REQUEST);
        if (isRequest) {
            counters.requestsReceived++;
        } else {
            counters.repliesReceived++;
        }
        Ip4 sender = arp.senderProtocolAddress();
        if (sender.isUnspecified() || sender.equals(ownIp)) {
            return; // an address probe (RFC 5227), or a conflict: never cache our own address
        }
        boolean forUs = arp.targetProtocolAddress().equals(ownIp);
        boolean merged = entries.containsKey(sender);
        if (merged || forUs) {
            confirm(sender, arp.senderHardwareAddress(), forUs || !isRequest);
        }
        if (forUs && isRequest) {
            counters.repliesSent++;
            port.sendArp(arp.senderHardwareAddress(), ArpHeader.replyTo(arp, ownMac));
        }
    }

    private void confirm(Ip4 ip, MacAddr mac, boolean reachable) {
        Entry e = entries.get(ip);
        if (e == null) {
            if (entries.size() >= params.maxEntries() && !evictOne()) {
                counters.tableFull++;
                return;
            }
            e = new Entry(ip);
            entries.put(ip, e);
            e.state = State.STALE;
        }
        e.mac = mac;
        if (reachable || e.state == State.INCOMPLETE) {
            e.state = State.REACHABLE;
            e.requests = 0;
            long base = params.reachableNanos();
            e.timer.setAfter(base / 2 + random.nextLong(base));
        } else if (!e.timer.isPending()) {
            e.timer.setAfter(params.staleNanos());
        }
        while (!e.pending.isEmpty()) {
            port.sendResolved(mac, e.pending.pollFirst());
        }
    }

    /** Entries as {@code ip neigh} would list them, sorted by address. */
    public List<String> describe() {
        return entries.values().stream()
                .sorted((a, b) -> a.ip.compareTo(b.ip))
                .map(e -> e.ip + (e.mac == null ? "" : " lladdr " + e.mac) + " " + e.state)
                .toList();
    }
}
