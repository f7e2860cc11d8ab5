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
import dev.strata.tls.crypto.KeySchedule12;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.crypto.Signatures;
import dev.strata.tls.message.AlpnExtension;
import dev.strata.tls.message.CertificateMessage;
import dev.strata.tls.message.CertificateRequest12;
import dev.strata.tls.message.CertificateVerify;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.ClientKeyExchange;
import dev.strata.tls.message.Extension;
import dev.strata.tls.message.Finished;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.NewSessionTicket12;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.message.ServerHelloDone;
import dev.strata.tls.message.ServerKeyExchange;
import dev.strata.tls.message.ServerNameExtension;
import dev.strata.tls.message.U16Lists;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Cipher;

/**
 * The TLS 1.2 server handshake (RFC 5246 §7.3, RFC 8422, RFC 7627, RFC 5746, RFC 5077): ECDHE_ECDSA and ECDHE_RSA
 * with AEAD suites, ticket resumption, optional client certificates, and the opt-in RSA key transport teaching mode
 * with the RFC 5246 §7.4.7.1 countermeasure.
 */
public sealed interface ServerStates12 extends HandshakeState {

    /** TLS_FALLBACK_SCSV (RFC 7507). */
    int FALLBACK_SCSV = 0x5600;

    /** Answers a ClientHello that negotiates TLS 1.2. */
    static HandshakeState onClientHello(HandshakeContext ctx, ClientHello ch, byte[] raw) {
        TlsConfig cfg = ctx.config();
        if (cfg.enables(ProtocolVersion.TLS13) && ch.cipherSuites().contains(CipherSuite.of(FALLBACK_SCSV))) {
            throw new TlsAlertException(
                    AlertDescription.INAPPROPRIATE_FALLBACK, "TLS_FALLBACK_SCSV from a client that could do TLS 1.3");
        }
        boolean nullCompression = false;
        for (byte b : ch.compressionMethods()) {
            nullCompression |= b == 0;
        }
        if (!nullCompression) {
            throw TlsAlertException.illegal("ClientHello without null compression");
        }
        Extension ri = ch.extension(ExtensionType.RENEGOTIATION_INFO);
        if (ri != null && (ri.data().length != 1 || ri.data()[0] != 0)) {
            throw TlsAlertException.handshakeFailure("non-empty renegotiation_info in an initial handshake");
        }
        if (ri == null && !ch.cipherSuites().contains(CipherSuite.TLS_EMPTY_RENEGOTIATION_INFO_SCSV)) {
            // RFC 5746 §4.4: Strata refuses clients without secure renegotiation support.
            throw TlsAlertException.handshakeFailure("client lacks renegotiation_info and its SCSV (RFC 5746)");
        }
        List<NamedGroup> clientGroups = ch.extension(ExtensionType.SUPPORTED_GROUPS) == null
                ? List.of(NamedGroup.SECP256R1)
                : U16Lists.decodeGroups(
                        ch.extension(ExtensionType.SUPPORTED_GROUPS).data());
        NamedGroup group = cfg.groups().stream()
                .filter(g -> g.isEcdhe12() && clientGroups.contains(g))
                .findFirst()
                .orElse(null);
        List<SignatureScheme> clientSchemes = ch.extension(ExtensionType.SIGNATURE_ALGORITHMS) == null
                ? List.of() // RFC 5246 §7.4.1.4.1 would default to SHA-1, which Strata refuses
                : U16Lists.decodeSchemes(
                        ch.extension(ExtensionType.SIGNATURE_ALGORITHMS).data());
        PrivateKey key = cfg.certifiedKey().privateKey();
        CipherSuite suite = null;
        SignatureScheme scheme = null;
        for (CipherSuite s : cfg.tls12Suites()) {
            if (!ch.cipherSuites().contains(s)) {
                continue;
            }
            CipherSuite.KeyExchange kx = s.keyExchange();
            if (kx == CipherSuite.KeyExchange.RSA) {
                if (cfg.rsaKeyTransportTeachingMode() && key.getAlgorithm().equals("RSA")) {
                    suite = s;
                    break;
                }
                continue;
            }
            boolean keyFits = kx == CipherSuite.KeyExchange.ECDHE_RSA
                    ? key.getAlgorithm().equals("RSA")
                    : !key.getAlgorithm().equals("RSA") && curveAccepted(key, clientGroups);
            SignatureScheme sc = keyFits ? Signatures.choose(cfg.signatureSchemes(), clientSchemes, key, false) : null;
            if (group != null && sc != null) {
                suite = s;
                scheme = sc;
                break;
            }
        }
        if (suite == null) {
            throw TlsAlertException.handshakeFailure(
                    "no TLS 1.2 suite, group and signature scheme in common; client offers " + ch.cipherSuites());
        }
        ctx.setRsaKeyTransport(suite.keyExchange() == CipherSuite.KeyExchange.RSA);
        String sni = ch.extension(ExtensionType.SERVER_NAME) == null
                ? null
                : ServerNameExtension.decode(
                        ch.extension(ExtensionType.SERVER_NAME).data());
        String alpn = ServerStates13.selectAlpn(cfg, ch);
        boolean ems = ch.extension(ExtensionType.EXTENDED_MASTER_SECRET) != null;
        Extension ticketExt = ch.extension(ExtensionType.SESSION_TICKET);
        boolean issueTicket = ticketExt != null && cfg.ticketKeys() != null;
        ctx.transcript().add(raw);

        byte[] random = new byte[32];
        ctx.random().nextBytes(random);
        if (cfg.enables(ProtocolVersion.TLS13)) {
            // RFC 8446 §4.1.3: a TLS 1.3 server negotiating TLS 1.2 marks its random.
            System.arraycopy(ServerHello.DOWNGRADE_TLS12, 0, random, 24, 8);
        }
        TicketState12 resumed = null;
        if (issueTicket && ticketExt.data().length > 0) {
            byte[] plain = cfg.ticketKeys().open(ticketExt.data());
            TicketState12 t = plain == null ? null : TicketState12.decode(plain);
            if (t != null
                    && t.suite().equals(suite)
                    && t.extendedMasterSecret() == ems // RFC 7627 §5.3
                    && ctx.nowMillis() - t.issuedMillis() < t.lifetimeSeconds() * 1000) {
                resumed = t;
            }
        }
        List<Extension> ext = new ArrayList<>();
        ext.add(new Extension(ExtensionType.RENEGOTIATION_INFO, new byte[] {0}));
        if (ems) {
            ext.add(new Extension(ExtensionType.EXTENDED_MASTER_SECRET, new byte[0]));
        }
        if (ch.extension(ExtensionType.EC_POINT_FORMATS) != null && resumed == null) {
            ext.add(new Extension(ExtensionType.EC_POINT_FORMATS, new byte[] {1, 0}));
        }
        if (issueTicket) {
            ext.add(new Extension(ExtensionType.SESSION_TICKET, new byte[0]));
        }
        if (alpn != null) {
            ext.add(new Extension(ExtensionType.ALPN, AlpnExtension.encode(List.of(alpn))));
        }
        byte[] sessionId = resumed != null ? ch.sessionId() : new byte[0];
        ctx.send(new ServerHello(0x0303, random, sessionId, suite, 0, List.copyOf(ext)));

        if (resumed != null) {
            Session12 s = new Session12(
                    suite,
                    ch.random(),
                    random,
                    ems,
                    resumed.master(),
                    null,
                    null,
                    alpn,
                    sni,
                    List.of(),
                    true,
                    issueTicket);
            ctx.keyLog(KeyLog.CLIENT_RANDOM, resumed.master());
            if (issueTicket) {
                sendTicket(ctx, s);
            }
            KeySchedule12.Ciphers c = KeySchedule12.ciphers(suite, s.master(), s.clientRandom(), s.serverRandom());
            ctx.sendChangeCipherSpec();
            ctx.setWriteCipher(c.server());
            ctx.send(new Finished(KeySchedule12.verifyData(
                    suite.hash(), s.master(), false, ctx.transcript().hash(suite.hash()))));
            return new ExpectChangeCipherSpec(s);
        }

        CertifiedKey ck = cfg.certifiedKey();
        ctx.send(new CertificateMessage(null, Handshakes.entries(ck.chain())));
        KeyShares.Ephemeral eph = null;
        if (suite.keyExchange() != CipherSuite.KeyExchange.RSA) {
            eph = KeyShares.generate(group, ctx.random());
            ServerKeyExchange unsigned = new ServerKeyExchange(group, eph.publicValue(), scheme, new byte[0]);
            byte[] content = KeySchedule12.serverKeyExchangeContent(ch.random(), random, unsigned.params());
            byte[] sig = Signatures.sign(scheme, key, content, ctx.random());
            ctx.send(new ServerKeyExchange(group, eph.publicValue(), scheme, sig));
        }
        boolean askClient = cfg.clientAuth() != ClientAuth.NONE;
        if (askClient) {
            ctx.send(new CertificateRequest12(
                    new byte[] {64, 1}, // ecdsa_sign, rsa_sign (RFC 8422 §5.5, RFC 5246 §7.4.4)
                    cfg.signatureSchemes(),
                    List.of()));
        }
        ctx.send(new ServerHelloDone());
        Session12 s = new Session12(
                suite,
                ch.random(),
                random,
                ems,
                null,
                eph == null ? null : group,
                eph == null ? null : scheme,
                alpn,
                sni,
                List.of(),
                false,
                issueTicket);
        return askClient ? new ExpectClientCertificate(s, eph) : new ExpectClientKeyExchange(s, eph);
    }

