package dev.strata.tls.record;

import dev.strata.tls.Aead;
import dev.strata.tls.AlertDescription;
import dev.strata.tls.ContentType;
import dev.strata.tls.TlsAlertException;
import java.security.GeneralSecurityException;
import java.security.spec.AlgorithmParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AEAD protection of one direction of records: TLS 1.3 (RFC 8446 §5.2-5.3) or TLS 1.2 (RFC 5246 §6.2.3.3 with the
 * nonces of RFC 5288 §3 for AES-GCM and RFC 7905 §2 for ChaCha20-Poly1305).
 *
 * <p>One {@link Cipher} object is kept per direction and re-initialised for each record with that record's nonce;
 * records are sealed and opened in place in the caller's array.
 */
public final class RecordCipher {

    /** The record header length. */
    public static final int HEADER_LENGTH = 5;
    /** The largest plaintext fragment (RFC 8446 §5.1). */
    public static final int MAX_PLAINTEXT = 1 << 14;

    private final Aead aead;
    private final boolean tls13;
    private final SecretKey key;
    private final byte[] iv;
    private final Cipher cipher;
    private final byte[] nonce = new byte[Aead.NONCE_LENGTH];
    private final byte[] aad;
    private final byte[] trailer = new byte[1];
    private long sequence;

    private RecordCipher(Aead aead, boolean tls13, byte[] key, byte[] iv) {
        this.aead = aead;
        this.tls13 = tls13;
        this.key = new SecretKeySpec(key, aead.keyAlgorithm());
        this.iv = iv.clone();
        this.aad = new byte[tls13 ? HEADER_LENGTH : 13];
        try {
            this.cipher = Cipher.getInstance(aead.transformation());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("JDK lacks " + aead.transformation(), e);
        }
    }

    /** TLS 1.3 protection with a write key and a 12-octet write IV. */
    public static RecordCipher tls13(Aead aead, byte[] key, byte[] iv) {
        return new RecordCipher(aead, true, key, iv);
    }

    /** TLS 1.2 protection: a 4-octet implicit salt for AES-GCM, a 12-octet IV for ChaCha20-Poly1305. */
    public static RecordCipher tls12(Aead aead, byte[] key, byte[] fixedIv) {
        return new RecordCipher(aead, false, key, fixedIv);
    }

    /** The number of records this cipher has protected so far (the next sequence number). */
    public long sequence() {
        return sequence;
    }

    /** The expansion of a record: explicit nonce (TLS 1.2 GCM) plus tag, plus the content type octet in TLS 1.3. */
    public int overhead() {
        return Aead.TAG_LENGTH + (tls13 ? 1 : explicitNonceLength());
    }

    private int explicitNonceLength() {
        return !tls13 && aead != Aead.CHACHA20_POLY1305 ? 8 : 0;
    }

