package dev.strata.tls.codec;

import dev.strata.tls.TlsAlertException;

/**
 * A bounds-checked cursor over a TLS presentation-language structure (RFC 8446 §3).
 *
 * <p>Every read past the end, and every vector whose length prefix runs past the end, is a {@code decode_error}.
 * Vectors are read through sub-readers limited to their declared length, and {@link #expectEnd} rejects trailing
 * bytes, so a structure is accepted only when it is exactly as long as it says.
 */
public final class Reader {

    private final byte[] data;
    private int pos;
    private final int limit;

    private Reader(byte[] data, int from, int limit) {
        this.data = data;
        this.pos = from;
        this.limit = limit;
    }

    /** A reader over all of {@code data}. */
    public static Reader of(byte[] data) {
        return new Reader(data, 0, data.length);
    }

    /** A reader over {@code data[from, from+length)}. */
    public static Reader of(byte[] data, int from, int length) {
        return new Reader(data, from, from + length);
    }

    /** Octets left. */
    public int remaining() {
        return limit - pos;
    }

    /** True when no octets are left. */
    public boolean isEmpty() {
        return pos == limit;
    }

    /** Absolute index of the next octet in the underlying array. */
    public int position() {
        return pos;
    }

    private void need(int n, String what) {
        if (n < 0 || limit - pos < n) {
            throw TlsAlertException.decode(what + ": needs " + n + " octets, " + (limit - pos) + " left");
        }
    }

    /** Reads a uint8. */
    public int u8(String what) {
        need(1, what);
        return data[pos++] & 0xFF;
    }

    /** Reads a uint16. */
    public int u16(String what) {
        need(2, what);
        int v = ((data[pos] & 0xFF) << 8) | (data[pos + 1] & 0xFF);
        pos += 2;
        return v;
    }

    /** Reads a uint24. */
    public int u24(String what) {
        need(3, what);
        int v = ((data[pos] & 0xFF) << 16) | ((data[pos + 1] & 0xFF) << 8) | (data[pos + 2] & 0xFF);
        pos += 3;
        return v;
    }

    /** Reads a uint32 as a non-negative long. */
    public long u32(String what) {
        need(4, what);
        long v = ((long) (data[pos] & 0xFF) << 24)
                | ((data[pos + 1] & 0xFF) << 16)
                | ((data[pos + 2] & 0xFF) << 8)
                | (data[pos + 3] & 0xFF);
        pos += 4;
        return v;
    }

    /** Reads {@code n} octets into a new array. */
    public byte[] bytes(int n, String what) {
        need(n, what);
        byte[] out = new byte[n];
        System.arraycopy(data, pos, out, 0, n);
        pos += n;
        return out;
    }

    /** Reads every remaining octet. */
    public byte[] rest() {
        return bytes(remaining(), "rest");
    }

    /** Reads a vector with a {@code prefixBytes}-octet length prefix, returning its contents. */
    public byte[] vector(int prefixBytes, String what) {
        return bytes(length(prefixBytes, what), what);
    }

    /** Like {@link #vector} but rejects a length outside {@code [min, max]} (RFC 8446 §3.4 floors and ceilings). */
    public byte[] vector(int prefixBytes, int min, int max, String what) {
        int n = length(prefixBytes, what);
        if (n < min || n > max) {
            throw TlsAlertException.decode(what + ": length " + n + " outside [" + min + ", " + max + "]");
        }
        return bytes(n, what);
    }

    /** Reads a length prefix and returns a reader over exactly that many following octets, skipping them here. */
    public Reader sub(int prefixBytes, String what) {
        int n = length(prefixBytes, what);
        need(n, what);
        Reader r = new Reader(data, pos, pos + n);
        pos += n;
        return r;
    }

    private int length(int prefixBytes, String what) {
        return switch (prefixBytes) {
            case 1 -> u8(what);
            case 2 -> u16(what);
            case 3 -> u24(what);
            default -> throw new IllegalArgumentException("prefix of " + prefixBytes + " octets");
        };
    }

    /** Rejects trailing octets: a structure must end exactly where its enclosing length says. */
    public void expectEnd(String what) {
        if (pos != limit) {
            throw TlsAlertException.decode(what + ": " + (limit - pos) + " trailing octets");
        }
    }
}
