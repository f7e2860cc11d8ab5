package dev.strata.tls.message;

import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;

/** The pre_shared_key extension (RFC 8446 §4.2.11) in its ClientHello (offer) and ServerHello (selection) forms. */
public final class PreSharedKeyExtension {

    private PreSharedKeyExtension() {}

    /**
     * One PskIdentity.
     *
     * @param identity the ticket
     * @param obfuscatedTicketAge the ticket age in milliseconds plus ticket_age_add, mod 2^32
     */
    public record Identity(byte[] identity, long obfuscatedTicketAge) {}

    /**
     * The OfferedPsks of a ClientHello.
     *
     * @param identities the offered identities
     * @param binders one binder per identity
     * @param bindersLength the length of the encoded binders list including its 2-octet prefix, which the partial
     *     transcript for the binder leaves out (RFC 8446 §4.2.11.2)
     */
    public record Offer(List<Identity> identities, List<byte[]> binders, int bindersLength) {}

    /** Encodes an offer. */
    public static byte[] encodeOffer(List<Identity> identities, List<byte[]> binders) {
        Writer w = new Writer();
        int mark = w.open(2);
        for (Identity id : identities) {
            w.vector(2, id.identity()).u32(id.obfuscatedTicketAge());
        }
        w.close(mark);
        mark = w.open(2);
        for (byte[] b : binders) {
            w.vector(1, b);
        }
        w.close(mark);
        return w.toByteArray();
    }

    /** The length of the binders list (with its prefix) for binders of the given lengths. */
    public static int bindersLength(List<byte[]> binders) {
        int n = 2;
        for (byte[] b : binders) {
            n += 1 + b.length;
        }
        return n;
    }

    /** Decodes an offer; identities and binders must be non-empty and equal in number. */
    public static Offer decodeOffer(byte[] data) {
        Reader r = Reader.of(data);
        Reader ids = r.sub(2, "identities");
        List<Identity> identities = new ArrayList<>();
        while (!ids.isEmpty()) {
            identities.add(new Identity(ids.vector(2, 1, 0xFFFF, "identity"), ids.u32("obfuscated_ticket_age")));
        }
        int bindersStart = r.position();
        Reader bs = r.sub(2, "binders");
        List<byte[]> binders = new ArrayList<>();
        while (!bs.isEmpty()) {
            binders.add(bs.vector(1, 32, 255, "PskBinderEntry"));
        }
        int bindersLength = r.position() - bindersStart;
        r.expectEnd("pre_shared_key");
        if (identities.isEmpty() || identities.size() != binders.size()) {
            throw TlsAlertException.illegal(identities.size() + " PSK identities with " + binders.size() + " binders");
        }
        return new Offer(List.copyOf(identities), List.copyOf(binders), bindersLength);
    }

    /** Decodes the ServerHello form: the selected identity index. */
    public static int decodeSelected(byte[] data) {
        Reader r = Reader.of(data);
        int v = r.u16("selected_identity");
        r.expectEnd("pre_shared_key");
        return v;
    }
}