    /**
     * RFC 8422 §5.1: in TLS 1.2 an ECDSA certificate's curve must be one the client listed in supported_groups.
     */
    private static boolean curveAccepted(PrivateKey key, List<NamedGroup> clientGroups) {
        if (!(key instanceof java.security.interfaces.ECKey ec)) {
            return true; // Ed25519 has no curve in supported_groups
        }
        int bits = ec.getParams().getCurve().getField().getFieldSize();
        NamedGroup g = bits == 256 ? NamedGroup.SECP256R1 : bits == 384 ? NamedGroup.SECP384R1 : NamedGroup.SECP521R1;
        return clientGroups.contains(g);
    }

    /**
     * Waiting for the client's Certificate.
     *
     * @param session what is settled
     * @param ephemeral the server's ECDHE key, or null for RSA key transport
     */
    record ExpectClientCertificate(Session12 session, KeyShares.Ephemeral ephemeral) implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateMessage cm -> {
                    if (cm.entries().isEmpty()) {
                        if (ctx.config().clientAuth() == ClientAuth.REQUIRED) {
                            // RFC 5246 §7.4.6: a server that needs a certificate answers an empty one this way.
                            throw TlsAlertException.handshakeFailure("client sent no certificate");
                        }
                        ctx.transcript().add(raw);
                        yield new ExpectClientKeyExchange(session, ephemeral);
                    }
                    List<X509Certificate> chain = Handshakes.parseChain(cm);
                    Handshakes.checkTrust(ctx.config().verifier(), chain, null, Role.CLIENT);
                    ctx.transcript().add(raw);
                    yield new ExpectClientKeyExchange(session.withPeerChain(chain), ephemeral);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the ClientKeyExchange.
     *
     * @param session what is settled
     * @param ephemeral the server's ECDHE key, or null for RSA key transport
     */
    record ExpectClientKeyExchange(Session12 session, KeyShares.Ephemeral ephemeral) implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case ClientKeyExchange cke -> {
                    byte[] preMaster =
                            ephemeral != null ? ephemeral.agree(cke.exchange()) : rsaDecrypt(ctx, cke.exchange());
                    ctx.transcript().add(raw);
                    byte[] master = session.extendedMasterSecret()
                            ? KeySchedule12.extendedMasterSecret(
                                    session.suite().hash(),
                                    preMaster,
                                    ctx.transcript().hash(session.suite().hash()))
                            : KeySchedule12.masterSecret(
                                    session.suite().hash(), preMaster, session.clientRandom(), session.serverRandom());
                    ctx.keyLog(KeyLog.CLIENT_RANDOM, master);
                    Session12 s = session.withMaster(master);
                    yield session.peerChain().isEmpty()
                            ? new ExpectChangeCipherSpec(s)
                            : new ExpectClientCertificateVerify(s);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * RSA key transport with the RFC 5246 §7.4.7.1 countermeasure: on any decryption, length or version failure the
     * premaster secret is a random one, chosen without a distinguishable error, so the handshake just fails at
     * Finished and the server is no Bleichenbacher oracle.
     */
    private static byte[] rsaDecrypt(HandshakeContext ctx, byte[] encrypted) {
        byte[] random = new byte[48];
        ctx.random().nextBytes(random);
        byte[] decrypted;
        try {
            Cipher rsa = Cipher.getInstance("RSA/ECB/PKCS1Padding");
            rsa.init(Cipher.DECRYPT_MODE, ctx.config().certifiedKey().privateKey());
            decrypted = rsa.doFinal(encrypted);
        } catch (GeneralSecurityException | RuntimeException e) {
            decrypted = null;
        }
        int good = decrypted != null && decrypted.length == 48 ? 1 : 0;
        byte[] candidate = good == 1 ? decrypted : random;
        good &= (candidate[0] == 3 ? 1 : 0) & (candidate[1] == 3 ? 1 : 0);
        byte[] out = new byte[48];
        int mask = -good; // all ones when good
        for (int i = 0; i < 48; i++) {
            out[i] = (byte) ((candidate[i] & mask) | (random[i] & ~mask));
        }
        return out;
    }

