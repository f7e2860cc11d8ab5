package dev.strata.ip;

import dev.strata.time.Scheduler;
import dev.strata.time.Timer;
import dev.strata.wire.ChecksumPolicy;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Parsed;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reassembles fragmented datagrams (RFC 791 §3.2 "Reassembly", RFC 815 for the bookkeeping), with bounds.
 *
 * <p>Fragments are grouped by source, destination, protocol and identification. A datagram that does not complete
 * within the reassembly timeout (30 s as Linux) is dropped, and the owner is told so that it can send "fragment
 * reassembly time exceeded" if fragment zero arrived. Overlapping fragments drop the whole datagram, as Linux does
 * since 2018 (overlaps are an evasion technique, RFC 5722 makes the same choice for IPv6). The number of datagrams
 * and the octets held are bounded.
 */
final class Reassembler {

    static final long TIMEOUT_NANOS = 30_000_000_000L;
    static final int MAX_DATAGRAMS = 256;
    static final int MAX_BYTES = 4 << 20;

    private record Key(int source, int destination, int protocol, int identification) {}

    private record Piece(int offset, int length, ByteBuffer data) {}

    private final class Pending {
        final Key key;
        final List<Piece> pieces = new ArrayList<>();
        final Timer timer;
        Ipv4Packet first;
        int totalData = -1;
        int received;

        Pending(Key key) {
            this.key = key;
            this.timer = scheduler.newTimer(() -> expire(this));
        }
    }

    private final Scheduler scheduler;
    private final IpCounters counters;
    private final Consumer<Ipv4Packet> timedOut;
    private final Map<Key, Pending> pending = new HashMap<>();
    private int bytesHeld;

    Reassembler(Scheduler scheduler, IpCounters counters, Consumer<Ipv4Packet> timedOut) {
        this.scheduler = scheduler;
        this.counters = counters;
        this.timedOut = timedOut;
    }

    /** Adds a fragment; returns the whole datagram when this fragment completed it, else null. */
    Ipv4Packet add(Ipv4Packet f) {
        Key key = new Key(f.sourceBits(), f.destinationBits(), f.protocolValue(), f.identification());
        Pending d = pending.get(key);
        if (d == null) {
            if (pending.size() >= MAX_DATAGRAMS || bytesHeld + f.payloadLength() > MAX_BYTES) {
                counters.reasmFails++;
                return null;
            }
            d = new Pending(key);
            pending.put(key, d);
            d.timer.setAfter(TIMEOUT_NANOS);
        }
        int offset = f.fragmentOffsetBytes();
        int length = f.payloadLength();
        int end = offset + length;
        // Every fragment but the last carries a multiple of 8 octets (RFC 791); the whole must fit 65535.
        if ((f.moreFragments() && (length & 7) != 0)
                || end + f.headerLength() > 65535
                || (!f.moreFragments() && d.totalData >= 0 && d.totalData != end)
                || (d.totalData >= 0 && end > d.totalData)) {
            drop(d);
            return null;
        }
        for (Piece p : d.pieces) {
            if (offset < p.offset + p.length && p.offset < end) {
                drop(d);
                return null;
            }
        }
        if (bytesHeld + length > MAX_BYTES) {
            drop(d);
            return null;
        }
        if (!f.moreFragments()) {
            d.totalData = end;
            for (Piece p : d.pieces) {
                if (p.offset + p.length > end) {
                    drop(d);
                    return null;
                }
            }
        }
        ByteBuffer copy = ByteBuffer.allocate(length);
        copy.put(0, f.buffer(), f.payloadOffset(), length);
        d.pieces.add(new Piece(offset, length, copy));
        d.received += length;
        bytesHeld += length;
        if (offset == 0) {
            d.first = f;
        }
        if (d.totalData >= 0 && d.received == d.totalData && d.first != null) {
            return complete(d);
        }
        return null;
    }

    private Ipv4Packet complete(Pending d) {
        remove(d);
        Ipv4Packet first = d.first;
        ByteBuffer b = Frames.allocate(d.totalData);
        int base = b.position();
        for (Piece p : d.pieces) {
            b.put(base + p.offset, p.data, 0, p.length);
        }
        first.toHeader().withFragment(false, 0).prepend(b);
        return switch (Ipv4Packet.parse(b, ChecksumPolicy.SKIP)) {
            case Parsed.Ok<Ipv4Packet> ok -> ok.value();
            case Parsed.Malformed<Ipv4Packet> m -> {
                counters.reasmFails++;
                yield null;
            }
        };
    }

    private void expire(Pending d) {
        remove(d);
        counters.reasmFails++;
        if (d.first != null) {
            timedOut.accept(d.first);
        }
    }

    private void drop(Pending d) {
        remove(d);
        counters.reasmFails++;
    }

    private void remove(Pending d) {
        d.timer.cancel();
        pending.remove(d.key);
        bytesHeld -= d.received;
    }

    /** Datagrams being reassembled. */
    int inProgress() {
        return pending.size();
    }
}
