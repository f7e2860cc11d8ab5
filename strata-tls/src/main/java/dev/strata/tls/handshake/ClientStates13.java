package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.CertifiedKey;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.KeyLog;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.Role;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.crypto.Signatures;
import dev.strata.tls.message.AlpnExtension;
import dev.strata.tls.message.CertificateMessage;
import dev.strata.tls.message.CertificateRequest;
import dev.strata.tls.message.CertificateVerify;
import dev.strata.tls.message.EncryptedExtensions;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.Extensions;
import dev.strata.tls.message.Finished;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.KeyShare;
import dev.strata.tls.message.PreSharedKeyExtension;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.message.U16Lists;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The TLS 1.3 client handshake (RFC 8446 §2, §A.1): one record per state, each accepting exactly the messages valid
 * there. A ServerHello that selects TLS 1.2 hands over to {@link ClientStates12}.
 */
public sealed interface ClientStates13 extends HandshakeState {

    /** Sends the first ClientHello and returns the state waiting for the ServerHello. */
    static HandshakeState start(HandshakeContext ctx) {
        return new ExpectServerHello(ClientOffer.first(ctx), null);
    }

    /**
     * Waiting for a ServerHello (or HelloRetryRequest).
     *
     * @param offer what the client offered
     * @param retrySuite the suite a HelloRetryRequest selected, or null before one
     */
    record ExpectServerHello(ClientOffer offer, CipherSuite retrySuite) implements ClientStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ServerHello sh -> onServerHello(ctx, sh, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }

        private HandshakeState onServerHello(HandshakeContext ctx, ServerHello sh, byte[] raw) {
            TlsConfig cfg = ctx.config();
            Extension sv = sh.extension(ExtensionType.SUPPORTED_VERSIONS);
            if (sv == null) {
                return negotiateTls12(ctx, sh, raw);
            }
            ProtocolVersion v = U16Lists.decodeSelectedVersion(sv.data());
            if (!v.equals(ProtocolVersion.TLS13) || !cfg.enables(ProtocolVersion.TLS13)) {
                throw TlsAlertException.illegal("server selected " + v + ", which was not offered");
            }
            ctx.setVersion(ProtocolVersion.TLS13);
            if (sh.legacyVersion() != 0x0303 || sh.compressionMethod() != 0) {
                throw TlsAlertException.illegal("TLS 1.3 ServerHello with legacy_version or compression set");
            }
            CipherSuite suite = sh.cipherSuite();
            if (!cfg.tls13Suites().contains(suite)) {
                throw TlsAlertException.illegal("server selected suite " + suite + ", which was not offered");
            }
            if (!Arrays.equals(sh.sessionId(), offer.sessionId())) {
                throw TlsAlertException.illegal("legacy_session_id_echo does not match");
            }
            allowOnly(
                    sh.extensions(),
                    sh.isHelloRetryRequest()
                            ? Set.of(ExtensionType.SUPPORTED_VERSIONS, ExtensionType.KEY_SHARE, ExtensionType.COOKIE)
                            : Set.of(
                                    ExtensionType.SUPPORTED_VERSIONS,
                                    ExtensionType.KEY_SHARE,
                                    ExtensionType.PRE_SHARED_KEY));
            return sh.isHelloRetryRequest()
                    ? onHelloRetryRequest(ctx, sh, raw, suite)
                    : onRealServerHello(ctx, sh, raw, suite);
        }

        private HandshakeState negotiateTls12(HandshakeContext ctx, ServerHello sh, byte[] raw) {
            TlsConfig cfg = ctx.config();
            if (sh.legacyVersion() != 0x0303 || !cfg.enables(ProtocolVersion.TLS12)) {
                throw new TlsAlertException(
                        AlertDescription.PROTOCOL_VERSION,
                        "server selected " + ProtocolVersion.of(sh.legacyVersion()) + "; Strata speaks only "
                                + cfg.versions());
            }
            if (sh.isHelloRetryRequest() || offer.retried()) {
                throw TlsAlertException.illegal("TLS 1.2 ServerHello after or as a HelloRetryRequest");
            }
            if (cfg.enables(ProtocolVersion.TLS13)) {
                // RFC 8446 §4.1.3: a TLS 1.3 client checks the downgrade sentinel.
                byte[] tail = Arrays.copyOfRange(sh.random(), 24, 32);
                if (Arrays.equals(tail, ServerHello.DOWNGRADE_TLS12)
                        || Arrays.equals(tail, ServerHello.DOWNGRADE_TLS11)) {
                    throw TlsAlertException.illegal("downgrade sentinel in a TLS 1.2 ServerHello");
                }
            }
            ctx.setVersion(ProtocolVersion.TLS12);
            return ClientStates12.onServerHello(ctx, offer, sh, raw);
        }

