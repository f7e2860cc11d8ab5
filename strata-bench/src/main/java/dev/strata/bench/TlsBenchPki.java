package dev.strata.bench;

import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.IssuedCertificate;
import dev.strata.pki.KeyType;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * The certificates every TLS benchmark uses, from Strata's CA: an EC P-256 root and a server certificate for
 * {@code localhost} it signed. The same certificates are handed to Strata (a chain and a key, a
 * {@link dev.strata.tls.PkiVerifier}) and to the JSSE implementations (key and trust stores).
 */
public final class TlsBenchPki {

    /** The name the server certificate carries and every client checks. */
    public static final String HOST = "localhost";

    /** The root CA. */
    public final CertificateAuthority ca;
    /** The server's certificate and key. */
    public final IssuedCertificate server;

    /** Makes the CA and the server certificate (the same ones for a given seed). */
    public TlsBenchPki() {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(42);
            ca = CertificateAuthority.createRoot("Strata Bench CA", KeyType.EC_P256, r, Clock.systemUTC());
            server = ca.issueServer(List.of(HOST), KeyType.EC_P256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * An SSLContext of {@code provider} (null for the JDK's own) with the server key and the CA as trust anchor, for
     * both ends.
     */
    public SSLContext sslContext(Provider provider) {
        try {
            // The key in memory, as Strata holds it: a PKCS12 key store would re-derive its PBKDF2 key (10,000
            // HMAC rounds) on every handshake through the JDK's PKIX key manager, which measures the key store.
            KeyManager[] keys = {new InMemoryKeyManager(server.chain(), server.privateKey())};
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("ca", ca.certificate());
            TrustManagerFactory tmf = provider == null
                    ? TrustManagerFactory.getInstance("PKIX")
                    : TrustManagerFactory.getInstance("PKIX", provider);
            tmf.init(trust);
            SSLContext ctx =
                    provider == null ? SSLContext.getInstance("TLSv1.3") : SSLContext.getInstance("TLS", provider);
            ctx.init(keys, tmf.getTrustManagers(), new SecureRandom());
            return ctx;
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalStateException("cannot build the SSLContext: " + e, e);
        }
    }

    /** A server key manager holding one chain and key in memory. */
    private static final class InMemoryKeyManager extends X509ExtendedKeyManager {
        private static final String ALIAS = "server";
        private final X509Certificate[] chain;
        private final PrivateKey key;

        InMemoryKeyManager(List<X509Certificate> chain, PrivateKey key) {
            this.chain = chain.toArray(X509Certificate[]::new);
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return keyType.startsWith("EC") ? ALIAS : null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return chain.clone();
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return key;
        }
    }
}
