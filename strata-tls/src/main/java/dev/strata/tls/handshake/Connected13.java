package dev.strata.tls.handshake;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.Role;
import dev.strata.tls.StoredSession;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.KeyUpdate;
import dev.strata.tls.message.NewSessionTicket;

/**
 * A connected TLS 1.3 session: accepts only post-handshake messages, NewSessionTicket (on a client, RFC 8446 §4.6.1)
 * and KeyUpdate (§4.6.3).
 *
 * @param role this side
 * @param suite the cipher suite
 * @param ks the key schedule
 * @param readSecret the current peer application traffic secret
 * @param writeSecret the current own application traffic secret
 * @param resumptionMasterSecret resumption_master_secret, for tickets
 * @param alpn the negotiated protocol, for stored sessions
 */
public record Connected13(
        Role role,
        CipherSuite suite,
        KeySchedule13 ks,
        byte[] readSecret,
        byte[] writeSecret,
        byte[] resumptionMasterSecret,
        String alpn)
        implements HandshakeState {

    @Override
    public boolean connected() {
        return true;
    }

    @Override
    public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
        return switch (message) {
            case NewSessionTicket t when role == Role.CLIENT -> onTicket(ctx, t);
            case KeyUpdate k -> onKeyUpdate(ctx, k);
            default -> throw HandshakeState.unexpected(this, message);
        };
    }

    private HandshakeState onTicket(HandshakeContext ctx, NewSessionTicket t) {
        if (t.lifetime() > 604800) {
            throw TlsAlertException.illegal("ticket_lifetime over 7 days");
        }
        if (ctx.config().sessionCache() != null && t.lifetime() > 0) {
            byte[] psk = ks.resumptionPsk(resumptionMasterSecret, t.nonce());
            ctx.config()
                    .sessionCache()
                    .put(
                            ClientOffer.cacheKey(ctx.serverName()),
                            new StoredSession.Tls13(
                                    t.ticket(), psk, suite, t.ageAdd(), t.lifetime(), ctx.nowMillis(), alpn));
        }
        return this;
    }

    private HandshakeState onKeyUpdate(HandshakeContext ctx, KeyUpdate k) {
        byte[] nextRead = ks.nextTrafficSecret(readSecret);
        ctx.setReadCipher(Handshakes.cipher13(ks, suite, nextRead));
        Connected13 next = new Connected13(role, suite, ks, nextRead, writeSecret, resumptionMasterSecret, alpn);
        if (k.updateRequested()) {
            // RFC 8446 §4.6.3: answer with update_not_requested before sending more data under the new key.
            return next.sendKeyUpdate(ctx, false);
        }
        return next;
    }

    /** Sends a KeyUpdate under the current key, then switches to the next write key. */
    public Connected13 sendKeyUpdate(HandshakeContext ctx, boolean requestPeer) {
        ctx.sendPostHandshake(new KeyUpdate(requestPeer));
        byte[] nextWrite = ks.nextTrafficSecret(writeSecret);
        ctx.setWriteCipher(Handshakes.cipher13(ks, suite, nextWrite));
        return new Connected13(role, suite, ks, readSecret, nextWrite, resumptionMasterSecret, alpn);
    }
}
