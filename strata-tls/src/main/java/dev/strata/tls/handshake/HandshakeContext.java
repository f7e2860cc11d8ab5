package dev.strata.tls.handshake;

import dev.strata.tls.AlertDescription;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.Role;
import dev.strata.tls.SessionSummary;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.crypto.Transcript;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.record.RecordCipher;
import java.security.SecureRandom;

/**
 * What a handshake state may do to its connection: send messages, change record keys, log secrets and declare the
 * handshake complete. The engine implements it; states hold only immutable values and act through this.
 */
public interface HandshakeContext {

    /** The configuration. */
    TlsConfig config();

    /** This side's role. */
    Role role();

    /** The randomness source. */
    default SecureRandom random() {
        return config().random();
    }

    /** Wall time in milliseconds. */
    default long nowMillis() {
        return config().clock().millis();
    }

    /** The client's intended server name (client), or null. */
    String serverName();

    /** The transcript of this handshake. */
    Transcript transcript();

    /** Queues a handshake message, adds it to the transcript and reports it to the listener. */
    void send(HandshakeMessage message);

    /** Queues a post-handshake message (NewSessionTicket, KeyUpdate), which no transcript covers. */
    void sendPostHandshake(HandshakeMessage message);

    /** Queues a ChangeCipherSpec record (TLS 1.2, or the TLS 1.3 middlebox-compatibility dummy). */
    void sendChangeCipherSpec();

    /** Queues a warning-level alert (TLS 1.2 no_renegotiation). */
    void sendWarning(AlertDescription alert);

    /** Protects records read from now on; a handshake message split across the key change is unexpected_message. */
    void setReadCipher(RecordCipher cipher);

    /** Flushes queued handshake messages under the old keys, then protects records written from now on. */
    void setWriteCipher(RecordCipher cipher);

    /** Sets the negotiated version, which selects message and record forms. */
    void setVersion(ProtocolVersion version);

    /** Tells the codec that a TLS 1.2 ClientKeyExchange carries an RSA-encrypted premaster secret. */
    void setRsaKeyTransport(boolean rsa);

    /** The client random, for key log lines. */
    void setClientRandom(byte[] clientRandom);

    /** Writes one NSS key log line, if a key log is configured. */
    void keyLog(String label, byte[] secret);

    /** The handshake is complete: application data may flow. */
    void complete(SessionSummary summary);

    /** The summary, once complete. */
    SessionSummary summary();
}
