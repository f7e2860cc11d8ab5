package dev.strata.bench;

import dev.strata.tls.CertifiedKey;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.PkiVerifier;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.SessionCache;
import dev.strata.tls.TicketKeys;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.TlsEngine;
import java.nio.ByteBuffer;
import java.security.SecureRandom;

/**
 * A Strata client and server in one thread, bytes moved between them in memory: full handshakes, resumed
 * handshakes (TLS 1.3 PSK with a session ticket, psk_dhe_ke) and bulk records.
 */
public final class StrataTlsPair {

    private final TlsConfig serverConfig;
    private final TlsConfig clientConfig;
    private final TlsConfig resumingServerConfig;
    private final TlsConfig resumingClientConfig;
    private TlsEngine bulkClient;
    private TlsEngine bulkServer;
    private final ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
    private final ByteBuffer wire = ByteBuffer.allocate(64 * 1024);

    /**
     * A pair using {@code pki}'s certificates: TLS 1.3, X25519, TLS_AES_128_GCM_SHA256, ECDSA P-256, the client
     * checking the chain and the name with Strata's PKI.
     */
    public StrataTlsPair(TlsBenchPki pki) {
        SecureRandom random = new SecureRandom();
        TlsConfig.Builder server = TlsConfig.builder()
                .versions(ProtocolVersion.TLS13)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519)
                .certifiedKey(new CertifiedKey(pki.server.chain(), pki.server.privateKey()))
                .random(random);
        TlsConfig.Builder client = TlsConfig.builder()
                .versions(ProtocolVersion.TLS13)
                .cipherSuites(CipherSuite.TLS_AES_128_GCM_SHA256)
                .groups(NamedGroup.X25519)
                .verifier(PkiVerifier.trusting(pki.ca.trustAnchors()))
                .random(random);
        serverConfig = server.build();
        clientConfig = client.build();
        resumingServerConfig = server.ticketKeys(TicketKeys.generate(random)).build();
        resumingClientConfig = client.sessionCache(SessionCache.inMemory(4)).build();
    }

    /** One full handshake; returns octets exchanged (to keep the JIT honest). */
    public int fullHandshake() {
        return handshake(clientConfig, serverConfig, false);
    }

    /** Primes the session cache with a ticket from a full handshake. */
    public void primeResumption() {
        handshake(resumingClientConfig, resumingServerConfig, false);
    }

    /** One handshake resumed with the newest ticket (which also brings the next one). */
    public int resumedHandshake() {
        return handshake(resumingClientConfig, resumingServerConfig, true);
    }

    private static int handshake(TlsConfig clientConfig, TlsConfig serverConfig, boolean mustResume) {
        TlsEngine c = TlsEngine.client(clientConfig, TlsBenchPki.HOST);
        TlsEngine s = TlsEngine.server(serverConfig);
        int moved = pump(c, s);
        if (!c.isHandshakeComplete() || !s.isHandshakeComplete()) {
            throw new IllegalStateException("handshake failed: " + c.failure() + " / " + s.failure());
        }
        if (mustResume && !c.summary().resumed()) {
            throw new IllegalStateException("the handshake was not resumed");
        }
        return moved;
    }

    /** Moves bytes between the engines until neither has anything to send; returns the octets moved. */
    static int pump(TlsEngine a, TlsEngine b) {
        int moved = 0;
        while (true) {
            int n = 0;
            if (a.hasOutput()) {
                ByteBuffer out = a.pollOutput();
                n += out.remaining();
                b.feed(out);
            }
            if (b.hasOutput()) {
                ByteBuffer out = b.pollOutput();
                n += out.remaining();
                a.feed(out);
            }
            if (n == 0) {
                return moved;
            }
            moved += n;
        }
    }

    /** Connects the pair used by {@link #sealOpen}; returns the largest plaintext of one record (16,384). */
    public int connectBulk() {
        bulkClient = TlsEngine.client(clientConfig, TlsBenchPki.HOST);
        bulkServer = TlsEngine.server(serverConfig);
        pump(bulkClient, bulkServer);
        return TlsComparison.RECORD;
    }

    /** Seals {@code data} (one record of up to 16 KiB) at the client and opens it at the server. */
    public int sealOpen(ByteBuffer data) {
        bulkClient.write(data.duplicate());
        bulkClient.pollOutput(wire.clear());
        bulkServer.feed(wire.flip());
        sink.clear();
        int n = bulkServer.read(sink);
        if (n != data.remaining()) {
            throw new IllegalStateException("opened " + n + " of " + data.remaining() + " octets");
        }
        return n;
    }
}
