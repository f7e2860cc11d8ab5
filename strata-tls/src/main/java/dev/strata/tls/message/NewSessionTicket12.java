package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/**
 * NewSessionTicket of TLS 1.2 (RFC 5077 §3.3).
 *
 * @param lifetimeHint ticket_lifetime_hint in seconds
 * @param ticket the opaque ticket
 */
public record NewSessionTicket12(long lifetimeHint, byte[] ticket) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.NEW_SESSION_TICKET;
    }

    /** Decodes a TLS 1.2 NewSessionTicket body. */
    public static NewSessionTicket12 decode(Reader r) {
        long hint = r.u32("ticket_lifetime_hint");
        byte[] ticket = r.vector(2, "ticket");
        r.expectEnd("NewSessionTicket");
        return new NewSessionTicket12(hint, ticket);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u32(lifetimeHint).vector(2, ticket);
    }

    @Override
    public String describe() {
        return "lifetime_hint=" + lifetimeHint + "s ticket=" + ticket.length + " octets";
    }
}
