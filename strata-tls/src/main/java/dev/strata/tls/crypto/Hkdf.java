package dev.strata.tls.crypto;

import dev.strata.tls.HashAlgorithm;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.KDF;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** HKDF (RFC 5869) through the JDK's {@link KDF} API, and the TLS 1.3 labelled forms of RFC 8446 §7.1. */
public final class Hkdf {

    private static final byte[] LABEL_PREFIX = "tls13 ".getBytes(StandardCharsets.US_ASCII);

    private final HashAlgorithm hash;
    private final KDF kdf;

    /** An HKDF over {@code hash}. */
    public Hkdf(HashAlgorithm hash) {
        this.hash = hash;
        try {
            this.kdf = KDF.getInstance(hash.kdfName());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + hash.kdfName(), e);
        }
    }

    /** The hash this HKDF runs over. */
    public HashAlgorithm hash() {
        return hash;
    }

    /** HKDF-Extract(salt, IKM); an empty salt means Hash.length zeros (RFC 5869 §2.2). */
    public byte[] extract(byte[] salt, byte[] ikm) {
        try {
            HKDFParameterSpec.Builder b = HKDFParameterSpec.ofExtract().addIKM(ikm);
            if (salt.length > 0) {
                b.addSalt(salt);
            }
            return kdf.deriveData(b.extractOnly());
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("HKDF-Extract", e);
        }
    }

    /** HKDF-Expand(PRK, info, L). */
    public byte[] expand(byte[] prk, byte[] info, int length) {
        try {
            return kdf.deriveData(HKDFParameterSpec.expandOnly(new SecretKeySpec(prk, "Generic"), info, length));
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("HKDF-Expand", e);
        }
    }

    /** HKDF-Expand-Label(Secret, Label, Context, Length) of RFC 8446 §7.1. */
    public byte[] expandLabel(byte[] secret, String label, byte[] context, int length) {
        byte[] l = label.getBytes(StandardCharsets.US_ASCII);
        Writer w = new Writer(4 + LABEL_PREFIX.length + l.length + context.length);
        w.u16(length);
        int mark = w.open(1);
        w.bytes(LABEL_PREFIX).bytes(l);
        w.close(mark);
        w.vector(1, context);
        return expand(secret, w.toByteArray(), length);
    }

    /** Derive-Secret(Secret, Label, Messages) of RFC 8446 §7.1, given Transcript-Hash(Messages). */
    public byte[] deriveSecret(byte[] secret, String label, byte[] transcriptHash) {
        return expandLabel(secret, label, transcriptHash, hash.length());
    }
}
