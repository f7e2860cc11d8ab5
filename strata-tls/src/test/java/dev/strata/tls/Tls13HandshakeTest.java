package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tls.TestPki.KeyType;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strata client against Strata server, in memory, for TLS 1.3. */
class Tls13HandshakeTest {

    static final TestPki.Issued EC = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, true, "server.example");
    static final TestPki.Issued RSA = TestPki.issue(KeyType.RSA_2048, KeyType.RSA_2048, true, "server.example");
    static final TestPki.Issued ED = TestPki.issue(KeyType.ED25519, KeyType.ED25519, true, "server.example");

    static TlsConfig.Builder server(TestPki.Issued issued) {
        return TlsConfig.builder().versions(ProtocolVersion.TLS13).certifiedKey(issued.key());
    }

    static TlsConfig.Builder client(TestPki.Issued issued) {
        return TlsConfig.builder().versions(ProtocolVersion.TLS13).verifier(TestPki.trusting(issued.ca()));
    }

    static void exchange(TlsEngine c, TlsEngine s) {
        byte[] ping = "GET / HTTP/1.1\r\nHost: server.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        c.write(ping);
        Loopback.pump(c, s);
        assertThat(s.readApplicationData()).isEqualTo(ping);
        byte[] big = new byte[100_000];
        new SecureRandom().nextBytes(big);
        s.write(big);
        Loopback.pump(c, s);
        assertThat(c.readApplicationData()).isEqualTo(big);
    }

    static Arguments[] matrix() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite suite : CipherSuite.TLS13_DEFAULTS) {
            for (NamedGroup g :
                    List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1, NamedGroup.X25519MLKEM768)) {
                out.add(Arguments.of(suite, g, "EC"));
            }
        }
        out.add(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "RSA"));
        out.add(Arguments.of(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "ED"));
        return out.toArray(Arguments[]::new);
    }

    @ParameterizedTest
    @MethodSource("matrix")
    void fullHandshakeAndData(CipherSuite suite, NamedGroup group, String keyType) {
        TestPki.Issued issued = switch (keyType) {
            case "RSA" -> RSA;
            case "ED" -> ED;
            default -> EC;
        };
        TlsEngine s = TlsEngine.server(
                server(issued).groups(group).cipherSuites(suite).build());
        TlsEngine c = TlsEngine.client(
                client(issued).groups(group).cipherSuites(suite).build(), "server.example");
        Loopback.pump(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(s.failure()).isEmpty();
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        assertThat(s.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        assertThat(c.summary().cipherSuite()).isEqualTo(suite);
        assertThat(c.summary().group()).isEqualTo(group);
        assertThat(c.summary().peerCertificates()).containsExactly(issued.key().leaf());
        assertThat(s.summary().serverName()).isEqualTo("server.example");
        exchange(c, s);
    }

    @Test
    void helloRetryRequestWhenTheServerWantsAnotherGroup() {
        TlsEngine s = TlsEngine.server(server(EC).groups(NamedGroup.SECP384R1).build());
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsEngine c = TlsEngine.client(
                client(EC)
                        .groups(NamedGroup.X25519, NamedGroup.SECP384R1)
                        .keyShareGroups(NamedGroup.X25519)
                        .listener(rec)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(c.summary().helloRetry()).isTrue();
        assertThat(c.summary().group()).isEqualTo(NamedGroup.SECP384R1);
        assertThat(rec.names())
                .startsWith(
                        ">ClientHello",
                        "<HelloRetryRequest",
                        ">ChangeCipherSpec",
                        ">ClientHello",
                        "<ChangeCipherSpec",
                        "<ServerHello");
        exchange(c, s);
    }

    @Test
    void alpnAndClientCertificate() {
        TestPki.Issued clientCert = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, false, "client");
        TlsEngine s = TlsEngine.server(server(EC)
                .alpn("h2", "http/1.1")
                .clientAuth(ClientAuth.REQUIRED)
                .verifier(TestPki.trusting(clientCert.ca()))
                .build());
        TlsEngine c = TlsEngine.client(
                client(EC).alpn("http/1.1").certifiedKey(clientCert.key()).build(), "server.example");
        Loopback.pump(c, s);
        assertThat(s.failure()).isEmpty();
        assertThat(c.summary().alpn()).isEqualTo("http/1.1");
        assertThat(s.summary().alpn()).isEqualTo("http/1.1");
        assertThat(s.summary().peerCertificates())
                .containsExactly(clientCert.key().leaf());
        exchange(c, s);
    }

    @Test
    void requiredClientCertificateMissingIsCertificateRequired() {
        TestPki.Issued clientCert = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, false, "client");
        TlsEngine s = TlsEngine.server(server(EC)
                .clientAuth(ClientAuth.REQUIRED)
                .verifier(TestPki.trusting(clientCert.ca()))
                .build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        Loopback.pump(c, s);
        assertThat(s.failure())
                .hasValueSatisfying(f -> assertThat(f.alert()).isEqualTo(AlertDescription.CERTIFICATE_REQUIRED));
        assertThat(c.failure()).hasValueSatisfying(f -> {
            assertThat(f.alert()).isEqualTo(AlertDescription.CERTIFICATE_REQUIRED);
            assertThat(f.sentByUs()).isFalse();
        });
    }

    @Test
    void resumptionWithTicket() {
        TicketKeys keys = TicketKeys.generate(new SecureRandom());
        SessionCache cache = SessionCache.inMemory(8);
        TlsConfig sc = server(EC).ticketKeys(keys).alpn("http/1.1").build();
        TlsConfig cc = client(EC).sessionCache(cache).alpn("http/1.1").build();
        TlsEngine s1 = TlsEngine.server(sc);
        TlsEngine c1 = TlsEngine.client(cc, "server.example");
        Loopback.pump(c1, s1);
        exchange(c1, s1);
        assertThat(c1.summary().resumed()).isFalse();
        assertThat(cache.get("server.example")).isInstanceOf(StoredSession.Tls13.class);

        TlsEngine s2 = TlsEngine.server(sc);
        TlsEngine c2 = TlsEngine.client(cc, "server.example");
        Loopback.pump(c2, s2);
        assertThat(c2.failure()).isEmpty();
        assertThat(s2.failure()).isEmpty();
        assertThat(c2.summary().resumed()).isTrue();
        assertThat(s2.summary().resumed()).isTrue();
        exchange(c2, s2);
    }

    @Test
    void keyUpdateBothWays() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        Loopback.pump(c, s);
        exchange(c, s);
        c.requestKeyUpdate(true);
        Loopback.pump(c, s);
        assertThat(c.writeSequence()).isZero();
        assertThat(s.writeSequence()).isZero(); // the server answered with its own KeyUpdate
        exchange(c, s);
        s.requestKeyUpdate(false);
        exchange(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void recordsSplitIntoSingleBytes() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        Loopback.pump(c, s, 1);
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        exchange(c, s);
    }

    @Test
    void closeNotifyIsACleanEnd() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        Loopback.pump(c, s);
        c.write("bye".getBytes(StandardCharsets.US_ASCII));
        c.closeOutbound();
        Loopback.pump(c, s);
        assertThat(s.readApplicationData()).isEqualTo("bye".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.isInboundDone()).isTrue();
        // TLS 1.3 half-close: the server may still answer before it closes (RFC 8446 §6.1).
        assertThat(s.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        s.write("late reply".getBytes(StandardCharsets.US_ASCII));
        s.closeOutbound();
        Loopback.pump(c, s);
        assertThat(c.readApplicationData()).isEqualTo("late reply".getBytes(StandardCharsets.US_ASCII));
        assertThat(s.status()).isEqualTo(TlsEngine.Status.CLOSED);
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CLOSED);
        s.transportClosed();
        assertThat(s.failure()).isEmpty();
    }

    @Test
    void truncationIsNotACleanEnd() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        Loopback.pump(c, s);
        c.write("partial".getBytes(StandardCharsets.US_ASCII));
        Loopback.pump(c, s);
        s.transportClosed();
        assertThat(s.status()).isEqualTo(TlsEngine.Status.FAILED);
        assertThat(s.failure().orElseThrow().reason()).contains("truncated");
    }

    @Test
    void clientHelloSplitAcrossManyRecords() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(client(EC).build(), "server.example");
        java.nio.ByteBuffer rec = c.pollOutput();
        byte[] msg = new byte[rec.remaining() - 5];
        rec.position(5);
        rec.get(msg);
        for (int at = 0; at < msg.length; at += 50) {
            int n = Math.min(50, msg.length - at);
            byte[] r = new byte[5 + n];
            r[0] = 22;
            r[1] = 3;
            r[2] = 1;
            r[4] = (byte) n;
            System.arraycopy(msg, at, r, 5, n);
            s.feed(r);
        }
        assertThat(s.failure()).isEmpty();
        Loopback.pump(c, s);
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        exchange(c, s);
    }
}
