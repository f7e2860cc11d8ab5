package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The options area of an IPv4 header (RFC 791 §3.1), kept as the raw octets with a parsed list view.
 *
 * <p>The octets are a multiple of four long (the header ends on a 32-bit boundary), at most 40, and well formed:
 * every option other than End of Option List and No Operation has a length octet of at least 2 that stays inside
 * the area. Octets after an End of Option List are padding and are kept as they are.
 */
public final class Ipv4Options {

    /** The largest options area: a 60-octet header (IHL 15) less the 20 fixed octets. */
    public static final int MAX_LENGTH = 40;

    /** No options. */
    public static final Ipv4Options NONE = new Ipv4Options(new byte[0]);

    private final byte[] bytes;

    private Ipv4Options(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * The options area holding exactly {@code bytes}.
     *
     * @throws IllegalArgumentException if the octets are not a well formed options area
     */
    public static Ipv4Options ofBytes(byte[] bytes) {
        String problem = problem(ByteBuffer.wrap(bytes), 0, bytes.length);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return bytes.length == 0 ? NONE : new Ipv4Options(bytes.clone());
    }

    /**
     * The options area holding {@code options} in order, padded with zero octets (End of Option List) to a
     * multiple of four (RFC 791 §3.1: "The internet header padding is used to ensure that the internet header
     * ends on a 32 bit boundary. The padding is zero.").
     *
     * @throws IllegalArgumentException if the options need more than 40 octets
     */
    public static Ipv4Options of(List<? extends Ipv4Option> options) {
        int len = 0;
        for (Ipv4Option o : options) {
            len += o.length();
        }
        int padded = (len + 3) & ~3;
        if (padded > MAX_LENGTH) {
            throw new IllegalArgumentException("IPv4 options need " + padded + " octets, more than 40");
        }
        byte[] b = new byte[padded];
        int i = 0;
        for (Ipv4Option o : options) {
            b[i] = (byte) o.type();
            if (o instanceof Ipv4Option.Other other) {
                byte[] data = other.data();
                b[i + 1] = (byte) (2 + data.length);
                System.arraycopy(data, 0, b, i + 2, data.length);
            }
            i += o.length();
        }
        return ofBytes(b);
    }

    /**
     * Why {@code len} octets at absolute index {@code off} are not a well formed options area, or null if they
     * are.
     */
    static String problem(ByteBuffer buf, int off, int len) {
        if (len % 4 != 0 || len > MAX_LENGTH) {
            return "IPv4 options area of " + len + " octets";
        }
        int i = 0;
        while (i < len) {
            int type = buf.get(off + i) & 0xFF;
            if (type == Ipv4Option.TYPE_EOL) {
                return null;
            }
            if (type == Ipv4Option.TYPE_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= len) {
                return "IPv4 option " + type + " at " + i + " has no length octet";
            }
            int optLen = buf.get(off + i + 1) & 0xFF;
            if (optLen < 2 || i + optLen > len) {
                return "IPv4 option " + type + " at " + i + " has length " + optLen + " in a " + len + "-octet area";
            }
            i += optLen;
        }
        return null;
    }

    /** Reads a well formed options area (checked by {@link #problem}) of {@code len} octets at {@code off}. */
    static Ipv4Options read(ByteBuffer buf, int off, int len) {
        if (len == 0) {
            return NONE;
        }
        byte[] b = new byte[len];
        buf.get(off, b);
        return new Ipv4Options(b);
    }

    /** Number of octets, a multiple of four. */
    public int length() {
        return bytes.length;
    }

    /** True when there are no options. */
    public boolean isEmpty() {
        return bytes.length == 0;
    }

    /** A copy of the raw octets. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Writes the raw octets at absolute index {@code at} of {@code buf}. */
    public void write(ByteBuffer buf, int at) {
        buf.put(at, bytes);
    }

    /**
     * The options in order; an End of Option List is included and ends the list (the padding after it is not
     * listed).
     */
    public List<Ipv4Option> list() {
        List<Ipv4Option> out = new ArrayList<>();
        int i = 0;
        while (i < bytes.length) {
            int type = bytes[i] & 0xFF;
            if (type == Ipv4Option.TYPE_EOL) {
                out.add(Ipv4Option.EOL);
                break;
            }
            if (type == Ipv4Option.TYPE_NOP) {
                out.add(Ipv4Option.NOP);
                i++;
                continue;
            }
            int optLen = bytes[i + 1] & 0xFF;
            out.add(new Ipv4Option.Other(type, Arrays.copyOfRange(bytes, i + 2, i + optLen)));
            i += optLen;
        }
        return List.copyOf(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Options other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return bytes.length == 0 ? "none" : HexFormat.of().formatHex(bytes);
    }
}
