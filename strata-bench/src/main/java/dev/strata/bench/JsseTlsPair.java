package dev.strata.bench;

import java.nio.ByteBuffer;
import java.security.Provider;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * A JSSE client and server ({@link SSLEngine}s of the JDK or of BouncyCastle's BCJSSE) in one thread, bytes moved in
 * memory: the reference side of the TLS benchmarks, configured like {@link StrataTlsPair} (TLS 1.3, X25519,
 * TLS_AES_128_GCM_SHA256, the same ECDSA P-256 certificate, the client checking the chain and the host name).
 */
public final class JsseTlsPair {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final String name;
    private final SSLContext ctx;
    private final ByteBuffer cToS = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer sToC = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer appIn = ByteBuffer.allocate(64 * 1024);
    private int port = 1;
    private SSLEngine bulkClient;
    private SSLEngine bulkServer;
    private int serverBytes;

    /** A pair of {@code provider}'s engines (null: the JDK's SunJSSE), named {@code name} in reports. */
    public JsseTlsPair(String name, Provider provider, TlsBenchPki pki) {
        this.name = name;
        this.ctx = pki.sslContext(provider);
        ctx.getClientSessionContext().setSessionCacheSize(16);
    }

    /** The implementation's name. */
    public String name() {
        return name;
    }

    private SSLEngine client(int peerPort) {
        SSLEngine e = ctx.createSSLEngine(TlsBenchPki.HOST, peerPort);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        p.setNamedGroups(new String[] {"x25519", "secp256r1"});
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return e;
    }

    private SSLEngine server() {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {"TLSv1.3"});
        p.setCipherSuites(new String[] {"TLS_AES_128_GCM_SHA256"});
        p.setNamedGroups(new String[] {"x25519", "secp256r1"});
        e.setSSLParameters(p);
        return e;
    }

    /** One full handshake (a port never used before, so the client has no session to resume). */
    public int fullHandshake() throws SSLException {
        return handshake(client(port++ % 60000 + 1024), server());
    }

    /** A full handshake to the resumption port, so that the client caches the session. */
    public void primeResumption() throws SSLException {
        handshake(client(443), server());
    }

    /** One handshake to the resumption port, which the client resumes from its session cache. */
    public int resumedHandshake() throws SSLException {
        return handshake(client(443), server());
    }

    /** Octets the server sent in the last handshake (a resumed one sends no certificate). */
    public int lastServerBytes() {
        return serverBytes;
    }

    private int handshake(SSLEngine c, SSLEngine s) throws SSLException {
        cToS.clear();
        sToC.clear();
        serverBytes = 0;
        c.beginHandshake();
        s.beginHandshake();
        int moved = 0;
        for (int rounds = 0; rounds < 1000; rounds++) {
            int n = step(c, cToS, sToC) + step(s, sToC, cToS);
            moved += n;
            if (n == 0) {
                break;
            }
        }
        if (c.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING
                || s.getHandshakeStatus() != HandshakeStatus.NOT_HANDSHAKING) {
            throw new IllegalStateException(
                    name + " handshake did not complete: " + c.getHandshakeStatus() + " / " + s.getHandshakeStatus());
        }
        return moved;
    }

    /**
     * Lets {@code e} make progress: runs its tasks, wraps what it wants to send into {@code out}, unwraps what waits
     * in {@code in} (also after the handshake, for a NewSessionTicket). Returns the octets produced or consumed.
     */
    private int step(SSLEngine e, ByteBuffer out, ByteBuffer in) throws SSLException {
        int progress = 0;
        while (true) {
            HandshakeStatus hs = e.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                Runnable t;
                while ((t = e.getDelegatedTask()) != null) {
                    t.run();
                }
                progress++;
            } else if (hs == HandshakeStatus.NEED_WRAP) {
                SSLEngineResult r = e.wrap(EMPTY, out);
                if (!e.getUseClientMode()) {
                    serverBytes += r.bytesProduced();
                }
                progress += r.bytesProduced();
                if (r.bytesProduced() == 0 && r.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                    return progress;
                }
            } else if (in.position() > 0) {
                in.flip();
                appIn.clear();
                SSLEngineResult r = e.unwrap(in, appIn);
                in.compact();
                progress += r.bytesConsumed();
                if (r.bytesConsumed() == 0) {
                    return progress;
                }
            } else {
                return progress;
            }
        }
    }

    /**
     * Connects the pair used by {@link #sealOpen} and returns the largest plaintext one record of this
     * implementation carries (SunJSSE's TLS 1.3 records hold 16,367 octets, not 16,384).
     */
    public int connectBulk() throws SSLException {
        bulkClient = client(port++ % 60000 + 1024);
        bulkServer = server();
        handshake(bulkClient, bulkServer);
        cToS.clear();
        SSLEngineResult w = bulkClient.wrap(ByteBuffer.allocate(16 * 1024), cToS);
        cToS.flip();
        bulkServer.unwrap(cToS, appIn.clear());
        cToS.clear();
        return w.bytesConsumed();
    }

    /** Wraps {@code data} (one record's worth) at the client and unwraps it at the server; returns the octets. */
    public int sealOpen(ByteBuffer data) throws SSLException {
        cToS.clear();
        SSLEngineResult w = bulkClient.wrap(data.duplicate(), cToS);
        cToS.flip();
        appIn.clear();
        SSLEngineResult u = bulkServer.unwrap(cToS, appIn);
        if (u.bytesProduced() != data.remaining() || w.bytesConsumed() != data.remaining()) {
            throw new IllegalStateException(name + " sealed " + w.bytesConsumed() + ", opened " + u.bytesProduced()
                    + " of " + data.remaining() + " octets");
        }
        return u.bytesProduced();
    }
}
