package dev.strata.tcp;

/**
 * SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed pseudo-random function with a
 * 128-bit key and a 64-bit output, fast on the short inputs that ISNs (RFC 6528) and SYN cookies hash.
 *
 * <p>Two entry points with one algorithm: an array of octets (the paper's definition, checked against its test
 * vectors) and up to three 64-bit words taken as 8, 16 or 24 little-endian octets, without allocation.
 */
final class SipHash {

    private SipHash() {}

    /** The key halves k0 and k1 of a 16-octet key (little-endian, as the paper). */
    static long keyHalf(byte[] key, int half) {
        if (key.length < 16) {
            throw new IllegalArgumentException("SipHash needs a 16-octet key, got " + key.length);
        }
        return littleEndian(key, 8 * half);
    }

    /** SipHash-2-4 of {@code len} octets of {@code data} from {@code off}. */
    static long hash(long k0, long k1, byte[] data, int off, int len) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        int blocks = len >>> 3;
        // Steps 0..blocks-1: the full message blocks; step blocks: the last block with the length in its top
        // octet; step blocks+1: finalization. Compression uses 2 rounds, finalization 4 (SipHash-2-4).
        for (int step = 0; step <= blocks + 1; step++) {
            boolean finish = step == blocks + 1;
            long m = 0;
            if (step < blocks) {
                m = littleEndian(data, off + 8 * step);
            } else if (!finish) {
                m = (long) len << 56;
                for (int j = 0; j < (len & 7); j++) {
                    m |= (data[off + 8 * blocks + j] & 0xFFL) << (8 * j);
                }
            }
            if (finish) {
                v2 ^= 0xFF;
            } else {
                v3 ^= m;
            }
            for (int round = 0; round < (finish ? 4 : 2); round++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            if (!finish) {
                v0 ^= m;
            }
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    /**
     * SipHash-2-4 of the first {@code words} (0 to 3) of w0, w1, w2 as little-endian octets: the same value as
     * {@link #hash(long, long, byte[], int, int)} over those 8 * words octets.
     */
    static long hash(long k0, long k1, long w0, long w1, long w2, int words) {
        long v0 = k0 ^ 0x736f6d6570736575L;
        long v1 = k1 ^ 0x646f72616e646f6dL;
        long v2 = k0 ^ 0x6c7967656e657261L;
        long v3 = k1 ^ 0x7465646279746573L;
        for (int step = 0; step <= words + 1; step++) {
            boolean finish = step == words + 1;
            long m = switch (step - words) {
                case 0 -> (long) (8 * words) << 56; // the last block: no tail octets, only the length
                case 1 -> 0;
                default -> step == 0 ? w0 : step == 1 ? w1 : w2;
            };
            if (finish) {
                v2 ^= 0xFF;
            } else {
                v3 ^= m;
            }
            for (int round = 0; round < (finish ? 4 : 2); round++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
            if (!finish) {
                v0 ^= m;
            }
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }

    private static long littleEndian(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFFL);
        }
        return v;
    }
}
