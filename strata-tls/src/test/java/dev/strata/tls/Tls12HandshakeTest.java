package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tls.TestPki.KeyType;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Strata client against Strata server, in memory, for TLS 1.2. */
class Tls12HandshakeTest {

    static final TestPki.Issued EC = Tls13HandshakeTest.EC;
    static final TestPki.Issued RSA = Tls13HandshakeTest.RSA;

    static TlsConfig.Builder server(TestPki.Issued issued) {
        return TlsConfig.builder().versions(ProtocolVersion.TLS12).certifiedKey(issued.key());
    }

    static TlsConfig.Builder client(TestPki.Issued issued) {
        return TlsConfig.builder().versions(ProtocolVersion.TLS12).verifier(TestPki.trusting(issued.ca()));
    }

    static Arguments[] suites() {
        List<Arguments> out = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS12_DEFAULTS) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1, NamedGroup.SECP384R1)) {
                out.add(Arguments.of(s, g));
            }
        }
        return out.toArray(Arguments[]::new);
    }

    @ParameterizedTest
    @MethodSource("suites")
    void fullHandshakeAndData(CipherSuite suite, NamedGroup group) {
        TestPki.Issued issued = suite.keyExchange() == CipherSuite.KeyExchange.ECDHE_RSA ? RSA : EC;
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsEngine s = TlsEngine.server(server(issued).groups(group).build());
        TlsEngine c = TlsEngine.client(
                client(issued)
                        .cipherSuites(suite)
                        .groups(InteropTest.withCertCurve(group))
                        .listener(rec)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(s.failure()).isEmpty();
        assertThat(c.summary().version()).isEqualTo(ProtocolVersion.TLS12);
        assertThat(c.summary().cipherSuite()).isEqualTo(suite);
        assertThat(c.summary().group()).isEqualTo(group);
        assertThat(c.summary().extendedMasterSecret()).isTrue();
        assertThat(rec.completed).isEqualTo(c.summary());
        assertThat(rec.failed).isNull();
        assertThat(rec.names())
                .containsExactly(
                        ">ClientHello",
                        "<ServerHello",
                        "<Certificate",
                        "<ServerKeyExchange",
                        "<ServerHelloDone",
                        ">ClientKeyExchange",
                        ">ChangeCipherSpec",
                        ">Finished",
                        "<ChangeCipherSpec",
                        "<Finished");
        Tls13HandshakeTest.exchange(c, s);
    }

    @Test
    void clientOfferingBothVersionsGets12FromA12OnlyServer() {
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(
                Tls13HandshakeTest.client(EC)
                        .versions(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(c.summary().version()).isEqualTo(ProtocolVersion.TLS12);
        Tls13HandshakeTest.exchange(c, s);
    }

    @Test
    void ticketResumption() {
        TicketKeys keys = TicketKeys.generate(new SecureRandom());
        SessionCache cache = SessionCache.inMemory(4);
        TlsConfig sc = server(EC).ticketKeys(keys).build();
        TlsConfig cc = client(EC).sessionCache(cache).build();
        TlsEngine s1 = TlsEngine.server(sc);
        TlsEngine c1 = TlsEngine.client(cc, "server.example");
        Loopback.pump(c1, s1);
        assertThat(c1.failure()).isEmpty();
        assertThat(cache.get("server.example")).isInstanceOf(StoredSession.Tls12.class);
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsEngine s2 = TlsEngine.server(sc);
        TlsEngine c2 = TlsEngine.client(cc.toBuilder().listener(rec).build(), "server.example");
        Loopback.pump(c2, s2);
        assertThat(c2.failure()).isEmpty();
        assertThat(c2.summary().resumed()).isTrue();
        assertThat(s2.summary().resumed()).isTrue();
        assertThat(rec.names())
                .containsExactly(
                        ">ClientHello",
                        "<ServerHello",
                        "<NewSessionTicket",
                        "<ChangeCipherSpec",
                        "<Finished",
                        ">ChangeCipherSpec",
                        ">Finished");
        Tls13HandshakeTest.exchange(c2, s2);
    }

    @Test
    void clientCertificate() {
        TestPki.Issued clientCert = TestPki.issue(KeyType.RSA_2048, KeyType.RSA_2048, false, "client");
        TlsEngine s = TlsEngine.server(server(EC)
                .clientAuth(ClientAuth.REQUIRED)
                .verifier(TestPki.trusting(clientCert.ca()))
                .build());
        TlsEngine c = TlsEngine.client(client(EC).certifiedKey(clientCert.key()).build(), "server.example");
        Loopback.pump(c, s);
        assertThat(s.failure()).isEmpty();
        assertThat(s.summary().peerCertificates())
                .containsExactly(clientCert.key().leaf());
        Tls13HandshakeTest.exchange(c, s);
    }

    @Test
    void rsaKeyTransportTeachingMode() {
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsEngine s = TlsEngine.server(server(RSA).rsaKeyTransportTeachingMode().build());
        TlsEngine c = TlsEngine.client(
                client(RSA).rsaKeyTransportTeachingMode().listener(rec).build(), "server.example");
        Loopback.pump(c, s);
        assertThat(c.failure()).isEmpty();
        assertThat(c.summary().cipherSuite()).isEqualTo(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        assertThat(c.summary().group()).isNull();
        assertThat(rec.names()).doesNotContain("<ServerKeyExchange").contains(">ClientKeyExchange");
        Tls13HandshakeTest.exchange(c, s);
    }

    @Test
    void teachingSuiteIsNeverInADefaultList() {
        TlsConfig d = TlsConfig.builder().build();
        assertThat(d.cipherSuites()).doesNotContain(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
        assertThat(d.rsaKeyTransportTeachingMode()).isFalse();
    }

    @Test
    void ecdsaCertificateCurveMustBeAmongTheClientGroups() {
        // RFC 8422 §5.1: a P-256 certificate cannot serve a client that lists only X25519.
        TlsEngine s = TlsEngine.server(server(EC).build());
        TlsEngine c = TlsEngine.client(
                client(EC)
                        .cipherSuites(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256)
                        .groups(NamedGroup.X25519)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertThat(s.failure())
                .hasValueSatisfying(f -> assertThat(f.alert()).isEqualTo(AlertDescription.HANDSHAKE_FAILURE));
        assertThat(c.failure()).hasValueSatisfying(f -> assertThat(f.sentByUs()).isFalse());
    }

    /** Runs the teaching-mode handshake, letting {@code tamper} rewrite the client's encrypted premaster secret. */
    private static TlsEngine rsaHandshakeWithPremaster(java.util.function.UnaryOperator<byte[]> tamper) {
        TlsEngine s = TlsEngine.server(server(RSA).rsaKeyTransportTeachingMode().build());
        TlsEngine c = TlsEngine.client(client(RSA).rsaKeyTransportTeachingMode().build(), "server.example");
        s.feed(c.pollOutput());
        c.feed(s.pollOutput());
        java.nio.ByteBuffer flight = c.pollOutput(); // ClientKeyExchange record, CCS record, Finished record
        byte[] b = new byte[flight.remaining()];
        flight.get(b);
        int ckeLen = ((b[3] & 0xFF) << 8) | (b[4] & 0xFF);
        byte[] encrypted = java.util.Arrays.copyOfRange(b, 5 + 6, 5 + ckeLen); // after the header and length
        byte[] replaced = tamper.apply(encrypted);
        assertThat(replaced).hasSameSizeAs(encrypted);
        System.arraycopy(replaced, 0, b, 5 + 6, replaced.length);
        s.feed(b);
        return s;
    }

    @Test
    void rsaPremasterFailuresAreIndistinguishable() throws Exception {
        // RFC 5246 §7.4.7.1: bad padding and a wrong version number must look the same: the handshake just fails
        // at the Finished record, with one alert and one reason, so the server is no Bleichenbacher (ROBOT) oracle.
        java.security.PublicKey serverKey = RSA.key().leaf().getPublicKey();
        TlsEngine badPadding = rsaHandshakeWithPremaster(e -> {
            byte[] x = e.clone();
            x[10] ^= 0x55;
            return x;
        });
        TlsEngine wrongVersion = rsaHandshakeWithPremaster(e -> {
            try {
                byte[] pms = new byte[48];
                pms[0] = 3;
                pms[1] = 1; // TLS 1.0 inside a TLS 1.2 ClientKeyExchange
                javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(javax.crypto.Cipher.ENCRYPT_MODE, serverKey);
                return rsa.doFinal(pms);
            } catch (java.security.GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        });
        TlsEngine shortSecret = rsaHandshakeWithPremaster(e -> {
            try {
                javax.crypto.Cipher rsa = javax.crypto.Cipher.getInstance("RSA/ECB/PKCS1Padding");
                rsa.init(javax.crypto.Cipher.ENCRYPT_MODE, serverKey);
                return rsa.doFinal(new byte[] {3, 3, 1, 2, 3});
            } catch (java.security.GeneralSecurityException ex) {
                throw new IllegalStateException(ex);
            }
        });
        for (TlsEngine s : List.of(badPadding, wrongVersion, shortSecret)) {
            assertThat(s.failure().orElseThrow().alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
            assertThat(s.failure().orElseThrow().reason())
                    .isEqualTo(badPadding.failure().orElseThrow().reason());
        }
        TlsEngine untouched = rsaHandshakeWithPremaster(e -> e);
        assertThat(untouched.failure()).isEmpty();
    }
}
