package dev.strata.tls.crypto;

import dev.strata.tls.HashAlgorithm;
import dev.strata.tls.TlsAlertException;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The TLS 1.3 key schedule (RFC 8446 §7.1): Early Secret, Handshake Secret and Master Secret, and the secrets,
 * traffic keys (§7.3) and Finished keys (§4.4.4) derived from them.
 */
public final class KeySchedule13 {

    private final Hkdf hkdf;
    private final HashAlgorithm hash;

    /** A key schedule over {@code hash}. */
    public KeySchedule13(HashAlgorithm hash) {
        this.hash = hash;
        this.hkdf = new Hkdf(hash);
    }

    /** The hash. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** The underlying HKDF. */
    public Hkdf hkdf() {
        return hkdf;
    }

    private byte[] zeros() {
        return new byte[hash.length()];
    }

    private byte[] emptyHash() {
        return Transcript.digest(hash, new byte[0], new byte[0]);
    }

    /** Early Secret = HKDF-Extract(0, PSK), with a zero PSK when none is used. */
    public byte[] earlySecret(byte[] pskOrNull) {
        return hkdf.extract(zeros(), pskOrNull == null ? zeros() : pskOrNull);
    }

    /** binder_key = Derive-Secret(Early Secret, "res binder", "") for a resumption PSK. */
    public byte[] resumptionBinderKey(byte[] earlySecret) {
        return hkdf.deriveSecret(earlySecret, "res binder", emptyHash());
    }

    /** Handshake Secret = HKDF-Extract(Derive-Secret(Early Secret, "derived", ""), (EC)DHE). */
    public byte[] handshakeSecret(byte[] earlySecret, byte[] sharedSecret) {
        return hkdf.extract(hkdf.deriveSecret(earlySecret, "derived", emptyHash()), sharedSecret);
    }

    /** Master Secret = HKDF-Extract(Derive-Secret(Handshake Secret, "derived", ""), 0). */
    public byte[] masterSecret(byte[] handshakeSecret) {
        return hkdf.extract(hkdf.deriveSecret(handshakeSecret, "derived", emptyHash()), zeros());
    }

    /** Derive-Secret(secret, label, transcript hash). */
    public byte[] derive(byte[] secret, String label, byte[] transcriptHash) {
        return hkdf.deriveSecret(secret, label, transcriptHash);
    }

    /** [sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length) (RFC 8446 §7.3). */
    public byte[] trafficKey(byte[] secret, int keyLength) {
        return hkdf.expandLabel(secret, "key", new byte[0], keyLength);
    }

    /** [sender]_write_iv = HKDF-Expand-Label(Secret, "iv", "", iv_length) (RFC 8446 §7.3). */
    public byte[] trafficIv(byte[] secret) {
        return hkdf.expandLabel(secret, "iv", new byte[0], 12);
    }

    /** application_traffic_secret_N+1 = HKDF-Expand-Label(application_traffic_secret_N, "traffic upd", "", Hash.length). */
    public byte[] nextTrafficSecret(byte[] secret) {
        return hkdf.expandLabel(secret, "traffic upd", new byte[0], hash.length());
    }

    /** finished_key = HKDF-Expand-Label(BaseKey, "finished", "", Hash.length) (RFC 8446 §4.4.4). */
    public byte[] finishedKey(byte[] baseKey) {
        return hkdf.expandLabel(baseKey, "finished", new byte[0], hash.length());
    }

    /** verify_data = HMAC(finished_key, Transcript-Hash(...)) (RFC 8446 §4.4.4). */
    public byte[] finishedVerifyData(byte[] baseKey, byte[] transcriptHash) {
        return hmac(finishedKey(baseKey), transcriptHash);
    }

    /** The PSK of a ticket: HKDF-Expand-Label(resumption_master_secret, "resumption", ticket_nonce, Hash.length). */
    public byte[] resumptionPsk(byte[] resumptionMasterSecret, byte[] nonce) {
        return hkdf.expandLabel(resumptionMasterSecret, "resumption", nonce, hash.length());
    }

    /** HMAC over this schedule's hash. */
    public byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(hash.macName());
            mac.init(new SecretKeySpec(key, hash.macName()));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("HMAC", e);
        }
    }
}
