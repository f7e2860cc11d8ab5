package dev.strata.tls;

import static dev.strata.tls.Rfc8448.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tls.codec.Reader;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.handshake.ClientOffer;
import dev.strata.tls.handshake.ClientStates13;
import dev.strata.tls.message.ClientHello;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole RFC 8448 §3 connection through the client engine: with the trace's ClientHello, random and X25519 key
 * injected, the engine accepts the server's records and writes the trace's Finished, application data and
 * close_notify records byte for byte.
 */
class Rfc8448EngineTest {

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    @Test
    void clientEngineReproducesTheTrace() {
        ClientHello ch = ClientHello.decode(Reader.of(CLIENT_HELLO, 4, CLIENT_HELLO.length - 4));
        SessionCache cache = SessionCache.inMemory(2);
        Loopback.Recorder rec = new Loopback.Recorder();
        TlsConfig cfg = TlsConfig.builder()
                .versions(ProtocolVersion.TLS13)
                .middleboxCompatibility(false)
                .sessionCache(cache)
                .listener(rec)
                // The trace's server certificate is a self-signed RSA-1024 key: pin it.
                .verifier((chain, name, role) ->
                        chain.getFirst().getSubjectX500Principal().getName().equals("CN=rsa")
                                ? Verdict.trusted()
                                : Verdict.rejected(AlertDescription.BAD_CERTIFICATE, "not the trace's certificate"))
                .build();
        TlsEngine c = TlsEngine.clientStartingWith(cfg, "server", ctx -> {
            ctx.setClientRandom(ch.random());
            ctx.transcript().add(CLIENT_HELLO);
            ClientOffer offer = new ClientOffer(
                    ch.random(),
                    ch.sessionId(),
                    List.of(KeyShares.x25519FromPrivate(CLIENT_PRIVATE)),
                    null,
                    null,
                    ch,
                    false,
                    false);
            return new ClientStates13.ExpectServerHello(offer, null);
        });
        assertThat(c.hasOutput()).isFalse();

        c.feed(SERVER_HELLO_RECORD);
        c.feed(SERVER_FLIGHT_RECORD);
        assertThat(c.failure()).isEmpty();
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CONNECTED);
        assertThat(bytes(c.pollOutput())).isEqualTo(CLIENT_FINISHED_RECORD);
        assertThat(c.summary().cipherSuite()).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);
        assertThat(c.summary().signatureScheme()).isEqualTo(SignatureScheme.RSA_PSS_RSAE_SHA256);

        c.feed(NEW_SESSION_TICKET_RECORD);
        StoredSession.Tls13 ticket = (StoredSession.Tls13) cache.get("server");
        assertThat(ticket.psk()).isEqualTo(RESUMPTION_PSK);
        assertThat(ticket.lifetimeSeconds()).isEqualTo(30);

        c.feed(SERVER_APPLICATION_DATA_RECORD);
        assertThat(c.readApplicationData()).isEqualTo(APPLICATION_DATA);
        c.write(APPLICATION_DATA);
        assertThat(bytes(c.pollOutput())).isEqualTo(CLIENT_APPLICATION_DATA_RECORD);
        c.closeOutbound();
        assertThat(bytes(c.pollOutput())).isEqualTo(CLIENT_ALERT_RECORD);
        c.feed(SERVER_ALERT_RECORD);
        assertThat(c.status()).isEqualTo(TlsEngine.Status.CLOSED);
        assertThat(rec.names())
                .containsExactly(
                        "<ServerHello",
                        "<EncryptedExtensions",
                        "<Certificate",
                        "<CertificateVerify",
                        "<Finished",
                        ">Finished",
                        "<NewSessionTicket",
                        ">Alert",
                        "<Alert");
    }

    @Test
    void aFlippedBitInTheServerFlightIsCaught() {
        ClientHello ch = ClientHello.decode(Reader.of(CLIENT_HELLO, 4, CLIENT_HELLO.length - 4));
        TlsConfig cfg = TlsConfig.builder()
                .versions(ProtocolVersion.TLS13)
                .verifier(CertificateVerifier.insecureTrustAll())
                .build();
        TlsEngine c = TlsEngine.clientStartingWith(cfg, "server", ctx -> {
            ctx.transcript().add(CLIENT_HELLO);
            return new ClientStates13.ExpectServerHello(
                    new ClientOffer(
                            ch.random(),
                            ch.sessionId(),
                            List.of(KeyShares.x25519FromPrivate(CLIENT_PRIVATE)),
                            null,
                            null,
                            ch,
                            false,
                            true),
                    null);
        });
        c.feed(SERVER_HELLO_RECORD);
        byte[] flight = Arrays.copyOf(SERVER_FLIGHT_RECORD, SERVER_FLIGHT_RECORD.length);
        flight[100] ^= 1;
        c.feed(flight);
        assertThat(c.failure().orElseThrow().alert()).isEqualTo(AlertDescription.BAD_RECORD_MAC);
        assertThat(c.available()).isZero();
    }
}