        private HandshakeState onHelloRetryRequest(
                HandshakeContext ctx, ServerHello hrr, byte[] raw, CipherSuite suite) {
            if (offer.retried()) {
                throw TlsAlertException.unexpected("second HelloRetryRequest");
            }
            Extension ks = hrr.extension(ExtensionType.KEY_SHARE);
            Extension cookie = hrr.extension(ExtensionType.COOKIE);
            NamedGroup group = ks == null ? null : KeyShare.decodeRetry(ks.data());
            if (group != null && (!ctx.config().groups().contains(group) || offer.share(group) != null)) {
                // RFC 8446 §4.1.4: the group must be supported and not one the client already sent a share for.
                throw TlsAlertException.illegal("HelloRetryRequest selects group " + group);
            }
            if (group == null && cookie == null) {
                throw TlsAlertException.illegal("HelloRetryRequest that would not change the ClientHello");
            }
            if (group == null) {
                group = offer.shares().getFirst().group();
            }
            ctx.transcript().replaceWithMessageHash(suite.hash());
            ctx.transcript().add(raw);
            boolean sendCcs = ctx.config().middleboxCompatibility() && !offer.ccsSent();
            if (sendCcs) {
                ctx.sendChangeCipherSpec(); // RFC 8446 §D.4: before the client's second flight
            }
            ClientOffer next = offer.retry(group, suite, sendCcs, ctx)
                    .send(ctx, cookie == null ? null : cookieValue(cookie.data()));
            return new ExpectServerHello(next, suite);
        }

        private static byte[] cookieValue(byte[] data) {
            // Cookie is opaque cookie<1..2^16-1>; it goes back exactly as received.
            return data;
        }

        private HandshakeState onRealServerHello(HandshakeContext ctx, ServerHello sh, byte[] raw, CipherSuite suite) {
            if (retrySuite != null && !retrySuite.equals(suite)) {
                throw TlsAlertException.illegal("ServerHello suite differs from the HelloRetryRequest's");
            }
            Extension ksx = sh.extension(ExtensionType.KEY_SHARE);
            if (ksx == null) {
                throw new TlsAlertException(AlertDescription.MISSING_EXTENSION, "ServerHello without key_share");
            }
            KeyShare.Entry entry = KeyShare.decodeServer(ksx.data());
            KeyShares.Ephemeral mine = offer.share(entry.group());
            if (mine == null) {
                throw TlsAlertException.illegal("server key_share for " + entry.group() + ", which was not offered");
            }
            byte[] psk = null;
            Extension pskx = sh.extension(ExtensionType.PRE_SHARED_KEY);
            if (pskx != null) {
                int selected = PreSharedKeyExtension.decodeSelected(pskx.data());
                if (offer.resumption13() == null || selected != 0) {
                    throw TlsAlertException.illegal("server selected PSK " + selected + ", which was not offered");
                }
                if (offer.resumption13().cipherSuite().hash() != suite.hash()) {
                    throw TlsAlertException.illegal("resumed suite hash differs from the ticket's");
                }
                psk = offer.resumption13().psk();
            }
            ctx.transcript().add(raw);
            byte[] shared = mine.agree(entry.keyExchange());
            KeySchedule13 ks = new KeySchedule13(suite.hash());
            byte[] hs = ks.handshakeSecret(ks.earlySecret(psk), shared);
            byte[] th = ctx.transcript().hash(suite.hash());
            byte[] chts = ks.derive(hs, "c hs traffic", th);
            byte[] shts = ks.derive(hs, "s hs traffic", th);
            ctx.keyLog(KeyLog.CLIENT_HANDSHAKE_TRAFFIC_SECRET, chts);
            ctx.keyLog(KeyLog.SERVER_HANDSHAKE_TRAFFIC_SECRET, shts);
            ctx.setReadCipher(Handshakes.cipher13(ks, suite, shts));
            Session13 s = new Session13(
                    suite,
                    ks,
                    hs,
                    chts,
                    shts,
                    entry.group(),
                    psk != null,
                    retrySuite != null,
                    null,
                    ctx.serverName(),
                    List.of(),
                    null,
                    null,
                    List.of());
            return new ExpectEncryptedExtensions(offer, s);
        }

