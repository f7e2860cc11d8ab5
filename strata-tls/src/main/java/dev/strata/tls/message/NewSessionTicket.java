package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.List;

/**
 * NewSessionTicket of TLS 1.3 (RFC 8446 §4.6.1).
 *
 * @param lifetime ticket_lifetime in seconds (at most 604800)
 * @param ageAdd ticket_age_add, which obscures the ticket age on the wire
 * @param nonce ticket_nonce, input to the PSK derivation
 * @param ticket the opaque ticket
 * @param extensions the extensions
 */
public record NewSessionTicket(long lifetime, long ageAdd, byte[] nonce, byte[] ticket, List<Extension> extensions)
        implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    /** Decodes a TLS 1.3 NewSessionTicket body. */
    public static NewSessionTicket decode(Reader r) {
        long lifetime = r.u32("ticket_lifetime");
        long ageAdd = r.u32("ticket_age_add");
        byte[] nonce = r.vector(1, "ticket_nonce");
        byte[] ticket = r.vector(2, 1, 0xFFFF, "ticket");
        List<Extension> ext = Extensions.decode(r, "NewSessionTicket");
        r.expectEnd("NewSessionTicket");
        return new NewSessionTicket(lifetime, ageAdd, nonce, ticket, ext);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u32(lifetime).u32(ageAdd).vector(1, nonce).vector(2, ticket);
        Extensions.encode(w, extensions);
    }

    @Override
    public String describe() {
        return "lifetime=" + lifetime + "s ticket=" + ticket.length + " octets";
    }
}
