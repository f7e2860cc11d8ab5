package dev.strata.tls.crypto;

import dev.strata.tls.HashAlgorithm;
import dev.strata.tls.TlsAlertException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The TLS 1.2 pseudorandom function PRF(secret, label, seed) = P_hash(secret, label + seed) (RFC 5246 §5). */
public final class Prf12 {

    private Prf12() {}

    /** PRF output of {@code length} octets. */
    public static byte[] prf(HashAlgorithm hash, byte[] secret, String label, byte[] seed, int length) {
        try {
            Mac mac = Mac.getInstance(hash.macName());
            mac.init(new SecretKeySpec(secret, hash.macName()));
            byte[] labelSeed = concat(label.getBytes(StandardCharsets.US_ASCII), seed);
            byte[] out = new byte[length];
            byte[] a = labelSeed; // A(0)
            int done = 0;
            while (done < length) {
                a = mac.doFinal(a); // A(i) = HMAC_hash(secret, A(i-1))
                mac.update(a);
                byte[] block = mac.doFinal(labelSeed);
                int n = Math.min(block.length, length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("PRF", e);
        }
    }

    /** The concatenation of arrays. */
    public static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }
}
