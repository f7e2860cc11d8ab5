package dev.strata.tls;

import static dev.strata.tls.Rfc8448.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tls.codec.Reader;
import dev.strata.tls.crypto.KeySchedule13;
import dev.strata.tls.crypto.KeyShares;
import dev.strata.tls.crypto.Transcript;
import dev.strata.tls.message.ClientHello;
import dev.strata.tls.message.HandshakeCodec;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.message.ServerHello;
import dev.strata.tls.record.RecordCipher;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Known-answer tests from RFC 8448 §3: key exchange, key schedule, Finished values and exact record bytes. */
class Rfc8448KeyScheduleTest {

    private static final HashAlgorithm H = HashAlgorithm.SHA256;
    private final KeySchedule13 ks = new KeySchedule13(H);

    private static byte[] concat(byte[]... parts) {
        return dev.strata.tls.crypto.Prf12.concat(parts);
    }

    /** The server flight split into its four messages. */
    private static List<byte[]> serverFlightMessages() {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < SERVER_FLIGHT.length) {
            int len = ((SERVER_FLIGHT[at + 1] & 0xFF) << 16)
                    | ((SERVER_FLIGHT[at + 2] & 0xFF) << 8)
                    | (SERVER_FLIGHT[at + 3] & 0xFF);
            out.add(Arrays.copyOfRange(SERVER_FLIGHT, at, at + 4 + len));
            at += 4 + len;
        }
        return out;
    }

    @Test
    void x25519KeysAndSharedSecret() {
        KeyShares.Ephemeral client = KeyShares.x25519FromPrivate(CLIENT_PRIVATE);
        KeyShares.Ephemeral server = KeyShares.x25519FromPrivate(SERVER_PRIVATE);
        assertThat(client.publicValue()).isEqualTo(CLIENT_PUBLIC);
        assertThat(server.publicValue()).isEqualTo(SERVER_PUBLIC);
        assertThat(client.agree(SERVER_PUBLIC)).isEqualTo(SHARED_SECRET);
        assertThat(server.agree(CLIENT_PUBLIC)).isEqualTo(SHARED_SECRET);
    }

    @Test
    void handshakeSecretsKeysAndIvs() {
        byte[] early = ks.earlySecret(null);
        assertThat(early).isEqualTo(EARLY_SECRET);
        byte[] hs = ks.handshakeSecret(early, SHARED_SECRET);
        assertThat(hs).isEqualTo(HANDSHAKE_SECRET);
        Transcript t = new Transcript();
        t.add(CLIENT_HELLO);
        t.add(SERVER_HELLO);
        assertThat(t.hash(H)).isEqualTo(HELLO_HASH);
        assertThat(ks.derive(hs, "c hs traffic", HELLO_HASH)).isEqualTo(CLIENT_HS_SECRET);
        assertThat(ks.derive(hs, "s hs traffic", HELLO_HASH)).isEqualTo(SERVER_HS_SECRET);
        assertThat(ks.trafficKey(SERVER_HS_SECRET, 16)).isEqualTo(SERVER_HS_KEY);
        assertThat(ks.trafficIv(SERVER_HS_SECRET)).isEqualTo(SERVER_HS_IV);
        assertThat(ks.trafficKey(CLIENT_HS_SECRET, 16)).isEqualTo(CLIENT_HS_KEY);
        assertThat(ks.trafficIv(CLIENT_HS_SECRET)).isEqualTo(CLIENT_HS_IV);
        assertThat(ks.masterSecret(hs)).isEqualTo(MASTER_SECRET);
    }

    @Test
    void finishedValuesApplicationSecretsAndResumption() {
        List<byte[]> flight = serverFlightMessages();
        assertThat(flight).hasSize(4);
        Transcript t = new Transcript();
        t.add(CLIENT_HELLO);
        t.add(SERVER_HELLO);
        for (int i = 0; i < 3; i++) {
            t.add(flight.get(i));
        }
        assertThat(ks.finishedKey(SERVER_HS_SECRET)).isEqualTo(SERVER_FINISHED_KEY);
        byte[] serverVerify = ks.finishedVerifyData(SERVER_HS_SECRET, t.hash(H));
        assertThat(concat(new byte[] {20, 0, 0, 32}, serverVerify)).isEqualTo(SERVER_FINISHED);
        t.add(flight.get(3));
        assertThat(t.hash(H)).isEqualTo(SERVER_FINISHED_HASH);
        assertThat(ks.derive(MASTER_SECRET, "c ap traffic", SERVER_FINISHED_HASH))
                .isEqualTo(CLIENT_AP_SECRET);
        assertThat(ks.derive(MASTER_SECRET, "s ap traffic", SERVER_FINISHED_HASH))
                .isEqualTo(SERVER_AP_SECRET);
        assertThat(ks.derive(MASTER_SECRET, "exp master", SERVER_FINISHED_HASH)).isEqualTo(EXPORTER_SECRET);
        assertThat(ks.trafficKey(SERVER_AP_SECRET, 16)).isEqualTo(SERVER_AP_KEY);
        assertThat(ks.trafficIv(SERVER_AP_SECRET)).isEqualTo(SERVER_AP_IV);
        assertThat(ks.trafficKey(CLIENT_AP_SECRET, 16)).isEqualTo(CLIENT_AP_KEY);
        assertThat(ks.trafficIv(CLIENT_AP_SECRET)).isEqualTo(CLIENT_AP_IV);
        assertThat(ks.finishedKey(CLIENT_HS_SECRET)).isEqualTo(CLIENT_FINISHED_KEY);
        byte[] clientVerify = ks.finishedVerifyData(CLIENT_HS_SECRET, SERVER_FINISHED_HASH);
        assertThat(concat(new byte[] {20, 0, 0, 32}, clientVerify)).isEqualTo(CLIENT_FINISHED);
        t.add(CLIENT_FINISHED);
        assertThat(t.hash(H)).isEqualTo(CLIENT_FINISHED_HASH);
        assertThat(ks.derive(MASTER_SECRET, "res master", CLIENT_FINISHED_HASH)).isEqualTo(RESUMPTION_MASTER);
        assertThat(ks.resumptionPsk(RESUMPTION_MASTER, TICKET_NONCE)).isEqualTo(RESUMPTION_PSK);
    }

    private static byte[] seal(RecordCipher c, ContentType type, byte[] payload) {
        byte[] out = new byte[payload.length + 64];
        int n = c.seal(type, payload, 0, payload.length, 0, out, 0);
        return Arrays.copyOf(out, n);
    }

    private static byte[] open(RecordCipher c, byte[] record, ContentType expectedType) {
        byte[] buf = record.clone();
        RecordCipher.Opened o = c.open(buf, 0, buf.length - 5);
        assertThat(o.type()).isEqualTo(expectedType);
        return Arrays.copyOfRange(buf, o.offset(), o.offset() + o.length());
    }

    @Test
    void protectedRecordsAreByteExact() {
        Aead aes = Aead.AES_128_GCM;
        RecordCipher serverHsWrite = RecordCipher.tls13(aes, SERVER_HS_KEY, SERVER_HS_IV);
        assertThat(seal(serverHsWrite, ContentType.HANDSHAKE, SERVER_FLIGHT)).isEqualTo(SERVER_FLIGHT_RECORD);
        RecordCipher clientHsWrite = RecordCipher.tls13(aes, CLIENT_HS_KEY, CLIENT_HS_IV);
        assertThat(seal(clientHsWrite, ContentType.HANDSHAKE, CLIENT_FINISHED)).isEqualTo(CLIENT_FINISHED_RECORD);

        RecordCipher serverApWrite = RecordCipher.tls13(aes, SERVER_AP_KEY, SERVER_AP_IV);
        assertThat(seal(serverApWrite, ContentType.HANDSHAKE, NEW_SESSION_TICKET))
                .isEqualTo(NEW_SESSION_TICKET_RECORD);
        RecordCipher clientApWrite = RecordCipher.tls13(aes, CLIENT_AP_KEY, CLIENT_AP_IV);
        assertThat(seal(clientApWrite, ContentType.APPLICATION_DATA, APPLICATION_DATA))
                .isEqualTo(CLIENT_APPLICATION_DATA_RECORD);
        assertThat(seal(serverApWrite, ContentType.APPLICATION_DATA, APPLICATION_DATA))
                .isEqualTo(SERVER_APPLICATION_DATA_RECORD);
        assertThat(seal(clientApWrite, ContentType.ALERT, CLOSE_NOTIFY)).isEqualTo(CLIENT_ALERT_RECORD);
        assertThat(seal(serverApWrite, ContentType.ALERT, CLOSE_NOTIFY)).isEqualTo(SERVER_ALERT_RECORD);
    }

    @Test
    void protectedRecordsOpenToTheTracePlaintext() {
        Aead aes = Aead.AES_128_GCM;
        RecordCipher clientHsRead = RecordCipher.tls13(aes, SERVER_HS_KEY, SERVER_HS_IV);
        assertThat(open(clientHsRead, SERVER_FLIGHT_RECORD, ContentType.HANDSHAKE))
                .isEqualTo(SERVER_FLIGHT);
        RecordCipher serverApRead = RecordCipher.tls13(aes, CLIENT_AP_KEY, CLIENT_AP_IV);
        assertThat(open(serverApRead, CLIENT_APPLICATION_DATA_RECORD, ContentType.APPLICATION_DATA))
                .isEqualTo(APPLICATION_DATA);
        assertThat(open(serverApRead, CLIENT_ALERT_RECORD, ContentType.ALERT)).isEqualTo(CLOSE_NOTIFY);
    }

    @Test
    void messagesDecodeAndReencodeExactly() {
        List<byte[]> all = new ArrayList<>(List.of(CLIENT_HELLO, SERVER_HELLO));
        all.addAll(serverFlightMessages());
        all.add(CLIENT_FINISHED);
        all.add(NEW_SESSION_TICKET);
        for (byte[] raw : all) {
            HandshakeMessage m = HandshakeCodec.decode(
                    HandshakeType.of(raw[0] & 0xFF), Arrays.copyOfRange(raw, 4, raw.length), true, false);
            assertThat(m.encode()).as(m.type().messageName()).isEqualTo(raw);
        }
        ClientHello ch = ClientHello.decode(Reader.of(Arrays.copyOfRange(CLIENT_HELLO, 4, CLIENT_HELLO.length)));
        assertThat(ch.cipherSuites())
                .containsExactly(
                        CipherSuite.TLS_AES_128_GCM_SHA256,
                        CipherSuite.TLS_CHACHA20_POLY1305_SHA256,
                        CipherSuite.TLS_AES_256_GCM_SHA384);
        ServerHello sh = ServerHello.decode(Reader.of(Arrays.copyOfRange(SERVER_HELLO, 4, SERVER_HELLO.length)));
        assertThat(sh.isHelloRetryRequest()).isFalse();
        assertThat(sh.cipherSuite()).isEqualTo(CipherSuite.TLS_AES_128_GCM_SHA256);
        assertThat(Arrays.copyOfRange(CLIENT_HELLO_RECORD, 5, CLIENT_HELLO_RECORD.length))
                .isEqualTo(CLIENT_HELLO);
        assertThat(Arrays.copyOfRange(SERVER_HELLO_RECORD, 5, SERVER_HELLO_RECORD.length))
                .isEqualTo(SERVER_HELLO);
    }
}