    /**
     * Waiting for the client's CertificateVerify.
     *
     * @param session what is settled
     */
    record ExpectClientCertificateVerify(Session12 session) implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case CertificateVerify cv -> {
                    X509Certificate leaf = session.peerChain().getFirst();
                    if (!ctx.config().signatureSchemes().contains(cv.scheme())
                            || !Signatures.fits(cv.scheme(), leaf.getPublicKey(), false)) {
                        throw TlsAlertException.illegal("client CertificateVerify with " + cv.scheme());
                    }
                    if (!Signatures.verify(
                            cv.scheme(), leaf.getPublicKey(), ctx.transcript().bytes(), cv.signature())) {
                        throw new TlsAlertException(
                                AlertDescription.DECRYPT_ERROR, "client CertificateVerify does not verify");
                    }
                    ctx.transcript().add(raw);
                    yield new ExpectChangeCipherSpec(session);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    /**
     * Waiting for the client's ChangeCipherSpec.
     *
     * @param session what is settled (master secret known)
     */
    record ExpectChangeCipherSpec(Session12 session) implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            throw HandshakeState.unexpected(this, message);
        }

        @Override
        public HandshakeState onChangeCipherSpec(HandshakeContext ctx) {
            KeySchedule12.Ciphers c = KeySchedule12.ciphers(
                    session.suite(), session.master(), session.clientRandom(), session.serverRandom());
            ctx.setReadCipher(c.client());
            return new ExpectClientFinished(session);
        }
    }

