package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.CertifiedKey;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.KeyLog;
import dev.strata.tls.Role;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.StoredSession;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.crypto.KeySchedule12;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.crypto.Signatures;
import dev.strata.tls.message.AlpnExtension;
import dev.strata.tls.message.CertificateMessage;
import dev.strata.tls.message.CertificateRequest12;
import dev.strata.tls.message.CertificateVerify;
import dev.strata.tls.message.ClientKeyExchange;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.Finished;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.NewSessionTicket12;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.message.ServerHelloDone;
import dev.strata.tls.message.ServerKeyExchange;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.crypto.Cipher;

/**
 * The TLS 1.2 client handshake (RFC 5246 §7.3, RFC 8422 for ECDHE, RFC 5077 for ticket resumption, RFC 7627 and RFC
 * 5746 extensions): full handshake {@code ServerHello Certificate ServerKeyExchange [CertificateRequest]
 * ServerHelloDone}, or the abbreviated one when the server accepts a ticket.
 */
public sealed interface ClientStates12 extends HandshakeState {

    /** Extensions a TLS 1.2 ServerHello may carry in answer to Strata's ClientHello. */
    Set<Integer> SERVER_HELLO_EXTENSIONS = Set.of(
            ExtensionType.SERVER_NAME,
            ExtensionType.EC_POINT_FORMATS,
            ExtensionType.ALPN,
            ExtensionType.EXTENDED_MASTER_SECRET,
            ExtensionType.SESSION_TICKET,
            ExtensionType.RENEGOTIATION_INFO);

    /** Continues a handshake whose ServerHello selected TLS 1.2. */
    static HandshakeState onServerHello(HandshakeContext ctx, ClientOffer offer, ServerHello sh, byte[] raw) {
        TlsConfig cfg = ctx.config();
        CipherSuite suite = sh.cipherSuite();
        if (!cfg.tls12Suites().contains(suite) || sh.compressionMethod() != 0) {
            throw TlsAlertException.illegal("server selected " + suite + ", which was not offered");
        }
        for (Extension e : sh.extensions()) {
            if (!SERVER_HELLO_EXTENSIONS.contains(e.type()) || offer.hello().extension(e.type()) == null) {
                throw new TlsAlertException(
                        AlertDescription.UNSUPPORTED_EXTENSION,
                        "ServerHello carries " + ExtensionType.nameOf(e.type()) + ", which was not offered");
            }
        }
        Extension ri = sh.extension(ExtensionType.RENEGOTIATION_INFO);
        if (ri == null || ri.data().length != 1 || ri.data()[0] != 0) {
            // RFC 5746 §3.4: Strata insists on secure renegotiation support (and then refuses renegotiation).
            throw TlsAlertException.handshakeFailure("server lacks an empty renegotiation_info (RFC 5746)");
        }
        boolean ems = sh.extension(ExtensionType.EXTENDED_MASTER_SECRET) != null;
        String alpn = null;
        Extension a = sh.extension(ExtensionType.ALPN);
        if (a != null) {
            List<String> p = AlpnExtension.decode(a.data());
            if (p.size() != 1 || !cfg.alpn().contains(p.getFirst())) {
                throw TlsAlertException.illegal("server selected ALPN " + p + ", which was not offered");
            }
            alpn = p.getFirst();
        }
        boolean ticket = sh.extension(ExtensionType.SESSION_TICKET) != null;
        ctx.setRsaKeyTransport(suite.keyExchange() == CipherSuite.KeyExchange.RSA);
        ctx.transcript().add(raw);
        StoredSession.Tls12 r = offer.resumption12();
        if (r != null && sh.sessionId().length > 0 && Arrays.equals(sh.sessionId(), offer.sessionId())) {
            // RFC 5077 §3.4: the echoed session id means the server accepted the ticket.
            if (!r.cipherSuite().equals(suite) || r.extendedMasterSecret() != ems) {
                throw TlsAlertException.illegal("resumed session changes the suite or the master secret kind");
            }
            Session12 s = new Session12(
                    suite,
                    offer.random(),
                    sh.random(),
                    ems,
                    r.masterSecret(),
                    null,
                    null,
                    alpn,
                    ctx.serverName(),
                    List.of(),
                    true,
                    ticket);
            ctx.keyLog(KeyLog.CLIENT_RANDOM, r.masterSecret());
            return new ExpectTicketOrChangeCipherSpec(s);
        }
        Session12 s = new Session12(
                suite,
                offer.random(),
                sh.random(),
                ems,
                null,
                null,
                null,
                alpn,
                ctx.serverName(),
                List.of(),
                false,
                ticket);
        return new ExpectCertificate(s);
    }

