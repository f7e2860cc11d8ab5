package dev.strata.tls.handshake;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.StoredSession;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.message.AlpnExtension;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.KeyShare;
import dev.strata.tls.message.PreSharedKeyExtension;
import dev.strata.tls.message.ServerNameExtension;
import dev.strata.tls.message.U16Lists;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a client offered in its ClientHello, and the code that builds one (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2).
 *
 * @param random the client random
 * @param sessionId legacy_session_id (32 random octets in middlebox compatibility mode or with a TLS 1.2 ticket)
 * @param shares the ephemeral keys whose public values went into key_share
 * @param resumption13 the TLS 1.3 ticket offered in pre_shared_key, or null
 * @param resumption12 the TLS 1.2 ticket offered in session_ticket, or null
 * @param hello the ClientHello as sent
 * @param retried true for the ClientHello answering a HelloRetryRequest
 * @param ccsSent true when the middlebox-compatibility ChangeCipherSpec was already sent
 */
public record ClientOffer(
        byte[] random,
        byte[] sessionId,
        List<KeyShares.Ephemeral> shares,
        StoredSession.Tls13 resumption13,
        StoredSession.Tls12 resumption12,
        ClientHello hello,
        boolean retried,
        boolean ccsSent) {

    /** The share for {@code group}, or null. */
    public KeyShares.Ephemeral share(NamedGroup group) {
        for (KeyShares.Ephemeral e : shares) {
            if (e.group().equals(group)) {
                return e;
            }
        }
        return null;
    }

    /** The session cache key for a server name. */
    static String cacheKey(String serverName) {
        return serverName == null ? "" : serverName;
    }

    /**
     * Builds, sends and returns the first ClientHello: fresh random and session id, key shares for the configured
     * groups, and a ticket from the session cache when one is fresh.
     */
    static ClientOffer first(HandshakeContext ctx) {
        TlsConfig cfg = ctx.config();
        byte[] random = new byte[32];
        ctx.random().nextBytes(random);
        ctx.setClientRandom(random);
        StoredSession.Tls13 r13 = null;
        StoredSession.Tls12 r12 = null;
        if (cfg.sessionCache() != null) {
            StoredSession s = cfg.sessionCache().get(cacheKey(ctx.serverName()));
            if (s != null && !s.expiredAt(ctx.nowMillis()) && cfg.cipherSuites().contains(s.cipherSuite())) {
                if (s instanceof StoredSession.Tls13 t && cfg.enables(ProtocolVersion.TLS13)) {
                    r13 = t;
                } else if (s instanceof StoredSession.Tls12 t && cfg.enables(ProtocolVersion.TLS12)) {
                    r12 = t;
                }
            }
        }
        boolean tls13 = cfg.enables(ProtocolVersion.TLS13);
        byte[] sessionId = new byte[0];
        if ((tls13 && cfg.middleboxCompatibility()) || r12 != null) {
            sessionId = new byte[32];
            ctx.random().nextBytes(sessionId);
        }
        List<KeyShares.Ephemeral> shares = new ArrayList<>();
        if (tls13) {
            for (NamedGroup g : cfg.keyShareGroups()) {
                shares.add(KeyShares.generate(g, ctx.random()));
            }
        }
        ClientOffer offer = new ClientOffer(random, sessionId, List.copyOf(shares), r13, r12, null, false, false);
        return offer.send(ctx, null);
    }

    /** Builds the ClientHello for this offer (with {@code cookie} after a HelloRetryRequest), sends it. */
    ClientOffer send(HandshakeContext ctx, byte[] cookie) {
        TlsConfig cfg = ctx.config();
        boolean tls13 = cfg.enables(ProtocolVersion.TLS13);
        boolean tls12 = cfg.enables(ProtocolVersion.TLS12);
        List<CipherSuite> suites = new ArrayList<>();
        if (tls13) {
            suites.addAll(cfg.tls13Suites());
        }
        if (tls12) {
            suites.addAll(cfg.tls12Suites());
        }
        List<Extension> ext = new ArrayList<>();
        String sni = ctx.serverName();
        if (sni != null && !Handshakes.isIpLiteral(sni)) {
            ext.add(new Extension(ExtensionType.SERVER_NAME, ServerNameExtension.encode(sni)));
        }
        if (tls12) {
            ext.add(new Extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0}));
        }
        List<NamedGroup> groups = tls13
                ? cfg.groups()
                : cfg.groups().stream().filter(NamedGroup::isEcdhe12).toList();
        ext.add(new Extension(ExtensionType.SUPPORTED_GROUPS, U16Lists.encodeGroups(groups)));
        if (tls12 && (cfg.sessionCache() != null)) {
            ext.add(new Extension(
                    ExtensionType.SESSION_TICKET, resumption12 != null ? resumption12.ticket() : new byte[0]));
        }
        ext.add(new Extension(ExtensionType.SIGNATURE_ALGORITHMS, U16Lists.encodeSchemes(cfg.signatureSchemes())));
        if (!cfg.alpn().isEmpty()) {
            ext.add(new Extension(ExtensionType.ALPN, AlpnExtension.encode(cfg.alpn())));
        }
        if (tls12) {
            ext.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
            // RFC 5746 §3.4: an initial ClientHello carries an empty renegotiation_info.
            ext.add(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}));
        }
        if (tls13) {
            List<dev.strata.tls.ProtocolVersion> versions = new ArrayList<>();
            versions.add(ProtocolVersion.TLS13);
            if (tls12) {
                versions.add(ProtocolVersion.TLS12);
            }
            ext.add(new Extension(ExtensionType.SUPPORTED_VERSIONS, U16Lists.encodeVersions(versions)));
            if (cookie != null) {
                ext.add(new Extension(ExtensionType.COOKIE, cookie));
            }
            if (cfg.sessionCache() != null) {
                // psk_dhe_ke (1) only: resumption always runs a fresh (EC)DHE (RFC 8446 §4.2.9).
                ext.add(new Extension(ExtensionType.PSK_KEY_EXCHANGE_MODES, new byte[] {1, 1}));
            }
            ext.add(new Extension(
                    ExtensionType.KEY_SHARE,
                    KeyShare.encodeClient(shares.stream()
                            .map(e -> new KeyShare.Entry(e.group(), e.publicValue()))
                            .toList())));
        }
        ClientHello ch =
                new ClientHello(0x0303, random, sessionId, List.copyOf(suites), new byte[] {0}, List.copyOf(ext));
        if (tls13 && resumption13 != null) {
            ch = withBinder(ctx, ch, resumption13);
        }
        ctx.send(ch);
        return new ClientOffer(random, sessionId, shares, resumption13, resumption12, ch, retried, ccsSent);
    }

    /**
     * Appends pre_shared_key with the ticket and its binder: HMAC over the transcript so far and the ClientHello up to
     * the binders (RFC 8446 §4.2.11.2).
     */
    private static ClientHello withBinder(HandshakeContext ctx, ClientHello ch, StoredSession.Tls13 session) {
        KeySchedule13 ks = new KeySchedule13(session.cipherSuite().hash());
        long age = (ctx.nowMillis() - session.receivedAtMillis() + session.ageAdd()) & 0xFFFFFFFFL;
        List<PreSharedKeyExtension.Identity> ids = List.of(new PreSharedKeyExtension.Identity(session.ticket(), age));
        List<byte[]> dummy = List.of(new byte[ks.hash().length()]);
        List<Extension> ext = new ArrayList<>(ch.extensions());
        ext.add(new Extension(ExtensionType.PRE_SHARED_KEY, PreSharedKeyExtension.encodeOffer(ids, dummy)));
        ClientHello partial = withExtensions(ch, ext);
        byte[] enc = partial.encode();
        byte[] truncated = Arrays.copyOf(enc, enc.length - PreSharedKeyExtension.bindersLength(dummy));
        byte[] binderKey = ks.resumptionBinderKey(ks.earlySecret(session.psk()));
        byte[] binder = ks.finishedVerifyData(binderKey, ctx.transcript().hashWith(ks.hash(), truncated));
        ext.set(
                ext.size() - 1,
                new Extension(ExtensionType.PRE_SHARED_KEY, PreSharedKeyExtension.encodeOffer(ids, List.of(binder))));
        return withExtensions(ch, ext);
    }

    private static ClientHello withExtensions(ClientHello ch, List<Extension> ext) {
        return new ClientHello(
                ch.legacyVersion(),
                ch.random(),
                ch.sessionId(),
                ch.cipherSuites(),
                ch.compressionMethods(),
                List.copyOf(ext));
    }

    /** The offer after a HelloRetryRequest: one new share for {@code group}, the ticket kept if its hash fits. */
    ClientOffer retry(NamedGroup group, CipherSuite suite, boolean ccs, HandshakeContext ctx) {
        StoredSession.Tls13 r =
                resumption13 != null && resumption13.cipherSuite().hash() == suite.hash() ? resumption13 : null;
        return new ClientOffer(
                random,
                sessionId,
                List.of(KeyShares.generate(group, ctx.random())),
                r,
                resumption12,
                hello,
                true,
                ccsSent || ccs);
    }
}