    /**
     * Waiting for the client's Finished.
     *
     * @param session what is settled
     */
    record ExpectClientFinished(Session12 session) implements ServerStates12 {
        @Override
        public HandshakeState handle(HandshakeContext ctx, HandshakeMessage message, byte[] raw) {
            return switch (message) {
                case Finished f -> {
                    byte[] expected = KeySchedule12.verifyData(
                            session.suite().hash(),
                            session.master(),
                            true,
                            ctx.transcript().hash(session.suite().hash()));
                    if (!Handshakes.macEquals(expected, f.verifyData())) {
                        throw new TlsAlertException(AlertDescription.DECRYPT_ERROR, "client Finished does not verify");
                    }
                    ctx.transcript().add(raw);
                    if (!session.resumed()) {
                        if (session.ticketExpected()) {
                            sendTicket(ctx, session);
                        }
                        KeySchedule12.Ciphers c = KeySchedule12.ciphers(
                                session.suite(), session.master(), session.clientRandom(), session.serverRandom());
                        ctx.sendChangeCipherSpec();
                        ctx.setWriteCipher(c.server());
                        ctx.send(new Finished(KeySchedule12.verifyData(
                                session.suite().hash(),
                                session.master(),
                                false,
                                ctx.transcript().hash(session.suite().hash()))));
                    }
                    ctx.complete(session.summary());
                    yield new Connected12(Role.SERVER);
                }
                default -> throw HandshakeState.unexpected(this, message);
            };
        }
    }

    private static void sendTicket(HandshakeContext ctx, Session12 s) {
        long lifetime = ctx.config().ticketLifetimeSeconds();
        byte[] state = new TicketState12(
                        s.suite(), s.master(), s.extendedMasterSecret(), ctx.nowMillis(), lifetime, s.alpn())
                .encode();
        ctx.send(new NewSessionTicket12(lifetime, ctx.config().ticketKeys().seal(state, ctx.random())));
    }

    /**
     * What a TLS 1.2 ticket seals (RFC 5077 §4 recommends a similar structure).
     *
     * @param suite the suite
     * @param master the master secret
     * @param extendedMasterSecret whether it is an RFC 7627 master secret
     * @param issuedMillis when it was issued
     * @param lifetimeSeconds its lifetime
     * @param alpn the protocol or null
     */
    record TicketState12(
            CipherSuite suite,
            byte[] master,
            boolean extendedMasterSecret,
            long issuedMillis,
            long lifetimeSeconds,
            String alpn) {
        byte[] encode() {
            Writer w = new Writer();
            w.u8(12).u16(suite.value()).u8(extendedMasterSecret ? 1 : 0);
            w.u32(issuedMillis >>> 32)
                    .u32(issuedMillis & 0xFFFFFFFFL)
                    .u32(lifetimeSeconds)
                    .vector(1, master);
            w.vector(1, alpn == null ? new byte[0] : alpn.getBytes(StandardCharsets.UTF_8));
            return w.toByteArray();
        }

        static TicketState12 decode(byte[] b) {
            try {
                Reader r = Reader.of(b);
                if (r.u8("ticket version") != 12) {
                    return null;
                }
                CipherSuite suite = CipherSuite.of(r.u16("suite"));
                boolean ems = r.u8("ems") == 1;
                long issued = (r.u32("issued") << 32) | r.u32("issued");
                long lifetime = r.u32("lifetime");
                byte[] master = r.vector(1, 48, 48, "master");
                byte[] alpn = r.vector(1, "alpn");
                r.expectEnd("ticket");
                return new TicketState12(
                        suite,
                        master,
                        ems,
                        issued,
                        lifetime,
                        alpn.length == 0 ? null : new String(alpn, StandardCharsets.UTF_8));
            } catch (TlsAlertException e) {
                return null;
            }
        }
    }
}
