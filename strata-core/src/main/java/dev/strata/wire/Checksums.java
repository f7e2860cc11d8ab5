package dev.strata.wire;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * The Internet checksum (RFC 1071) over whole buffers, the TCP/UDP pseudo-header, and incremental update (RFC 1624).
 *
 * <p>Sums are accumulated as unfolded {@code long} values so that pieces (pseudo-header, header, payload) can be
 * added together and folded once. Every piece except the last must start at an even distance from the first octet
 * covered by the checksum, as RFC 1071 §2(A) requires for byte-order independence of partial sums.
 */
public final class Checksums {

    private static final VarHandle LITTLE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Checksums() {}

    /**
     * The unfolded sum of the 16-bit big-endian words of {@code len} octets at absolute index {@code off}; an odd
     * final octet is padded with a zero octet on its right (RFC 1071 §4.1).
     *
     * <p>The result may come back already folded: any value congruent to the sum modulo 0xFFFF, and zero only when
     * every octet is zero, folds to the same checksum.
     *
     * @throws IndexOutOfBoundsException when the octets are not all below {@code buf}'s limit
     */
    public static long sum(ByteBuffer buf, int off, int len) {
        Objects.checkFromIndexSize(off, len, buf.limit());
        if (buf.hasArray()) {
            return sumArray(buf.array(), buf.arrayOffset() + off, len);
        }
        if (buf.order() != ByteOrder.BIG_ENDIAN) {
            buf = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        }
        long acc = 0;
        int i = off;
        int end = off + len;
        // Four independent accumulators keep the adder busy; each 64-bit load adds its two 32-bit halves.
        long a = 0;
        long b = 0;
        int end32 = off + (len & ~31);
        for (; i < end32; i += 32) {
            long v0 = buf.getLong(i);
            long v1 = buf.getLong(i + 8);
            long v2 = buf.getLong(i + 16);
            long v3 = buf.getLong(i + 24);
            a += (v0 >>> 32) + (v0 & 0xFFFF_FFFFL) + (v1 >>> 32) + (v1 & 0xFFFF_FFFFL);
            b += (v2 >>> 32) + (v2 & 0xFFFF_FFFFL) + (v3 >>> 32) + (v3 & 0xFFFF_FFFFL);
        }
        acc = a + b;
        for (; i + 8 <= end; i += 8) {
            long v = buf.getLong(i);
            acc += (v >>> 32) + (v & 0xFFFF_FFFFL);
        }
        if (i + 4 <= end) {
            acc += buf.getInt(i) & 0xFFFF_FFFFL;
            i += 4;
        }
        if (i + 2 <= end) {
            acc += buf.getShort(i) & 0xFFFF;
            i += 2;
        }
        if (i < end) {
            acc += (buf.get(i) & 0xFF) << 8;
        }
        return acc;
    }

    /** The unfolded sum of the octets of {@code bytes}. */
    public static long sum(byte[] bytes, int off, int len) {
        Objects.checkFromIndexSize(off, len, bytes.length);
        return sumArray(bytes, off, len);
    }

    /**
     * The sum over an array, read in the machine's cheaper little-endian order and byte-swapped once at the end: the
     * one's complement sum of byte-swapped words is the byte-swapped sum (RFC 1071 §2(B)), so the folded result is
     * the same as the big-endian one. The main loop is the plain form C2 vectorizes: 32-bit words added to one long.
     */
    private static long sumArray(byte[] a, int off, int len) {
        int i = off;
        int end = off + len;
        long acc = 0;
        for (int end4 = off + (len & ~3); i < end4; i += 4) {
            acc += (int) LITTLE_INT.get(a, i) & 0xFFFF_FFFFL;
        }
        if (i + 2 <= end) {
            acc += (a[i] & 0xFF) | ((a[i + 1] & 0xFF) << 8);
            i += 2;
        }
        if (i < end) {
            acc += a[i] & 0xFF; // the low octet of a little-endian word: padded on the right once swapped
        }
        int folded = fold(acc);
        return ((folded & 0xFF) << 8) | (folded >>> 8);
    }

    /** Folds an unfolded sum to the 16-bit one's complement sum (end-around carries added back). */
    public static int fold(long sum) {
        // A long of 32-bit halves folds to 17 bits in two steps and to 16 bits in the third.
        sum = (sum & 0xFFFF_FFFFL) + (sum >>> 32);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        sum = (sum & 0xFFFF) + (sum >>> 16);
        return (int) sum;
    }

    /** The checksum field value for an unfolded sum: the one's complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xFFFF;
    }

    /** The Internet checksum of {@code len} octets at absolute index {@code off}. */
    public static int checksum(ByteBuffer buf, int off, int len) {
        return finish(sum(buf, off, len));
    }

    /** True when the octets, checksum field included, sum to 0xFFFF (RFC 1071 §1: "the result ... all 1 bits"). */
    public static boolean verifies(long sum) {
        return fold(sum) == 0xFFFF;
    }

    /**
     * The unfolded sum of the IPv4 pseudo-header used by TCP (RFC 9293 §3.1) and UDP (RFC 768): source, destination,
     * zero, protocol, and the TCP/UDP length.
     */
    public static long pseudoHeaderV4(int source, int destination, int protocol, int length) {
        return (source >>> 16) + (source & 0xFFFF) + (destination >>> 16) + (destination & 0xFFFF) + protocol + length;
    }

    /**
     * A checksum updated for one 16-bit field changed from {@code oldWord} to {@code newWord}, by RFC 1624 §3 eqn. 3:
     * HC' = ~(~HC + ~m + m'). This form never yields the 0x0000 that eqn. 2 can produce wrongly.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }

    /** A checksum updated for one 32-bit field (two words) changed from {@code oldValue} to {@code newValue}. */
    public static int update32(int checksum, int oldValue, int newValue) {
        return update(update(checksum, oldValue >>> 16, newValue >>> 16), oldValue & 0xFFFF, newValue & 0xFFFF);
    }
}
