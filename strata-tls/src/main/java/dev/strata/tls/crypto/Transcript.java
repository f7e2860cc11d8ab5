package dev.strata.tls.crypto;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The handshake transcript (RFC 8446 §4.4.1, RFC 5246 §7.4.9): the concatenated handshake messages, hashed on
 * demand.
 *
 * <p>The octets are kept rather than a running digest because a client learns the hash only from the ServerHello,
 * and a PSK binder hashes a ClientHello prefix. Handshakes are a few kilobytes, so rehashing is cheap.
 */
public final class Transcript {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);

    /** An empty transcript. */
    public Transcript() {}

    /** Appends one message (header included). */
    public void add(byte[] message) {
        bytes.writeBytes(message);
    }

    /** Transcript-Hash of everything added so far. */
    public byte[] hash(HashAlgorithm hash) {
        return digest(hash, bytes.toByteArray(), new byte[0]);
    }

    /** Transcript-Hash of everything added so far followed by {@code extra} (which is not added). */
    public byte[] hashWith(HashAlgorithm hash, byte[] extra) {
        return digest(hash, bytes.toByteArray(), extra);
    }

    /** The octets added so far. */
    public byte[] bytes() {
        return bytes.toByteArray();
    }

    /**
     * Replaces the transcript (which holds ClientHello1) by the synthetic message_hash message of RFC 8446 §4.4.1, as
     * the handshake does on a HelloRetryRequest.
     */
    public void replaceWithMessageHash(HashAlgorithm hash) {
        byte[] h = hash(hash);
        bytes.reset();
        bytes.write(HandshakeType.MESSAGE_HASH.value());
        bytes.write(0);
        bytes.write(0);
        bytes.write(h.length);
        bytes.writeBytes(h);
    }

    /** The hash of {@code data}. */
    public static byte[] digest(HashAlgorithm hash, byte[] data, byte[] extra) {
        try {
            MessageDigest md = MessageDigest.getInstance(hash.digestName());
            md.update(data);
            md.update(extra);
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
