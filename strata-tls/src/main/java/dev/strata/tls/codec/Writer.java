package dev.strata.tls.codec;

import java.util.Arrays;

/** A growable buffer that writes TLS presentation-language structures, with back-patched length prefixes. */
public final class Writer {

    private byte[] buf;
    private int len;

    /** An empty writer. */
    public Writer() {
        this(256);
    }

    /** An empty writer with {@code capacity} octets reserved. */
    public Writer(int capacity) {
        this.buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int n) {
        if (buf.length - len < n) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    /** Writes a uint8. */
    public Writer u8(int v) {
        ensure(1);
        buf[len++] = (byte) v;
        return this;
    }

    /** Writes a uint16. */
    public Writer u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Writes a uint24. */
    public Writer u24(int v) {
        ensure(3);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Writes a uint32. */
    public Writer u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    /** Writes octets as they are. */
    public Writer bytes(byte[] b) {
        return bytes(b, 0, b.length);
    }

    /** Writes {@code b[off, off+n)}. */
    public Writer bytes(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Writes a vector: a {@code prefixBytes}-octet length, then the octets. */
    public Writer vector(int prefixBytes, byte[] b) {
        int mark = open(prefixBytes);
        bytes(b);
        return close(mark);
    }

    /**
     * Reserves a {@code prefixBytes}-octet length prefix and returns a mark for {@link #close}, which fills it in with
     * the number of octets written in between.
     */
    public int open(int prefixBytes) {
        ensure(prefixBytes);
        int mark = (len << 2) | prefixBytes;
        len += prefixBytes;
        return mark;
    }

    /** Fills in the length prefix reserved by {@link #open}. */
    public Writer close(int mark) {
        int at = mark >>> 2;
        int prefixBytes = mark & 3;
        int n = len - at - prefixBytes;
        if (n >= 1 << (8 * prefixBytes)) {
            throw new IllegalStateException("vector of " + n + " octets overflows a " + prefixBytes + "-octet length");
        }
        for (int i = prefixBytes - 1; i >= 0; i--) {
            buf[at + i] = (byte) (n >>> (8 * (prefixBytes - 1 - i)));
        }
        return this;
    }

    /** Octets written so far. */
    public int length() {
        return len;
    }

    /** A copy of the octets written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
