package dev.strata.link;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

/**
 * A Linux {@code struct ifreq} (linux/if.h, netdevice(7)) in native memory: a 16-octet NUL-terminated interface
 * name followed by a 24-octet union, 40 octets on 64-bit Linux. Only the union members Strata uses are named.
 */
final class IfReq {

    /** IFNAMSIZ: the name field's size, including its terminating NUL. */
    static final int IFNAMSIZ = 16;
    /** sizeof(struct ifreq) on LP64. */
    static final int SIZE = 40;
    /** Offset of the union: ifr_flags (short), ifr_mtu and ifr_ifindex (int). */
    private static final int UNION = IFNAMSIZ;

    private IfReq() {}

    /** A zeroed ifreq holding {@code name} (which the caller has checked fits: at most 15 octets). */
    static MemorySegment allocate(Arena arena, String name) {
        MemorySegment req = arena.allocate(SIZE, 8);
        byte[] b = name.getBytes(StandardCharsets.UTF_8);
        MemorySegment.copy(b, 0, req, ValueLayout.JAVA_BYTE, 0, b.length);
        return req;
    }

    /** The name field, up to its NUL. */
    static String name(MemorySegment req) {
        return req.asSlice(0, IFNAMSIZ).getString(0, StandardCharsets.UTF_8);
    }

    /** ifr_flags. */
    static short flags(MemorySegment req) {
        return req.get(ValueLayout.JAVA_SHORT, UNION);
    }

    /** Sets ifr_flags. */
    static void setFlags(MemorySegment req, int flags) {
        req.set(ValueLayout.JAVA_SHORT, UNION, (short) flags);
    }

    /** ifr_mtu (also ifr_ifindex). */
    static int intValue(MemorySegment req) {
        return req.get(ValueLayout.JAVA_INT, UNION);
    }
}
