package dev.strata.tls.crypto;

import dev.strata.tls.Aead;
import dev.strata.tls.CipherSuite;
import dev.strata.tls.HashAlgorithm;
import dev.strata.tls.record.RecordCipher;
import java.util.Arrays;

/**
 * TLS 1.2 key derivation: the master secret (RFC 5246 §8.1) or extended master secret (RFC 7627 §4), the key block
 * for AEAD suites (RFC 5246 §6.3, RFC 5288 §3, RFC 7905 §2), and Finished verify_data (RFC 5246 §7.4.9).
 */
public final class KeySchedule12 {

    /** Length of the master secret. */
    public static final int MASTER_LENGTH = 48;
    /** Length of TLS 1.2 verify_data. */
    public static final int VERIFY_DATA_LENGTH = 12;

    private KeySchedule12() {}

    /** master_secret = PRF(pre_master_secret, "master secret", ClientHello.random + ServerHello.random)[0..47]. */
    public static byte[] masterSecret(HashAlgorithm h, byte[] preMaster, byte[] clientRandom, byte[] serverRandom) {
        return Prf12.prf(h, preMaster, "master secret", Prf12.concat(clientRandom, serverRandom), MASTER_LENGTH);
    }

    /** master_secret = PRF(pre_master_secret, "extended master secret", session_hash)[0..47] (RFC 7627 §4). */
    public static byte[] extendedMasterSecret(HashAlgorithm h, byte[] preMaster, byte[] sessionHash) {
        return Prf12.prf(h, preMaster, "extended master secret", sessionHash, MASTER_LENGTH);
    }

    /** verify_data = PRF(master_secret, finished_label, Hash(handshake_messages))[0..11]. */
    public static byte[] verifyData(HashAlgorithm h, byte[] master, boolean client, byte[] transcriptHash) {
        return Prf12.prf(h, master, client ? "client finished" : "server finished", transcriptHash, VERIFY_DATA_LENGTH);
    }

    /**
     * The two directions' record ciphers.
     *
     * @param client the client's write cipher (the server's read cipher)
     * @param server the server's write cipher (the client's read cipher)
     */
    public record Ciphers(RecordCipher client, RecordCipher server) {}

    /** key_block = PRF(master, "key expansion", server_random + client_random), split for an AEAD suite. */
    public static Ciphers ciphers(CipherSuite suite, byte[] master, byte[] clientRandom, byte[] serverRandom) {
        Aead aead = suite.aead();
        int keyLen = aead.keyLength();
        int ivLen = aead == Aead.CHACHA20_POLY1305 ? 12 : 4;
        byte[] block = Prf12.prf(
                suite.hash(), master, "key expansion", Prf12.concat(serverRandom, clientRandom), 2 * (keyLen + ivLen));
        byte[] ck = Arrays.copyOfRange(block, 0, keyLen);
        byte[] sk = Arrays.copyOfRange(block, keyLen, 2 * keyLen);
        byte[] civ = Arrays.copyOfRange(block, 2 * keyLen, 2 * keyLen + ivLen);
        byte[] siv = Arrays.copyOfRange(block, 2 * keyLen + ivLen, 2 * keyLen + 2 * ivLen);
        return new Ciphers(RecordCipher.tls12(aead, ck, civ), RecordCipher.tls12(aead, sk, siv));
    }

    /** The octets a TLS 1.2 ServerKeyExchange signature covers: client_random + server_random + params. */
    public static byte[] serverKeyExchangeContent(byte[] clientRandom, byte[] serverRandom, byte[] params) {
        return Prf12.concat(clientRandom, serverRandom, params);
    }
}
