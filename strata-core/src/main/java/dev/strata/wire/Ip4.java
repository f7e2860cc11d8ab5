package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A 32-bit IPv4 address (RFC 791 §3.2), held in an int, most significant octet first.
 *
 * <p>Ordering is unsigned, so 10.0.0.0 sorts before 192.0.2.0.
 *
 * @param bits the address as a big-endian 32-bit value
 */
public record Ip4(int bits) implements Comparable<Ip4> {

    /** Length of an IPv4 address in octets. */
    public static final int LENGTH = 4;

    /** The unspecified address 0.0.0.0 (RFC 1122 §3.2.1.3 (a): "this host on this network"). */
    public static final Ip4 ANY = new Ip4(0);

    /** The limited broadcast address 255.255.255.255 (RFC 919 §7, RFC 1122 §3.2.1.3 (c)). */
    public static final Ip4 BROADCAST = new Ip4(0xFFFF_FFFF);

    /** The usual loopback address 127.0.0.1. */
    public static final Ip4 LOOPBACK = new Ip4(0x7F00_0001);

    /** The address with the four octets {@code a.b.c.d}; each must be 0..255. */
    public static Ip4 of(int a, int b, int c, int d) {
        if (((a | b | c | d) & ~0xFF) != 0) {
            throw new IllegalArgumentException("IPv4 octet out of range: " + a + "." + b + "." + c + "." + d);
        }
        return new Ip4((a << 24) | (b << 16) | (c << 8) | d);
    }

    /** The address in four octets, most significant first. */
    public static Ip4 ofBytes(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an IPv4 address has 4 octets, not " + bytes.length);
        }
        return new Ip4(
                ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF));
    }

    /**
     * Parses dotted-decimal text such as {@code 192.0.2.1}: exactly four decimal octets 0..255. Leading zeros are
     * rejected, since some parsers read them as octal ({@code 010} is 8 to {@code inet_aton}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Ip4 parse(String text) {
        int value = 0;
        int octets = 0;
        int i = 0;
        int n = text.length();
        while (true) {
            int start = i;
            int octet = 0;
            while (i < n && i - start < 4) {
                char ch = text.charAt(i);
                if (ch < '0' || ch > '9') {
                    break;
                }
                octet = octet * 10 + (ch - '0');
                i++;
            }
            int digits = i - start;
            if (digits == 0 || digits > 3 || octet > 255 || (digits > 1 && text.charAt(start) == '0')) {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            value = (value << 8) | octet;
            octets++;
            if (octets == LENGTH) {
                break;
            }
            if (i >= n || text.charAt(i) != '.') {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            i++;
        }
        if (i != n) {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        return new Ip4(value);
    }

    /** Reads four octets at absolute index {@code at} of {@code buf}. */
    public static Ip4 read(ByteBuffer buf, int at) {
        return new Ip4(buf.getInt(at));
    }

    /** Writes the four octets at absolute index {@code at} of {@code buf}. */
    public void write(ByteBuffer buf, int at) {
        buf.putInt(at, bits);
    }

    /** The four octets, most significant first. */
    public byte[] toBytes() {
        return new byte[] {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    }

    /** True for 224.0.0.0/4, the multicast block (RFC 5771). */
    public boolean isMulticast() {
        return (bits & 0xF000_0000) == 0xE000_0000;
    }

    /** True for the limited broadcast address 255.255.255.255 (a subnet's directed broadcast needs its prefix). */
    public boolean isBroadcast() {
        return bits == 0xFFFF_FFFF;
    }

    /** True for 0.0.0.0. */
    public boolean isUnspecified() {
        return bits == 0;
    }

    /** True for 127.0.0.0/8 (RFC 1122 §3.2.1.3 (g)). */
    public boolean isLoopback() {
        return (bits >>> 24) == 127;
    }

    /** True for 169.254.0.0/16 (RFC 3927). */
    public boolean isLinkLocal() {
        return (bits >>> 16) == 0xA9FE;
    }

    /** True for 240.0.0.0/4 except the limited broadcast, the reserved former class E (RFC 1112 §4). */
    public boolean isReserved() {
        return (bits & 0xF000_0000) == 0xF000_0000 && bits != 0xFFFF_FFFF;
    }

    @Override
    public int compareTo(Ip4 o) {
        return Integer.compareUnsigned(bits, o.bits);
    }

    @Override
    public String toString() {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xFF) + "." + ((bits >>> 8) & 0xFF) + "." + (bits & 0xFF);
    }
}
