package dev.strata.apps.simple;

import java.nio.ByteBuffer;

/**
 * The character generator's data (RFC 864): lines of 72 printable ASCII characters (codes 32 to 126, 95 of them),
 * each line starting one character further along the cycle, each ended by CR LF.
 */
final class ChargenPattern {

    /** Printable characters per line. */
    static final int LINE = 72;

    private static final int FIRST = 32;
    private static final int COUNT = 95;
    private static final byte[] CYCLE = cycle();

    private ChargenPattern() {}

    private static byte[] cycle() {
        byte[] out = new byte[COUNT * (LINE + 2)];
        int at = 0;
        for (int line = 0; line < COUNT; line++) {
            for (int i = 0; i < LINE; i++) {
                out[at++] = (byte) (FIRST + (line + i) % COUNT);
            }
            out[at++] = '\r';
            out[at++] = '\n';
        }
        return out;
    }

    /** One whole cycle of 95 lines (after which the pattern repeats), read-only. */
    static ByteBuffer stream() {
        return ByteBuffer.wrap(CYCLE).asReadOnlyBuffer();
    }

    /** The first {@code length} octets of the pattern, for a UDP reply (RFC 864: 0 to 512 characters). */
    static ByteBuffer prefix(int length) {
        return ByteBuffer.wrap(CYCLE, 0, Math.min(length, CYCLE.length)).asReadOnlyBuffer();
    }
}