    /**
     * Waiting for the server's Certificate.
     *
     * @param session what is settled
     */
    record ExpectCertificate(Session12 session) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateMessage cm -> {
                    if (cm.entries().isEmpty()) {
                        throw TlsAlertException.decode("server sent an empty certificate chain");
                    }
                    List<X509Certificate> chain = Handshakes.parseChain(cm);
                    String alg = chain.getFirst().getPublicKey().getAlgorithm();
                    boolean fits = switch (session.suite().keyExchange()) {
                        case ECDHE_ECDSA -> alg.equals("EC") || alg.equals("Ed25519") || alg.equals("EdDSA");
                        default -> alg.equals("RSA");
                    };
                    if (!fits) {
                        throw new TlsAlertException(
                                AlertDescription.UNSUPPORTED_CERTIFICATE, alg + " certificate for " + session.suite());
                    }
                    Handshakes.checkTrust(ctx.config().verifier(), chain, ctx.serverName(), Role.SERVER);
                    ctx.transcript().add(raw);
                    Session12 s = session.withPeerChain(chain);
                    yield session.suite().keyExchange() == CipherSuite.KeyExchange.RSA
                            ? new ExpectCertificateRequestOrDone(s, null)
                            : new ExpectServerKeyExchange(s);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the ECDHE ServerKeyExchange.
     *
     * @param session what is settled
     */
    record ExpectServerKeyExchange(Session12 session) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ServerKeyExchange ske -> {
                    TlsConfig cfg = ctx.config();
                    if (!cfg.groups().contains(ske.group()) || !ske.group().isEcdhe12()) {
                        throw TlsAlertException.illegal("ServerKeyExchange with group " + ske.group());
                    }
                    PublicKey key = session.peerChain().getFirst().getPublicKey();
                    SignatureScheme scheme = ske.scheme();
                    if (!cfg.signatureSchemes().contains(scheme) || !Signatures.fits(scheme, key, false)) {
                        // SHA-1 and other schemes Strata never offers end here.
                        throw TlsAlertException.illegal("ServerKeyExchange signed with " + scheme);
                    }
                    byte[] content = KeySchedule12.serverKeyExchangeContent(
                            session.clientRandom(), session.serverRandom(), ske.params());
                    if (!Signatures.verify(scheme, key, content, ske.signature())) {
                        throw new TlsAlertException(
                                AlertDescription.DECRYPT_ERROR, "ServerKeyExchange signature does not verify");
                    }
                    ctx.transcript().add(raw);
                    yield new ExpectCertificateRequestOrDone(
                            session.withKeyExchange(ske.group(), scheme), ske.publicKey());
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for a CertificateRequest or ServerHelloDone.
     *
     * @param session what is settled
     * @param serverPoint the server's ECDHE public value, or null for RSA key transport
     */
    record ExpectCertificateRequestOrDone(Session12 session, byte[] serverPoint) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateRequest12 cr -> {
                    ctx.transcript().add(raw);
                    yield new ExpectServerHelloDone(session, serverPoint, cr);
                }
                case ServerHelloDone d -> {
                    ctx.transcript().add(raw);
                    yield sendClientFlight(ctx, session, serverPoint, null);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for ServerHelloDone after a CertificateRequest.
     *
     * @param session what is settled
     * @param serverPoint the server's ECDHE public value, or null
     * @param request the certificate request
     */
    record ExpectServerHelloDone(Session12 session, byte[] serverPoint, CertificateRequest12 request)
            implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ServerHelloDone d -> {
                    ctx.transcript().add(raw);
                    yield sendClientFlight(ctx, session, serverPoint, request);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    private static HandshakeState sendClientFlight(
            HandshakeContext ctx, Session12 session, byte[] serverPoint, CertificateRequest12 request) {
        TlsConfig cfg = ctx.config();
        SignatureScheme clientScheme = null;
        CertifiedKey key = cfg.certifiedKey();
        if (request != null) {
            clientScheme = key == null
                    ? null
                    : Signatures.choose(cfg.signatureSchemes(), request.signatureAlgorithms(), key.privateKey(), false);
            ctx.send(new CertificateMessage(null, clientScheme == null ? List.of() : Handshakes.entries(key.chain())));
        }
        byte[] preMaster;
        if (serverPoint == null) {
            preMaster = rsaPreMaster(ctx, session.peerChain().getFirst().getPublicKey());
        } else {
            KeyShares.Ephemeral mine = KeyShares.generate(session.group(), ctx.random());
            preMaster = mine.agree(serverPoint);
            ctx.send(new ClientKeyExchange(mine.publicValue(), 1));
        }
        byte[] master = session.extendedMasterSecret()
                ? KeySchedule12.extendedMasterSecret(
                        session.suite().hash(),
                        preMaster,
                        ctx.transcript().hash(session.suite().hash()))
                : KeySchedule12.masterSecret(
                        session.suite().hash(), preMaster, session.clientRandom(), session.serverRandom());
        ctx.keyLog(KeyLog.CLIENT_RANDOM, master);
        if (clientScheme != null) {
            // RFC 5246 §7.4.8: the signature covers all handshake messages so far.
            byte[] sig = Signatures.sign(
                    clientScheme, key.privateKey(), ctx.transcript().bytes(), ctx.random());
            ctx.send(new CertificateVerify(clientScheme, sig));
        }
        Session12 s = session.withMaster(master);
        KeySchedule12.Ciphers c = KeySchedule12.ciphers(s.suite(), master, s.clientRandom(), s.serverRandom());
        ctx.sendChangeCipherSpec();
        ctx.setWriteCipher(c.client());
        ctx.send(new Finished(KeySchedule12.verifyData(
                s.suite().hash(), master, true, ctx.transcript().hash(s.suite().hash()))));
        return new ExpectTicketOrChangeCipherSpec(s);
    }

    /** RSA key transport (teaching mode): a fresh premaster secret, encrypted to the server's key (RFC 5246 §7.4.7.1). */
    private static byte[] rsaPreMaster(HandshakeContext ctx, PublicKey serverKey) {
        byte[] pms = new byte[48];
        ctx.random().nextBytes(pms);
        pms[0] = 3;
        pms[1] = 3; // client_version of the ClientHello
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.ENCRYPT_MODE, serverKey, ctx.random());
            ctx.send(new ClientKeyExchange(rsa.doFinal(pms), 2));
            return pms;
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("RSA encryption of the premaster secret", e);
        }
    }

