package dev.strata.tls;

import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/** Test helper: the JDK's own SSLEngine as an in-process peer of a Strata engine, pumped in memory. */
final class JdkPeer {

    final SSLEngine engine;
    private ByteBuffer toJdk = ByteBuffer.allocate(0);
    private final ByteBuffer appIn;

    private JdkPeer(SSLEngine engine) {
        this.engine = engine;
        this.appIn = ByteBuffer.allocate(1 << 20);
    }

    static SSLContext context(CertifiedKey key, X509Certificate trust) throws Exception {
        KeyManagerFactory kmf = null;
        if (key != null) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(
                    "k", key.privateKey(), "pw".toCharArray(), key.chain().toArray(new X509Certificate[0]));
            kmf = KeyManagerFactory.getInstance("PKIX");
            kmf.init(ks, "pw".toCharArray());
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trust);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return ctx;
    }

    static JdkPeer client(SSLContext ctx, String protocol, String suite, String... groups) {
        SSLEngine e = ctx.createSSLEngine("server.example", 443);
        e.setUseClientMode(true);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        p.setNamedGroups(groups);
        p.setServerNames(List.of(new SNIHostName("server.example")));
        p.setEndpointIdentificationAlgorithm("HTTPS");
        e.setSSLParameters(p);
        return new JdkPeer(e);
    }

    static JdkPeer server(SSLContext ctx, String protocol, String suite, String group, boolean needClientAuth) {
        SSLEngine e = ctx.createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(new String[] {protocol});
        p.setCipherSuites(new String[] {suite});
        p.setNamedGroups(new String[] {group});
        p.setNeedClientAuth(needClientAuth);
        e.setSSLParameters(p);
        return new JdkPeer(e);
    }

    /** Moves bytes both ways, with {@code appOut} as data the JDK side sends, until nothing moves. */
    void pump(TlsEngine strata, ByteBuffer appOut) throws Exception {
        ByteBuffer net = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 4);
        for (int round = 0; round < 200; round++) {
            boolean moved = false;
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run();
                moved = true;
            }
            while (true) {
                net.clear();
                SSLEngineResult r = engine.wrap(appOut, net);
                if (r.bytesProduced() == 0) {
                    break;
                }
                net.flip();
                strata.feed(net);
                moved = true;
                if (r.getStatus() != SSLEngineResult.Status.OK) {
                    break;
                }
            }
            if (strata.hasOutput()) {
                ByteBuffer more = strata.pollOutput();
                ByteBuffer joined = ByteBuffer.allocate(toJdk.remaining() + more.remaining());
                joined.put(toJdk).put(more).flip();
                toJdk = joined;
                moved = true;
            }
            while (toJdk.hasRemaining()) {
                SSLEngineResult r = engine.unwrap(toJdk, appIn);
                while ((task = engine.getDelegatedTask()) != null) {
                    task.run();
                }
                if (r.bytesConsumed() == 0 && r.bytesProduced() == 0) {
                    break;
                }
                moved = true;
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    break;
                }
            }
            if (!moved) {
                return;
            }
        }
        throw new AssertionError("JDK and Strata engines did not go quiet");
    }

    /** Application bytes the JDK engine decrypted so far. */
    byte[] received() {
        appIn.flip();
        byte[] b = new byte[appIn.remaining()];
        appIn.get(b);
        appIn.clear();
        return b;
    }
}
