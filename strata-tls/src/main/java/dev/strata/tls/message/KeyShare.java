package dev.strata.tls.message;

import dev.strata.tls.NamedGroup;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The key_share extension (RFC 8446 §4.2.8) in its three forms: ClientHello, ServerHello and HelloRetryRequest. */
public final class KeyShare {

    private KeyShare() {}

    /**
     * One KeyShareEntry.
     *
     * @param group the group
     * @param keyExchange the encoded public value (or, for a KEM, the encapsulation key or ciphertext)
     */
    public record Entry(NamedGroup group, byte[] keyExchange) {}

    /** Encodes the ClientHello form: a list of entries. */
    public static byte[] encodeClient(List<Entry> entries) {
        Writer w = new Writer();
        int mark = w.open(2);
        for (Entry e : entries) {
            w.u16(e.group().value()).vector(2, e.keyExchange());
        }
        w.close(mark);
        return w.toByteArray();
    }

    /** Decodes the ClientHello form; a group offered twice is illegal_parameter (RFC 8446 §4.2.8). */
    public static List<Entry> decodeClient(byte[] data) {
        Reader r = Reader.of(data);
        Reader list = r.sub(2, "client_shares");
        r.expectEnd("key_share");
        List<Entry> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (!list.isEmpty()) {
            NamedGroup g = NamedGroup.of(list.u16("group"));
            byte[] key = list.vector(2, 1, 0xFFFF, "key_exchange");
            if (!seen.add(g.value())) {
                throw TlsAlertException.illegal("key_share offers " + g + " twice");
            }
            out.add(new Entry(g, key));
        }
        return List.copyOf(out);
    }

    /** Encodes the ServerHello form: one entry. */
    public static byte[] encodeServer(Entry entry) {
        return new Writer()
                .u16(entry.group().value())
                .vector(2, entry.keyExchange())
                .toByteArray();
    }

    /** Decodes the ServerHello form. */
    public static Entry decodeServer(byte[] data) {
        Reader r = Reader.of(data);
        NamedGroup g = NamedGroup.of(r.u16("group"));
        byte[] key = r.vector(2, 1, 0xFFFF, "key_exchange");
        r.expectEnd("key_share");
        return new Entry(g, key);
    }

    /** Decodes the HelloRetryRequest form: the selected group. */
    public static NamedGroup decodeRetry(byte[] data) {
        Reader r = Reader.of(data);
        NamedGroup g = NamedGroup.of(r.u16("selected_group"));
        r.expectEnd("key_share");
        return g;
    }
}