    /**
     * Waiting for a NewSessionTicket (when announced) or the server's ChangeCipherSpec.
     *
     * @param session what is settled (the master secret is known)
     */
    record ExpectTicketOrChangeCipherSpec(Session12 session) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case NewSessionTicket12 t
                when session.ticketExpected() -> {
                    ctx.transcript().add(raw);
                    if (ctx.config().sessionCache() != null && t.ticket().length > 0) {
                        ctx.config()
                                .sessionCache()
                                .put(
                                        ClientOffer.cacheKey(ctx.serverName()),
                                        new StoredSession.Tls12(
                                                t.ticket(),
                                                session.master(),
                                                session.suite(),
                                                session.extendedMasterSecret(),
                                                t.lifetimeHint(),
                                                ctx.nowMillis()));
                    }
                    yield new ExpectChangeCipherSpec(session);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }

        @Override
        public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
            return new ExpectChangeCipherSpec(session).onChangeCipherSpec(ctx);
        }
    }

    /**
     * Waiting for the server's ChangeCipherSpec.
     *
     * @param session what is settled
     */
    record ExpectChangeCipherSpec(Session12 session) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            throw HandshakeState.unexpected(this, message);
        }

        @Override
        public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
            KeySchedule12.Ciphers c = KeySchedule12.ciphers(
                    session.suite(), session.master(), session.clientRandom(), session.serverRandom());
            ctx.setReadCipher(c.server());
            return new ExpectServerFinished(session);
        }
    }

    /**
     * Waiting for the server's Finished.
     *
     * @param session what is settled
     */
    record ExpectServerFinished(Session12 session) implements ClientStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case Finished f -> {
                    byte[] expected = KeySchedule12.verifyData(
                            session.suite().hash(),
                            session.master(),
                            false,
                            ctx.transcript().hash(session.suite().hash()));
                    if (!Handshakes.macEquals(expected, f.verifyData())) {
                        throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "server Finished does not verify");
                    }
                    ctx.transcript().add(raw);
                    if (session.resumed()) {
                        // Abbreviated handshake: the client's ChangeCipherSpec and Finished come last.
                        KeySchedule12.Ciphers c = KeySchedule12.ciphers(
                                session.suite(), session.master(), session.clientRandom(), session.serverRandom());
                        ctx.sendChangeCipherSpec();
                        ctx.setWriteCipher(c.client());
                        ctx.send(new Finished(KeySchedule12.verifyData(
                                session.suite().hash(),
                                session.master(),
                                true,
                                ctx.transcript().hash(session.suite().hash()))));
                    }
                    ctx.complete(session.summary());
                    yield new Connected12(Role.CLIENT);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }
}