        private static void allowOnly(List<Extension> ext, Set<Integer> allowed) {
            for (Extension e : ext) {
                if (!allowed.contains(e.type())) {
                    // RFC 8446 §4.2: an extension the client did not offer or that does not belong here.
                    throw new TlsAlertException(
                            AlertDescription.UNSUPPORTED_EXTENSION,
                            "ServerHello carries " + ExtensionType.nameOf(e.type()));
                }
            }
        }
    }

    /**
     * Waiting for EncryptedExtensions.
     *
     * @param offer what the client offered
     * @param session what is settled
     */
    record ExpectEncryptedExtensions(ClientOffer offer, Session13 session) implements ClientStates13 {
        private static final Set<Integer> FORBIDDEN = Set.of(
                ExtensionType.KEY_SHARE,
                ExtensionType.SUPPORTED_VERSIONS,
                ExtensionType.PRE_SHARED_KEY,
                ExtensionType.SIGNATURE_ALGORITHMS,
                ExtensionType.PSK_KEY_EXCHANGE_MODES,
                ExtensionType.COOKIE,
                ExtensionType.EC_POINT_FORMATS,
                ExtensionType.EXTENDED_MASTER_SECRET,
                ExtensionType.SESSION_TICKET,
                ExtensionType.RENEGOTIATION_INFO);

        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case EncryptedExtensions ee -> onEncryptedExtensions(ctx, ee, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }

        private HandshakeState onEncryptedExtensions(HandshakeContext ctx, EncryptedExtensions ee, byte[] raw) {
            for (Extension e : ee.extensions()) {
                if (FORBIDDEN.contains(e.type())) {
                    throw TlsAlertException.illegal("EncryptedExtensions carries " + ExtensionType.nameOf(e.type()));
                }
                if (offer.hello().extension(e.type()) == null) {
                    // RFC 8446 §4.2: a server may only answer extensions the client offered.
                    throw new TlsAlertException(
                            AlertDescription.UNSUPPORTED_EXTENSION,
                            "EncryptedExtensions carries " + ExtensionType.nameOf(e.type())
                                    + ", which was not offered");
                }
            }
            String alpn = null;
            Extension a = Extensions.find(ee.extensions(), ExtensionType.ALPN);
            if (a != null) {
                List<String> p = AlpnExtension.decode(a.data());
                if (p.size() != 1 || !ctx.config().alpn().contains(p.getFirst())) {
                    throw TlsAlertException.illegal("server selected ALPN " + p + ", which was not offered");
                }
                alpn = p.getFirst();
            }
            ctx.transcript().add(raw);
            Session13 s = session.withAlpn(alpn);
            return s.resumed() ? new ExpectFinished(offer, s) : new ExpectCertificateOrRequest(offer, s);
        }
    }

    /**
     * Waiting for a CertificateRequest or the server's Certificate.
     *
     * @param offer what the client offered
     * @param session what is settled
     */
    record ExpectCertificateOrRequest(ClientOffer offer, Session13 session) implements ClientStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateRequest cr -> {
                    Extension sa = Extensions.find(cr.extensions(), ExtensionType.SIGNATURE_ALGORITHMS);
                    if (sa == null) {
                        throw new TlsAlertException(
                                AlertDescription.MISSING_EXTENSION, "CertificateRequest without signature_algorithms");
                    }
                    ctx.transcript().add(raw);
                    yield new ExpectCertificate(
                            offer, session.withCertRequest(cr.requestContext(), U16Lists.decodeSchemes(sa.data())));
                }
                case CertificateMessage cm -> onServerCertificate(ctx, offer, session, cm, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the server's Certificate after a CertificateRequest.
     *
     * @param offer what the client offered
     * @param session what is settled
     */
    record ExpectCertificate(ClientOffer offer, Session13 session) implements ClientStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateMessage cm -> onServerCertificate(ctx, offer, session, cm, raw);
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    private static HandshakeState onServerCertificate(
            HandshakeContext ctx, ClientOffer offer, Session13 session, CertificateMessage cm, byte[] raw) {
        if (cm.requestContext() == null || cm.requestContext().length != 0) {
            throw TlsAlertException.illegal("server Certificate with a request context");
        }
        if (cm.entries().isEmpty()) {
            throw TlsAlertException.decode("server sent an empty certificate chain");
        }
        List<X509Certificate> chain = Handshakes.parseChain(cm);
        Handshakes.checkTrust(ctx.config().verifier(), chain, ctx.serverName(), Role.SERVER);
        ctx.transcript().add(raw);
        return new ExpectCertificateVerify(offer, session.withPeerChain(chain));
    }

    /**
     * Waiting for the server's CertificateVerify.
     *
     * @param offer what the client offered
     * @param session what is settled
     */
    record ExpectCertificateVerify(ClientOffer offer, Session13 session) implements ClientStates13 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateVerify cv -> {
                    verifyPeerSignature(ctx, session, cv, true);
                    ctx.transcript().add(raw);
                    yield new ExpectFinished(offer, session.withPeerScheme(cv.scheme()));
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /** Checks a TLS 1.3 CertificateVerify from the peer against the transcript so far (RFC 8446 §4.4.3). */
    static void verifyPeerSignature(HandshakeContext ctx, Session13 session, CertificateVerify cv, boolean fromServer) {
        X509Certificate leaf = session.peerChain().getFirst();
        SignatureScheme scheme = cv.scheme();
        if (!ctx.config().signatureSchemes().contains(scheme)
                || !scheme.allowedInTls13()
                || !Signatures.fits(scheme, leaf.getPublicKey(), true)) {
            throw TlsAlertException.illegal("CertificateVerify with scheme " + scheme + " for a "
                    + leaf.getPublicKey().getAlgorithm() + " key");
        }
        byte[] content = Signatures.tls13Content(
                fromServer, ctx.transcript().hash(session.suite().hash()));
        if (!Signatures.verify(scheme, leaf.getPublicKey(), content, cv.signature())) {
            throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "CertificateVerify signature does not verify");
        }
    }

    /**
     * Waiting for the server's Finished.
     *
     * @param offer what the client offered
     * @param session what is settled
     */
    record ExpectFinished(ClientOffer offer, Session13 session) implements ClientStates13 {
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
                    session.serverHandshakeSecret(), ctx.transcript().hash(suite.hash()));
            if (!Handshakes.macEquals(expected, f.verifyData())) {
                throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "server Finished does not verify");
            }
            ctx.transcript().add(raw);
            byte[] master = ks.masterSecret(session.handshakeSecret());
            byte[] th = ctx.transcript().hash(suite.hash());
            byte[] cats = ks.derive(master, "c ap traffic", th);
            byte[] sats = ks.derive(master, "s ap traffic", th);
            ctx.keyLog(KeyLog.CLIENT_TRAFFIC_SECRET_0, cats);
            ctx.keyLog(KeyLog.SERVER_TRAFFIC_SECRET_0, sats);
            ctx.keyLog(KeyLog.EXPORTER_SECRET, ks.derive(master, "exp master", th));
            ctx.setReadCipher(Handshakes.cipher13(ks, suite, sats));
            if (ctx.config().middleboxCompatibility() && !offer.ccsSent()) {
                ctx.sendChangeCipherSpec();
            }
            ctx.setWriteCipher(Handshakes.cipher13(ks, suite, session.clientHandshakeSecret()));
            if (session.certRequestContext() != null) {
                sendClientCertificate(ctx);
            }
            ctx.send(new Finished(ks.finishedVerifyData(
                    session.clientHandshakeSecret(), ctx.transcript().hash(suite.hash()))));
            ctx.setWriteCipher(Handshakes.cipher13(ks, suite, cats));
            byte[] resumption = ks.derive(master, "res master", ctx.transcript().hash(suite.hash()));
            ctx.complete(session.summary(session.peerScheme()));
            return new Connected13(Role.CLIENT, suite, ks, sats, cats, resumption, session.alpn());
        }

        private void sendClientCertificate(HandshakeContext ctx) {
            CertifiedKey key = ctx.config().certifiedKey();
            SignatureScheme scheme = key == null
                    ? null
                    : Signatures.choose(
                            ctx.config().signatureSchemes(), session.certRequestSchemes(), key.privateKey(), true);
            if (scheme == null) {
                // RFC 8446 §4.4.2: no suitable certificate, so an empty Certificate message.
                ctx.send(new CertificateMessage(session.certRequestContext(), List.of()));
                return;
            }
            ctx.send(new CertificateMessage(session.certRequestContext(), Handshakes.entries(key.chain())));
            byte[] content = Signatures.tls13Content(
                    false, ctx.transcript().hash(session.suite().hash()));
            ctx.send(new CertificateVerify(scheme, Signatures.sign(scheme, key.privateKey(), content, ctx.random())));
        }
    }
}