    private AlgorithmParameterSpec nonceSpec(long seq) {
        if (!tls13 && aead != Aead.CHACHA20_POLY1305) {
            // RFC 5288 §3: nonce = salt (4) || explicit nonce (8); Strata uses the sequence number as explicit part.
            System.arraycopy(iv, 0, nonce, 0, 4);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] = (byte) (seq >>> (56 - 8 * i));
            }
        } else {
            // RFC 8446 §5.3 and RFC 7905 §2: the IV XORed with the sequence number, left-padded to 12 octets.
            System.arraycopy(iv, 0, nonce, 0, 12);
            for (int i = 0; i < 8; i++) {
                nonce[4 + i] ^= (byte) (seq >>> (56 - 8 * i));
            }
        }
        return aead == Aead.CHACHA20_POLY1305
                ? new IvParameterSpec(nonce)
                : new GCMParameterSpec(Aead.TAG_LENGTH * 8, nonce);
    }

    private void nextSequence() {
        if (++sequence == 0) {
            throw new TlsAlertException(AlertDescription.INTERNAL_ERROR, "record sequence number wrapped");
        }
    }

    /**
     * Seals one record into {@code out} at {@code at}: the header, then the protected fragment, encrypted straight
     * from {@code in} (which must not overlap the record in {@code out}). In TLS 1.3 the true type goes inside and
     * the outer type is application_data; {@code padding} zero octets may follow it.
     *
     * @return the record length
     */
    public int seal(ContentType type, byte[] in, int off, int len, int padding, byte[] out, int at) {
        try {
            int body = at + HEADER_LENGTH;
            int ctLen;
            AlgorithmParameterSpec spec = nonceSpec(sequence);
            cipher.init(Cipher.ENCRYPT_MODE, key, spec);
            if (tls13) {
                int inner = len + 1 + padding;
                ctLen = inner + Aead.TAG_LENGTH;
                writeHeader(out, at, ContentType.APPLICATION_DATA.value(), ctLen);
                System.arraycopy(out, at, aad, 0, HEADER_LENGTH);
                cipher.updateAAD(aad);
                // RFC 8446 §5.2: TLSInnerPlaintext = content || type || zeros.
                int n = len == 0 ? 0 : cipher.update(in, off, len, out, body);
                byte[] tail = padding == 0 ? trailer : new byte[1 + padding];
                tail[0] = (byte) type.value();
                cipher.doFinal(tail, 0, 1 + padding, out, body + n);
            } else {
                int explicit = explicitNonceLength();
                ctLen = explicit + len + Aead.TAG_LENGTH;
                writeHeader(out, at, type.value(), ctLen);
                fillAad12(type.value(), len);
                cipher.updateAAD(aad);
                if (explicit > 0) {
                    System.arraycopy(nonce, 4, out, body, 8);
                }
                cipher.doFinal(in, off, len, out, body + explicit);
            }
            nextSequence();
            return HEADER_LENGTH + ctLen;
        } catch (GeneralSecurityException e) {
            throw TlsAlertException.internal("sealing a record", e);
        }
    }

    /**
     * The result of opening a record.
     *
     * @param type the true content type
     * @param offset index of the plaintext in the array that was opened
     * @param length length of the plaintext
     */
    public record Opened(ContentType type, int offset, int length) {}

    /**
     * Opens the record whose header starts at {@code at} in {@code buf} (header and {@code fragmentLength} octets
     * following it), in place. A bad tag is bad_record_mac; a TLS 1.3 inner plaintext of only zeros is
     * unexpected_message (RFC 8446 §5.4); an oversized plaintext is record_overflow.
     */
    public Opened open(byte[] buf, int at, int fragmentLength) {
        return open(buf, at, fragmentLength, buf, at + HEADER_LENGTH + (tls13 ? 0 : explicitNonceLength()));
    }

    /**
     * Opens the record whose header starts at {@code at} in {@code buf}, writing the plaintext to {@code dst} at
     * {@code dstAt} (room for {@code fragmentLength} octets needed there); {@code buf} is not written unless it is
     * {@code dst}. The failures are those of {@link #open(byte[], int, int)}.
     */
    public Opened open(byte[] buf, int at, int fragmentLength, byte[] dst, int dstAt) {
        int body = at + HEADER_LENGTH;
        try {
            if (tls13) {
                if (fragmentLength < Aead.TAG_LENGTH + 1) {
                    throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "record too short for a tag");
                }
                System.arraycopy(buf, at, aad, 0, HEADER_LENGTH);
                cipher.init(Cipher.DECRYPT_MODE, key, nonceSpec(sequence));
                cipher.updateAAD(aad);
                int n = cipher.doFinal(buf, body, fragmentLength, dst, dstAt);
                nextSequence();
                int i = n - 1;
                while (i >= 0 && dst[dstAt + i] == 0) {
                    i--; // RFC 8446 §5.4: strip the zero padding
                }
                if (i < 0) {
                    throw TlsAlertException.unexpected("inner plaintext has no content type");
                }
                if (i > MAX_PLAINTEXT) {
                    throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW, "plaintext of " + i + " octets");
                }
                return new Opened(ContentType.of(dst[dstAt + i] & 0xFF), dstAt, i);
            }
            int explicit = explicitNonceLength();
            if (fragmentLength < explicit + Aead.TAG_LENGTH) {
                throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "record too short for a tag");
            }
            AlgorithmParameterSpec spec;
            if (explicit > 0) {
                System.arraycopy(iv, 0, nonce, 0, 4);
                System.arraycopy(buf, body, nonce, 4, 8);
                spec = new GCMParameterSpec(Aead.TAG_LENGTH * 8, nonce);
            } else {
                spec = nonceSpec(sequence);
            }
            int plainLen = fragmentLength - explicit - Aead.TAG_LENGTH;
            int type = buf[at] & 0xFF;
            fillAad12(type, plainLen);
            cipher.init(Cipher.DECRYPT_MODE, key, spec);
            cipher.updateAAD(aad);
            int n = cipher.doFinal(buf, body + explicit, fragmentLength - explicit, dst, dstAt);
            nextSequence();
            if (n > MAX_PLAINTEXT) {
                throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW, "plaintext of " + n + " octets");
            }
            return new Opened(ContentType.of(type), dstAt, n);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "record authentication failed");
        } catch (GeneralSecurityException e) {
            throw new TlsAlertException(AlertDescription.BAD_RECORD_MAC, "record decryption failed", e);
        }
    }

    private void fillAad12(int type, int plainLen) {
        // RFC 5246 §6.2.3.3: additional_data = seq_num + type + version + length
        for (int i = 0; i < 8; i++) {
            aad[i] = (byte) (sequence >>> (56 - 8 * i));
        }
        aad[8] = (byte) type;
        aad[9] = 3;
        aad[10] = 3;
        aad[11] = (byte) (plainLen >>> 8);
        aad[12] = (byte) plainLen;
    }

    /** Writes a record header. */
    public static void writeHeader(byte[] out, int at, int type, int length) {
        out[at] = (byte) type;
        out[at + 1] = 3;
        out[at + 2] = 3;
        out[at + 3] = (byte) (length >>> 8);
        out[at + 4] = (byte) length;
    }
}
