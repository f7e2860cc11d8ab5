package dev.strata.ip;

import dev.strata.wire.Ipv4Header;
import dev.strata.wire.Ipv4Option;
import dev.strata.wire.Ipv4Options;
import dev.strata.wire.Ipv4Packet;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Splits a datagram into fragments that fit an MTU, by the procedure of RFC 791 §3.2 ("Fragmentation"). */
final class Fragmenter {

    private Fragmenter() {}

    /**
     * The fragments of {@code p} for a link of {@code mtu}, each a buffer with headroom positioned at its IP header.
     * A datagram that is itself a fragment is split further, keeping its offset and its MF flag on the last piece.
     */
    static List<ByteBuffer> fragment(Ipv4Packet p, int mtu) {
        Ipv4Header h = p.toHeader();
        // Only options with the "copied" flag go into every fragment (RFC 791 §3.1, option type octet).
        List<Ipv4Option> copied = new ArrayList<>();
        for (Ipv4Option o : h.options().list()) {
            if (o instanceof Ipv4Option.Other other && other.copied()) {
                copied.add(o);
            }
        }
        Ipv4Options laterOptions = copied.isEmpty() ? Ipv4Options.NONE : Ipv4Options.of(copied);
        int dataLength = p.payloadLength();
        int baseOffset = p.fragmentOffsetBytes();
        List<ByteBuffer> out = new ArrayList<>();
        int done = 0;
        while (done < dataLength) {
            Ipv4Header fh = done == 0 ? h : h.withOptions(laterOptions);
            int room = (mtu - fh.length()) & ~7;
            if (room <= 0) {
                throw new IllegalArgumentException("MTU " + mtu + " too small to fragment into");
            }
            int chunk = Math.min(room, dataLength - done);
            boolean last = done + chunk == dataLength;
            boolean mf = !last || p.moreFragments();
            ByteBuffer b = Frames.allocate(chunk);
            b.put(b.position(), p.buffer(), p.payloadOffset() + done, chunk);
            fh.withFragment(mf, (baseOffset + done) / 8).prepend(b);
            out.add(b);
            done += chunk;
        }
        return out;
    }
}
