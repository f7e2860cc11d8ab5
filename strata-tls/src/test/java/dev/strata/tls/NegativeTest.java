package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tls.TestPki.KeyType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.Extension;
import dev.strata.tls.record.RecordCipher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and broken input: each case ends in a clear failure with the right alert, releases no application data,
 * and leaves nothing hanging.
 */
class NegativeTest {

    static final TestPki.Issued EC = Tls13HandshakeTest.EC;

    static TlsEngine server() {
        return TlsEngine.server(Tls13HandshakeTest.server(EC)
                .versions(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                .build());
    }

    static TlsEngine client() {
        return TlsEngine.client(Tls13HandshakeTest.client(EC).build(), "server.example");
    }

    static void assertFailed(TlsEngine e, AlertDescription alert, boolean sentByUs) {
        assertThat(e.status()).isEqualTo(TlsEngine.Status.FAILED);
        TlsFailure f = e.failure().orElseThrow();
        assertThat(f.alert()).as(f.toString()).isEqualTo(alert);
        assertThat(f.sentByUs()).isEqualTo(sentByUs);
        assertThat(e.available()).isZero();
    }

    /** The alert record a failing engine queued, as plaintext {level, description}, when it is unprotected. */
    static byte[] plaintextAlert(TlsEngine e) {
        ByteBuffer out = e.pollOutput();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        assertThat(b).hasSize(7);
        assertThat(b[0]).isEqualTo((byte) 21);
        return Arrays.copyOfRange(b, 5, 7);
    }

    static byte[] record(int type, byte[] body) {
        byte[] r = new byte[5 + body.length];
        r[0] = (byte) type;
        r[1] = 3;
        r[2] = 3;
        r[3] = (byte) (body.length >>> 8);
        r[4] = (byte) body.length;
        System.arraycopy(body, 0, r, 5, body.length);
        return r;
    }

    @Test
    void tamperedRecordIsBadRecordMacAndReleasesNothing() {
        TlsEngine c = client();
        TlsEngine s = server();
        Loopback.pump(c, s);
        c.write("secret".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer rec = c.pollOutput();
        rec.put(rec.limit() - 3, (byte) (rec.get(rec.limit() - 3) ^ 1));
        s.feed(rec);
        assertFailed(s, AlertDescription.BAD_RECORD_MAC, true);
        assertThat(s.hasOutput()).isTrue(); // the alert is on its way
        c.feed(s.pollOutput());
        assertFailed(c, AlertDescription.BAD_RECORD_MAC, false);
    }

    @Test
    void tamperedHandshakeRecordFailsTheHandshake() {
        TlsEngine c = client();
        TlsEngine s = server();
        s.feed(c.pollOutput());
        ByteBuffer flight = s.pollOutput();
        flight.put(flight.limit() - 1, (byte) (flight.get(flight.limit() - 1) ^ 0x80));
        c.feed(flight);
        assertFailed(c, AlertDescription.BAD_RECORD_MAC, true);
        assertThat(c.isHandshakeComplete()).isFalse();
    }

    @Test
    void truncationInsideARecordIsNotACleanEnd() {
        TlsEngine c = client();
        TlsEngine s = server();
        Loopback.pump(c, s);
        c.write(new byte[1000]);
        ByteBuffer rec = c.pollOutput();
        s.feed(rec.slice(0, 500));
        assertThat(s.available()).isZero();
        s.transportClosed();
        assertThat(s.status()).isEqualTo(TlsEngine.Status.FAILED);
        assertThat(s.failure().orElseThrow().reason()).contains("truncated");
        assertThat(s.available()).isZero();
    }

    @Test
    void oversizedHandshakeMessageIsDecodeError() {
        TlsEngine s = server();
        byte[] body = new byte[100];
        body[0] = 1; // ClientHello
        body[1] = (byte) 0xFF; // length 2^24-1
        body[2] = (byte) 0xFF;
        body[3] = (byte) 0xFF;
        s.feed(record(22, body));
        assertFailed(s, AlertDescription.DECODE_ERROR, true);
        assertThat(plaintextAlert(s)).containsExactly(2, 50);
    }

    @Test
    void clientHelloWithTrailingBytesIsDecodeError() {
        TlsEngine c = client();
        ByteBuffer chRecord = c.pollOutput();
        byte[] raw = new byte[chRecord.remaining()];
        chRecord.get(raw);
        byte[] msg = Arrays.copyOfRange(raw, 5, raw.length);
        int len = ((msg[1] & 0xFF) << 16) | ((msg[2] & 0xFF) << 8) | (msg[3] & 0xFF);
        byte[] longer = Arrays.copyOf(msg, msg.length + 3); // three stray octets inside the message
        len += 3;
        longer[1] = (byte) (len >>> 16);
        longer[2] = (byte) (len >>> 8);
        longer[3] = (byte) len;
        TlsEngine s = server();
        s.feed(record(22, longer));
        assertFailed(s, AlertDescription.DECODE_ERROR, true);
    }

    @Test
    void extensionLengthRunningPastTheEndIsDecodeError() {
        // A ClientHello whose only extension claims 200 octets but has 2.
        byte[] body = HexFormat.of()
                .parseHex("0303" + "00".repeat(32) + "00" + "00021301" + "0100" + "0006" + "002b00c80304");
        byte[] msg = new byte[4 + body.length];
        msg[0] = 1;
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        TlsEngine s = server();
        s.feed(record(22, msg));
        assertFailed(s, AlertDescription.DECODE_ERROR, true);
    }

    @Test
    void finishedAsTheFirstMessageIsUnexpected() {
        TlsEngine s = server();
        s.feed(record(22, HexFormat.of().parseHex("14000020" + "00".repeat(32))));
        assertFailed(s, AlertDescription.UNEXPECTED_MESSAGE, true);
        assertThat(plaintextAlert(s)).containsExactly(2, 10);
    }

    @Test
    void applicationDataBeforeTheHandshakeIsUnexpected() {
        TlsEngine s = server();
        s.feed(record(23, "GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertFailed(s, AlertDescription.UNEXPECTED_MESSAGE, true);
    }

    @Test
    void plaintextHttpIsRefusedNotParsed() {
        TlsEngine s = server();
        s.feed("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertFailed(s, AlertDescription.UNEXPECTED_MESSAGE, true);
    }

    @Test
    void oversizedRecordIsRecordOverflow() {
        TlsEngine s = server();
        s.feed(new byte[] {22, 3, 3, (byte) 0x50, 0});
        assertFailed(s, AlertDescription.RECORD_OVERFLOW, true);
    }

    @Test
    void oldVersionsAreRefusedWithProtocolVersion() {
        // A TLS 1.1 ClientHello: legacy_version 0x0302, no supported_versions.
        byte[] body = HexFormat.of().parseHex("0302" + "00".repeat(32) + "00" + "0002c013" + "0100");
        byte[] msg = new byte[4 + body.length];
        msg[0] = 1;
        msg[3] = (byte) body.length;
        System.arraycopy(body, 0, msg, 4, body.length);
        TlsEngine s = server();
        s.feed(record(22, msg));
        assertFailed(s, AlertDescription.PROTOCOL_VERSION, true);
    }

    @Test
    void verifierRejectionSendsItsAlert() {
        TlsEngine s = server();
        TlsEngine c = TlsEngine.client(
                Tls13HandshakeTest.client(EC)
                        .verifier((chain, name, role) ->
                                Verdict.rejected(AlertDescription.BAD_CERTIFICATE, "pinned key differs"))
                        .build(),
                "server.example");
        c.write("must not leave".getBytes(StandardCharsets.US_ASCII));
        Loopback.pump(c, s);
        assertFailed(c, AlertDescription.BAD_CERTIFICATE, true);
        assertThat(c.failure().orElseThrow().reason()).contains("pinned key differs");
        assertFailed(s, AlertDescription.BAD_CERTIFICATE, false);
        assertThat(s.isHandshakeComplete()).isFalse();
    }

    @Test
    void unknownCaIsUnknownCa() {
        TestPki.Issued other = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, true, "server.example");
        TlsEngine s = server();
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsEngine c =
                TlsEngine.client(Tls13HandshakeTest.client(other).listener(rec).build(), "server.example");
        Loopback.pump(c, s);
        assertFailed(c, AlertDescription.UNKNOWN_CA, true);
        assertThat(rec.failed).isEqualTo(c.failure().orElseThrow());
        assertThat(rec.completed).isNull();
        assertThat(rec.names()).endsWith("<Certificate", ">Alert");
        assertFailed(s, AlertDescription.UNKNOWN_CA, false);
    }

    @Test
    void expiredCertificateIsCertificateExpired() {
        Instant now = Instant.now();
        TestPki.Issued old = TestPki.issue(
                KeyType.EC_P256,
                KeyType.EC_P256,
                true,
                now.minus(Duration.ofDays(30)),
                now.minus(Duration.ofDays(1)),
                "server.example");
        TlsEngine s = TlsEngine.server(Tls13HandshakeTest.server(old).build());
        TlsEngine c = TlsEngine.client(Tls13HandshakeTest.client(old).build(), "server.example");
        Loopback.pump(c, s);
        assertFailed(c, AlertDescription.CERTIFICATE_EXPIRED, true);
    }

    @Test
    void wrongHostNameIsBadCertificate() {
        TlsEngine s = server();
        TlsEngine c = TlsEngine.client(Tls13HandshakeTest.client(EC).build(), "other.example");
        Loopback.pump(c, s);
        assertFailed(c, AlertDescription.BAD_CERTIFICATE, true);
        assertThat(c.failure().orElseThrow().reason()).contains("other.example");
    }

    @Test
    void noCommonAlpnIsNoApplicationProtocol() {
        TlsEngine s = TlsEngine.server(Tls13HandshakeTest.server(EC).alpn("h2").build());
        TlsEngine c =
                TlsEngine.client(Tls13HandshakeTest.client(EC).alpn("http/1.1").build(), "server.example");
        Loopback.pump(c, s);
        assertFailed(s, AlertDescription.NO_APPLICATION_PROTOCOL, true);
        assertFailed(c, AlertDescription.NO_APPLICATION_PROTOCOL, false);
    }

    @Test
    void noCommonSuiteIsHandshakeFailure() {
        TlsEngine s = TlsEngine.server(Tls13HandshakeTest.server(EC)
                .cipherSuites(CipherSuite.TLS_AES_256_GCM_SHA384)
                .build());
        TlsEngine c = TlsEngine.client(
                Tls13HandshakeTest.client(EC)
                        .cipherSuites(CipherSuite.TLS_CHACHA20_POLY1305_SHA256)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertFailed(s, AlertDescription.HANDSHAKE_FAILURE, true);
    }

    @Test
    void downgradeSentinelIsCaught() {
        // An attacker strips supported_versions from a TLS 1.3-capable client's hello; the server (which also speaks
        // 1.3) answers in TLS 1.2 with the RFC 8446 §4.1.3 sentinel, and the client must refuse.
        TlsEngine c = TlsEngine.client(
                Tls13HandshakeTest.client(EC)
                        .versions(ProtocolVersion.TLS13, ProtocolVersion.TLS12)
                        .build(),
                "server.example");
        ByteBuffer chRecord = c.pollOutput();
        byte[] raw = new byte[chRecord.remaining()];
        chRecord.get(raw);
        ClientHello ch = ClientHello.decode(Reader.of(raw, 9, raw.length - 9));
        List<Extension> ext = new ArrayList<>(ch.extensions());
        ext.removeIf(e -> e.type() == ExtensionType.SUPPORTED_VERSIONS || e.type() == ExtensionType.KEY_SHARE);
        ClientHello stripped = new ClientHello(
                ch.legacyVersion(), ch.random(), ch.sessionId(), ch.cipherSuites(), ch.compressionMethods(), ext);
        TlsEngine s = server();
        s.feed(record(22, stripped.encode()));
        assertThat(s.failure()).isEmpty();
        c.feed(s.pollOutput());
        assertFailed(c, AlertDescription.ILLEGAL_PARAMETER, true);
        assertThat(c.failure().orElseThrow().reason()).contains("downgrade");
    }

    @Test
    void tls12ServerKeyExchangeSignedWithSha1IsRefused() {
        // A server that only has SHA-1 in common with the client cannot be chosen: Strata never offers it.
        TlsConfig d = TlsConfig.builder().build();
        assertThat(d.signatureSchemes()).doesNotContain(SignatureScheme.RSA_PKCS1_SHA1, SignatureScheme.ECDSA_SHA1);
        TlsEngine s = TlsEngine.server(Tls12HandshakeTest.server(EC).build());
        TlsEngine c = TlsEngine.client(
                Tls12HandshakeTest.client(EC)
                        .signatureSchemes(SignatureScheme.RSA_PKCS1_SHA256)
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        assertFailed(s, AlertDescription.HANDSHAKE_FAILURE, true);
    }

    @Test
    void garbageNeverThrowsOrHangs() {
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < 500; i++) {
            TlsEngine s = server();
            byte[] junk = new byte[r.nextInt(300)];
            r.nextBytes(junk);
            if (junk.length > 5) {
                junk[0] = 22;
                junk[1] = 3;
                junk[2] = 3;
                junk[3] = 0;
                junk[4] = (byte) (junk.length - 5);
            }
            s.feed(junk);
            assertThat(s.status()).isIn(TlsEngine.Status.HANDSHAKING, TlsEngine.Status.FAILED);
            assertThat(s.available()).isZero();
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void socketPeersBothSeeTheFailureAndNothingHangs() throws Exception {
        TestPki.Issued other = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, true, "server.example");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> serverSide = CompletableFuture.supplyAsync(() -> {
                try (Socket a = listener.accept()) {
                    a.setSoTimeout(10_000);
                    TlsStream.accept(a, Tls13HandshakeTest.server(EC).build());
                    return null;
                } catch (IOException e) {
                    return e;
                }
            });
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
                s.setSoTimeout(10_000);
                assertThatThrownBy(() -> TlsStream.connect(
                                s, Tls13HandshakeTest.client(other).build(), "server.example"))
                        .isInstanceOf(TlsIOException.class)
                        .satisfies(
                                e -> assertThat(((TlsIOException) e).failure().alert())
                                        .isEqualTo(AlertDescription.UNKNOWN_CA));
            }
            Throwable t = serverSide.get(15, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(TlsIOException.class);
            assertThat(((TlsIOException) t).failure().alert()).isEqualTo(AlertDescription.UNKNOWN_CA);
            assertThat(((TlsIOException) t).failure().sentByUs()).isFalse();
        }
    }

    @Test
    void recordCipherRefusesAShortRecord() {
        RecordCipher c = RecordCipher.tls13(Aead.AES_128_GCM, new byte[16], new byte[12]);
        byte[] rec = {23, 3, 3, 0, 3, 1, 2, 3};
        assertThatThrownBy(() -> c.open(rec, 0, 3))
                .isInstanceOf(TlsAlertException.class)
                .satisfies(e -> assertThat(((TlsAlertException) e).alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC));
    }
}
