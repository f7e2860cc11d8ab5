package dev.strata.tcp;

/**
 * Sequence-number arithmetic modulo 2^32 (RFC 9293 §3.4): comparisons that hold across wrap-around, as long as the
 * numbers compared are less than 2^31 apart.
 */
public final class Seq {

    private Seq() {}

    /** a < b in sequence space. */
    public static boolean lt(int a, int b) {
        return a - b < 0;
    }

    /** a <= b in sequence space. */
    public static boolean le(int a, int b) {
        return a - b <= 0;
    }

    /** a > b in sequence space. */
    public static boolean gt(int a, int b) {
        return a - b > 0;
    }

    /** a >= b in sequence space. */
    public static boolean ge(int a, int b) {
        return a - b >= 0;
    }

    /** The larger of a and b in sequence space. */
    public static int max(int a, int b) {
        return gt(a, b) ? a : b;
    }

    /** The smaller of a and b in sequence space. */
    public static int min(int a, int b) {
        return lt(a, b) ? a : b;
    }

    /** lo <= x < hi in sequence space. */
    public static boolean inRange(int x, int lo, int hi) {
        return le(lo, x) && lt(x, hi);
    }

    /** The distance from {@code from} to {@code to} as an unsigned count (to - from, modulo 2^32). */
    public static long distance(int from, int to) {
        return (to - from) & 0xFFFF_FFFFL;
    }

    /** The number as an unsigned decimal, as tcpdump prints it. */
    public static String toString(int seq) {
        return Integer.toUnsignedString(seq);
    }
}
