package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.CertifiedKey;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.ClientAuth;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.KeyLog;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.Role;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.crypto.Signatures;
import dev.strata.tls.message.AlpnExtension;
import dev.strata.tls.message.CertificateMessage;
import dev.strata.tls.message.CertificateRequest;
import dev.strata.tls.message.CertificateVerify;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.EncryptedExtensions;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.Finished;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.KeyShare;
import dev.strata.tls.message.NewSessionTicket;
import dev.strata.tls.message.PreSharedKeyExtension;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.message.ServerNameExtension;
import dev.strata.tls.message.U16Lists;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The TLS 1.3 server handshake (RFC 8446 §2, §A.2), and the version decision for every ClientHello: a client that
 * does not offer TLS 1.3 is handed to {@link ServerStates12}.
 */
public sealed interface ServerStates13 extends HandshakeState {

    /** Waiting for the first ClientHello. */
    record ExpectClientHello() implements ServerStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ClientHello ch -> onClientHello(ctx, ch, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }

        private HandshakeState onClientHello(HandshakeContext ctx, ClientHello ch, byte[] raw) {
            TlsConfig cfg = ctx.config();
            ctx.setClientRandom(ch.random());
            Extension sv = ch.extension(ExtensionType.SUPPORTED_VERSIONS);
            List<ProtocolVersion> offered = sv != null ? U16Lists.decodeVersions(sv.data()) : List.of();
            if (offered.contains(ProtocolVersion.TLS13) && cfg.enables(ProtocolVersion.TLS13)) {
                ctx.setVersion(ProtocolVersion.TLS13);
                return negotiate(ctx, ch, raw, null);
            }
            boolean offers12 = sv != null ? offered.contains(ProtocolVersion.TLS12) : ch.legacyVersion() >= 0x0303;
            if (offers12 && cfg.enables(ProtocolVersion.TLS12)) {
                ctx.setVersion(ProtocolVersion.TLS12);
                return ServerStates12.onClientHello(ctx, ch, raw);
            }
            throw new TlsAlertException(
                    AlertDescription.PROTOCOL_VERSION,
                    "client offers " + (sv != null ? offered : ProtocolVersion.of(ch.legacyVersion()))
                            + "; Strata speaks " + cfg.versions());
        }
    }

    /**
     * Waiting for the ClientHello that answers a HelloRetryRequest.
     *
     * @param suite the suite the HelloRetryRequest selected
     * @param group the group it asked a share for
     * @param firstSessionId the first ClientHello's legacy_session_id
     * @param ccsSent whether the compatibility ChangeCipherSpec went out with the HelloRetryRequest
     */
    record ExpectSecondClientHello(CipherSuite suite, NamedGroup group, byte[] firstSessionId, boolean ccsSent)
            implements ServerStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ClientHello ch -> {
                    if (!Arrays.equals(ch.sessionId(), firstSessionId)
                            || !ch.cipherSuites().contains(suite)) {
                        throw TlsAlertException.illegal(
                                "second ClientHello changed the session id or dropped the suite");
                    }
                    Extension ks = ch.extension(ExtensionType.KEY_SHARE);
                    List<KeyShare.Entry> shares = ks == null ? List.of() : KeyShare.decodeClient(ks.data());
                    if (shares.size() != 1 || !shares.getFirst().group().equals(group)) {
                        throw TlsAlertException.illegal("second ClientHello must carry one share, for " + group);
                    }
                    yield negotiate(ctx, ch, raw, this);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /** Chooses parameters for a TLS 1.3 ClientHello and answers with a HelloRetryRequest or the server's flight. */
    private static HandshakeState negotiate(
            HandshakeContext ctx, ClientHello ch, byte[] raw, ExpectSecondClientHello retry) {
        TlsConfig cfg = ctx.config();
        if (ch.legacyVersion() != 0x0303 || ch.compressionMethods().length != 1 || ch.compressionMethods()[0] != 0) {
            throw TlsAlertException.illegal("TLS 1.3 ClientHello with legacy_version or compression set");
        }
        CipherSuite suite = retry != null ? retry.suite() : null;
        if (suite == null) {
            for (CipherSuite s : cfg.tls13Suites()) {
                if (ch.cipherSuites().contains(s)) {
                    suite = s;
                    break;
                }
            }
        }
        if (suite == null) {
            throw TlsAlertException.handshakeFailure(
                    "no TLS 1.3 cipher suite in common; client offers " + ch.cipherSuites());
        }
        String sni = null;
        Extension sniExt = ch.extension(ExtensionType.SERVER_NAME);
        if (sniExt != null) {
            sni = ServerNameExtension.decode(sniExt.data());
        }
        Extension groupsExt = ch.extension(ExtensionType.SUPPORTED_GROUPS);
        Extension sharesExt = ch.extension(ExtensionType.KEY_SHARE);
        if (groupsExt == null || sharesExt == null) {
            // RFC 8446 §9.2: (EC)DHE needs both; Strata offers no psk_ke.
            throw new TlsAlertException(
                    AlertDescription.MISSING_EXTENSION, "ClientHello without supported_groups or key_share");
        }
        List<NamedGroup> clientGroups = U16Lists.decodeGroups(groupsExt.data());
        List<KeyShare.Entry> shares = KeyShare.decodeClient(sharesExt.data());
        for (KeyShare.Entry e : shares) {
            if (!clientGroups.contains(e.group())) {
                throw TlsAlertException.illegal("key_share for " + e.group() + ", which is not in supported_groups");
            }
        }
        KeyShare.Entry chosen = null;
        for (NamedGroup g : cfg.groups()) {
            for (KeyShare.Entry e : shares) {
                if (e.group().equals(g)) {
                    chosen = e;
                    break;
                }
            }
            if (chosen != null) {
                break;
            }
        }
        ServerPsk psk = ServerPsk.select(ctx, ch, raw, suite);
        if (chosen == null) {
            if (retry != null) {
                throw TlsAlertException.illegal("no usable key share after HelloRetryRequest");
            }
            NamedGroup g = cfg.groups().stream()
                    .filter(clientGroups::contains)
                    .findFirst()
                    .orElseThrow(() ->
                            TlsAlertException.handshakeFailure("no group in common; client supports " + clientGroups));
            return sendHelloRetryRequest(ctx, ch, raw, suite, g);
        }
        SignatureScheme scheme = null;
        if (psk == null) {
            Extension sa = ch.extension(ExtensionType.SIGNATURE_ALGORITHMS);
            if (sa == null) {
                throw new TlsAlertException(
                        AlertDescription.MISSING_EXTENSION, "ClientHello without signature_algorithms");
            }
            scheme = Signatures.choose(
                    cfg.signatureSchemes(),
                    U16Lists.decodeSchemes(sa.data()),
                    cfg.certifiedKey().privateKey(),
                    true);
            if (scheme == null) {
                throw TlsAlertException.handshakeFailure("no signature scheme in common for our "
                        + cfg.certifiedKey().privateKey().getAlgorithm() + " key");
            }
        }
        String alpn = selectAlpn(cfg, ch);
        boolean ccsSent = retry != null && retry.ccsSent();
        return sendServerFlight(ctx, ch, raw, suite, chosen, scheme, alpn, sni, psk, retry != null, ccsSent);
    }

    /** RFC 7301 §3.2: the server's first preference the client offered; none in common is fatal. */
    static String selectAlpn(TlsConfig cfg, ClientHello ch) {
        Extension a = ch.extension(ExtensionType.ALPN);
        if (a == null || cfg.alpn().isEmpty()) {
            return null;
        }
        List<String> offered = AlpnExtension.decode(a.data());
        for (String p : cfg.alpn()) {
            if (offered.contains(p)) {
                return p;
            }
        }
        throw new TlsAlertException(
                AlertDescription.NO_APPLICATION_PROTOCOL, "no ALPN protocol in common; client offers " + offered);
    }

    private static HandshakeState sendHelloRetryRequest(
            HandshakeContext ctx, ClientHello ch, byte[] raw, CipherSuite suite, NamedGroup group) {
        ctx.transcript().add(raw);
        ctx.transcript().replaceWithMessageHash(suite.hash());
        List<Extension> ext = List.of(
                new Extension(ExtensionType.SUPPORTED_VERSIONS, U16Lists.u16(ProtocolVersion.TLS13.value())),
                new Extension(ExtensionType.KEY_SHARE, U16Lists.u16(group.value())));
        ctx.send(new ServerHello(0x0303, ServerHello.HELLO_RETRY_REQUEST_RANDOM, ch.sessionId(), suite, 0, ext));
        boolean ccs = ch.sessionId().length > 0;
        if (ccs) {
            ctx.sendChangeCipherSpec(); // RFC 8446 §D.4: after the server's first handshake message
        }
        return new ExpectSecondClientHello(suite, group, ch.sessionId(), ccs);
    }

    private static HandshakeState sendServerFlight(
            HandshakeContext ctx,
            ClientHello ch,
            byte[] raw,
            CipherSuite suite,
            KeyShare.Entry clientShare,
            SignatureScheme scheme,
            String alpn,
            String sni,
            ServerPsk psk,
            boolean helloRetry,
            boolean ccsSent) {
        TlsConfig cfg = ctx.config();
        ctx.transcript().add(raw);
        KeyShares.Response resp = KeyShares.respond(clientShare.group(), clientShare.keyExchange(), ctx.random());
        byte[] random = new byte[32];
        ctx.random().nextBytes(random);
        List<Extension> ext = new ArrayList<>();
        ext.add(new Extension(ExtensionType.SUPPORTED_VERSIONS, U16Lists.u16(ProtocolVersion.TLS13.value())));
        ext.add(new Extension(
                ExtensionType.KEY_SHARE,
                KeyShare.encodeServer(new KeyShare.Entry(clientShare.group(), resp.serverShare()))));
        if (psk != null) {
            ext.add(new Extension(ExtensionType.PRE_SHARED_KEY, U16Lists.u16(psk.index())));
        }
        ctx.send(new ServerHello(0x0303, random, ch.sessionId(), suite, 0, List.copyOf(ext)));
        if (ch.sessionId().length > 0 && !ccsSent) {
            ctx.sendChangeCipherSpec();
        }
        KeySchedule13 ks = new KeySchedule13(suite.hash());
        byte[] hs = ks.handshakeSecret(ks.earlySecret(psk == null ? null : psk.psk()), resp.sharedSecret());
        byte[] th = ctx.transcript().hash(suite.hash());
        byte[] chts = ks.derive(hs, "c hs traffic", th);
        byte[] shts = ks.derive(hs, "s hs traffic", th);
        ctx.keyLog(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET, chts);
        ctx.keyLog(KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET, shts);
        ctx.setWriteCipher(Handshakes.cipher13(ks, suite, shts));
        ctx.setReadCipher(Handshakes.cipher13(ks, suite, chts));

        List<Extension> ee = new ArrayList<>();
        if (alpn != null) {
            ee.add(new Extension(ExtensionType.ALPN, AlpnExtension.encode(List.of(alpn))));
        }
        if (sni != null && psk == null) {
            ee.add(new Extension(ExtensionType.SERVER_NAME, new byte[0])); // RFC 6066 §3: acknowledged
        }
        ctx.send(new EncryptedExtensions(List.copyOf(ee)));
        boolean askClient = psk == null && cfg.clientAuth() != ClientAuth.NONE;
        if (askClient) {
            ctx.send(new CertificateRequest(
                    new byte[0],
                    List.of(new Extension(
                            ExtensionType.SIGNATURE_ALGORITHMS,
                            U16Lists.encodeSchemes(cfg.signatureSchemes().stream()
                                    .filter(SignatureScheme::allowedInTls13)
                                    .toList())))));
        }
        if (psk == null) {
            CertifiedKey key = cfg.certifiedKey();
            ctx.send(new CertificateMessage(new byte[0], Handshakes.entries(key.chain())));
            byte[] content = Signatures.tls13Content(true, ctx.transcript().hash(suite.hash()));
            ctx.send(new CertificateVerify(scheme, Signatures.sign(scheme, key.privateKey(), content, ctx.random())));
        }
        ctx.send(new Finished(ks.finishedVerifyData(shts, ctx.transcript().hash(suite.hash()))));
        byte[] master = ks.masterSecret(hs);
        byte[] th2 = ctx.transcript().hash(suite.hash());
        byte[] cats = ks.derive(master, "c ap traffic", th2);
        byte[] sats = ks.derive(master, "s ap traffic", th2);
        ctx.keyLog(KeyLog.CLIENT_TRAFFIC_SECRET_0, cats);
        ctx.keyLog(KeyLog.SERVER_TRAFFIC_SECRET_0, sats);
        ctx.keyLog(KeyLog.EXPORTER_SECRET, ks.derive(master, "exp master", th2));
        ctx.setWriteCipher(Handshakes.cipher13(ks, suite, sats));
        Session13 s = new Session13(
                suite,
                ks,
                hs,
                chts,
                shts,
                clientShare.group(),
                psk != null,
                helloRetry,
                alpn,
                sni,
                List.of(),
                null,
                null,
                List.of());
        Keys keys = new Keys(master, cats, sats, scheme);
        return askClient ? new ExpectClientCertificate(s, keys) : new ExpectClientFinished(s, keys);
    }

    /**
     * The application secrets a server holds while it waits for the client's second flight.
     *
     * @param masterSecret the Master Secret
     * @param clientAppSecret client_application_traffic_secret_0
     * @param serverAppSecret server_application_traffic_secret_0
     * @param scheme the scheme this server signed with, or null
     */
    record Keys(byte[] masterSecret, byte[] clientAppSecret, byte[] serverAppSecret, SignatureScheme scheme) {}

    /**
     * Waiting for the client's Certificate.
     *
     * @param session what is settled
     * @param keys the application secrets
     */
    record ExpectClientCertificate(Session13 session, Keys keys) implements ServerStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateMessage cm -> {
                    if (cm.requestContext() == null || cm.requestContext().length != 0) {
                        throw TlsAlertException.illegal("client Certificate with a wrong request context");
                    }
                    if (cm.entries().isEmpty()) {
                        if (ctx.config().clientAuth() == ClientAuth.REQUIRED) {
                            throw new TlsAlertException(
                                    AlertDescription.CERTIFICATE_REQUIRED, "client sent no certificate");
                        }
                        ctx.transcript().add(raw);
                        yield new ExpectClientFinished(session, keys);
                    }
                    List<X509Certificate> chain = Handshakes.parseChain(cm);
                    Handshakes.checkTrust(ctx.config().verifier(), chain, null, Role.CLIENT);
                    ctx.transcript().add(raw);
                    yield new ExpectClientCertificateVerify(session.withPeerChain(chain), keys);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the client's CertificateVerify.
     *
     * @param session what is settled
     * @param keys the application secrets
     */
    record ExpectClientCertificateVerify(Session13 session, Keys keys) implements ServerStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateVerify cv -> {
                    ClientStates13.verifyPeerSignature(ctx, session, cv, false);
                    ctx.transcript().add(raw);
                    yield new ExpectClientFinished(session, keys);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the client's Finished.
     *
     * @param session what is settled
     * @param keys the application secrets
     */
    record ExpectClientFinished(Session13 session, Keys keys) implements ServerStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case Finished f -> onFinished(ctx, f, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }

        private HandshakeState onFinished(HandshakeContext ctx, Finished f, byte[] raw) {
            KeySchedule13 ks = session.ks();
            CipherSuite suite = session.suite();
            byte[] expected = ks.finishedVerifyData(
                    session.clientHandshakeSecret(), ctx.transcript().hash(suite.hash()));
            if (!Handshakes.macEquals(expected, f.verifyData())) {
                throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "client Finished does not verify");
            }
            ctx.transcript().add(raw);
            ctx.setReadCipher(Handshakes.cipher13(ks, suite, keys.clientAppSecret()));
            byte[] resumption = ks.derive(
                    keys.masterSecret(), "res master", ctx.transcript().hash(suite.hash()));
            ctx.complete(session.summary(keys.scheme()));
            if (ctx.config().ticketKeys() != null) {
                sendTicket(ctx, ks, suite, resumption, session.alpn());
            }
            return new Connected13(
                    Role.SERVER, suite, ks, keys.clientAppSecret(), keys.serverAppSecret(), resumption, session.alpn());
        }
    }

    /** Issues one NewSessionTicket whose ticket seals the PSK and its parameters (RFC 8446 §4.6.1). */
    private static void sendTicket(
            HandshakeContext ctx, KeySchedule13 ks, CipherSuite suite, byte[] resumptionSecret, String alpn) {
        byte[] nonce = new byte[8];
        ctx.random().nextBytes(nonce);
        byte[] psk = ks.resumptionPsk(resumptionSecret, nonce);
        long ageAdd = ctx.random().nextInt() & 0xFFFFFFFFL;
        long lifetime = ctx.config().ticketLifetimeSeconds();
        byte[] state = new TicketState(suite, psk, ctx.nowMillis(), ageAdd, lifetime, alpn).encode();
        byte[] ticket = ctx.config().ticketKeys().seal(state, ctx.random());
        ctx.sendPostHandshake(new NewSessionTicket(lifetime, ageAdd, nonce, ticket, List.of()));
    }

    /**
     * What a TLS 1.3 ticket seals.
     *
     * @param suite the suite
     * @param psk the resumption PSK
     * @param issuedMillis when it was issued
     * @param ageAdd ticket_age_add
     * @param lifetimeSeconds its lifetime
     * @param alpn the negotiated protocol or null
     */
    record TicketState(
            CipherSuite suite, byte[] psk, long issuedMillis, long ageAdd, long lifetimeSeconds, String alpn) {
        byte[] encode() {
            Writer w = new Writer();
            w.u8(13).u16(suite.value()).u32(issuedMillis >>> 32).u32(issuedMillis & 0xFFFFFFFFL);
            w.u32(ageAdd).u32(lifetimeSeconds).vector(1, psk);
            w.vector(1, alpn == null ? new byte[0] : alpn.getBytes(StandardCharsets.UTF_8));
            return w.toByteArray();
        }

        static TicketState decode(byte[] b) {
            try {
                Reader r = Reader.of(b);
                if (r.u8("ticket version") != 13) {
                    return null;
                }
                CipherSuite suite = CipherSuite.of(r.u16("suite"));
                long issued = (r.u32("issued") << 32) | r.u32("issued");
                long ageAdd = r.u32("age_add");
                long lifetime = r.u32("lifetime");
                byte[] psk = r.vector(1, "psk");
                byte[] alpn = r.vector(1, "alpn");
                r.expectEnd("ticket");
                return new TicketState(
                        suite,
                        psk,
                        issued,
                        ageAdd,
                        lifetime,
                        alpn.length == 0 ? null : new String(alpn, StandardCharsets.UTF_8));
            } catch (TlsAlertException e) {
                return null;
            }
        }
    }

    /**
     * An accepted PSK.
     *
     * @param index the selected identity
     * @param psk the key
     */
    record ServerPsk(int index, byte[] psk) {

        /**
         * The first offered ticket this server can open, whose suite hash matches and which has not expired, after its
         * binder checks out (RFC 8446 §4.2.11); null when none applies. A wrong binder is decrypt_error.
         */
        static ServerPsk select(HandshakeContext ctx, ClientHello ch, byte[] raw, CipherSuite suite) {
            Extension px = ch.extension(ExtensionType.PRE_SHARED_KEY);
            if (px == null) {
                return null;
            }
            Extension modes = ch.extension(ExtensionType.PSK_KEY_EXCHANGE_MODES);
            if (modes == null) {
                throw new TlsAlertException(
                        AlertDescription.MISSING_EXTENSION, "pre_shared_key without psk_key_exchange_modes");
            }
            PreSharedKeyExtension.Offer offer = PreSharedKeyExtension.decodeOffer(px.data());
            Reader mr = Reader.of(modes.data());
            byte[] m = mr.vector(1, 1, 255, "ke_modes");
            mr.expectEnd("psk_key_exchange_modes");
            boolean dhe = false;
            for (byte b : m) {
                dhe |= b == 1;
            }
            if (!dhe || ctx.config().ticketKeys() == null) {
                return null;
            }
            for (int i = 0; i < offer.identities().size(); i++) {
                PreSharedKeyExtension.Identity id = offer.identities().get(i);
                byte[] plain = ctx.config().ticketKeys().open(id.identity());
                TicketState t = plain == null ? null : TicketState.decode(plain);
                if (t == null
                        || t.suite().hash() != suite.hash()
                        || ctx.nowMillis() - t.issuedMillis() >= t.lifetimeSeconds() * 1000) {
                    continue;
                }
                KeySchedule13 ks = new KeySchedule13(suite.hash());
                byte[] binderKey = ks.resumptionBinderKey(ks.earlySecret(t.psk()));
                byte[] truncated = Arrays.copyOf(raw, raw.length - offer.bindersLength());
                byte[] expected =
                        ks.finishedVerifyData(binderKey, ctx.transcript().hashWith(suite.hash(), truncated));
                if (!Handshakes.macEquals(expected, offer.binders().get(i))) {
                    throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "PSK binder does not verify");
                }
                return new ServerPsk(i, t.psk());
            }
            return null;
        }
    }
}
