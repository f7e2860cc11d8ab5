package dev.strata.tls;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A server's session ticket protection key: tickets are {@code key_name(4) || nonce(12) || AES-256-GCM(state)}, in
 * the spirit of RFC 5077 §4, so only this server can read the state it handed out.
 */
public final class TicketKeys {

    private static final int NAME_LENGTH = 4;
    private static final int NONCE_LENGTH = 12;

    private final byte[] name;
    private final SecretKeySpec key;

    private TicketKeys(byte[] name, byte[] key) {
        this.name = name;
        this.key = new SecretKeySpec(key, "AES");
    }

    /** A fresh random key. */
    public static TicketKeys generate(SecureRandom random) {
        byte[] name = new byte[NAME_LENGTH];
        byte[] key = new byte[32];
        random.nextBytes(name);
        random.nextBytes(key);
        return new TicketKeys(name, key);
    }

    /** Seals ticket state. */
    public byte[] seal(byte[] state, SecureRandom random) {
        try {
            byte[] nonce = new byte[NONCE_LENGTH];
            random.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            c.updateAAD(name);
            byte[] ct = c.doFinal(state);
            byte[] out = new byte[NAME_LENGTH + NONCE_LENGTH + ct.length];
            System.arraycopy(name, 0, out, 0, NAME_LENGTH);
            System.arraycopy(nonce, 0, out, NAME_LENGTH, NONCE_LENGTH);
            System.arraycopy(ct, 0, out, NAME_LENGTH + NONCE_LENGTH, ct.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ticket sealing failed", e);
        }
    }

    /** The state inside {@code ticket}, or null when it is not one of this key's tickets or was altered. */
    public byte[] open(byte[] ticket) {
        if (ticket.length < NAME_LENGTH + NONCE_LENGTH + 16
                || !Arrays.equals(ticket, 0, NAME_LENGTH, name, 0, NAME_LENGTH)) {
            return null;
        }
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(
                    Cipher.DECRYPT_MODE,
                    key,
                    new GCMParameterSpec(128, Arrays.copyOfRange(ticket, NAME_LENGTH, NAME_LENGTH + NONCE_LENGTH)));
            c.updateAAD(name);
            return c.doFinal(ticket, NAME_LENGTH + NONCE_LENGTH, ticket.length - NAME_LENGTH - NONCE_LENGTH);
        } catch (GeneralSecurityException e) {
            return null;
        }
    }
}
