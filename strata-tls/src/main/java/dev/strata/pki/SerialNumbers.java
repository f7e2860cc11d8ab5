package dev.strata.pki;

import java.math.BigInteger;
import java.security.SecureRandom;

/**
 * Random certificate serial numbers.
 *
 * <p>RFC 5280 §4.1.2.2: a positive integer of at most 20 octets, unique per issuer. Strata draws 127 random bits
 * (clearing the top bit of 16 random octets keeps the DER INTEGER positive in 16 octets), well above the 64 bits of
 * CSPRNG output the CA/Browser Forum Baseline Requirements §7.1 ask for, so collisions and chosen-prefix attacks on
 * the signed bytes are out of reach.
 */
public final class SerialNumbers {

    /** Bits of randomness in every serial number. */
    public static final int ENTROPY_BITS = 127;

    private SerialNumbers() {}

    /** A fresh positive serial number with {@link #ENTROPY_BITS} random bits. */
    public static BigInteger random(SecureRandom random) {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            bytes[0] &= 0x7F;
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }
}
