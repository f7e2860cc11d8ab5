package dev.strata.wire;

/**
 * An IPv4 network prefix such as 192.0.2.0/24 (RFC 4632 §3.1): a network address whose host bits are zero, and
 * the number of leading bits that name the network.
 *
 * <p>An address on a network with its prefix length, such as an interface's 192.0.2.10/24, is an
 * {@link Ip4Interface}; this type drops the host part.
 *
 * @param network the network address; its host bits must be zero
 * @param length the prefix length, 0..32
 */
public record Ip4Prefix(Ip4 network, int length) implements Comparable<Ip4Prefix> {

    /** The default route's prefix 0.0.0.0/0, which contains every address. */
    public static final Ip4Prefix DEFAULT = new Ip4Prefix(Ip4.ANY, 0);

    /** Validates the length and that the host bits are zero. */
    public Ip4Prefix {
        if (network == null) {
            throw new IllegalArgumentException("prefix needs a network address");
        }
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        if ((network.bits() & ~maskBits(length)) != 0) {
            throw new IllegalArgumentException("host bits set in " + network + "/" + length
                    + " (use Ip4Prefix.containing or Ip4Interface for an address with its prefix length)");
        }
    }

    /** The prefix of {@code length} bits containing {@code address}, its host bits cleared. */
    public static Ip4Prefix containing(Ip4 address, int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + length);
        }
        return new Ip4Prefix(new Ip4(address.bits() & maskBits(length)), length);
    }

    /**
     * Parses {@code a.b.c.d/n}; the host bits must be zero ({@code 192.0.2.10/24} is an {@link Ip4Interface}).
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Ip4Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 prefix (no '/'): '" + text + "'");
        }
        return new Ip4Prefix(Ip4.parse(text.substring(0, slash)), parseLength(text, slash + 1));
    }

    /** Parses the decimal prefix length of {@code text} from {@code from} to the end. */
    static int parseLength(String text, int from) {
        int n = text.length();
        if (from >= n || n - from > 2) {
            throw new IllegalArgumentException("bad prefix length in '" + text + "'");
        }
        int v = 0;
        for (int i = from; i < n; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9' || (i == from && ch == '0' && n - from > 1)) {
                throw new IllegalArgumentException("bad prefix length in '" + text + "'");
            }
            v = v * 10 + (ch - '0');
        }
        if (v > 32) {
            throw new IllegalArgumentException("prefix length above 32 in '" + text + "'");
        }
        return v;
    }

    /** The netmask of a prefix length as a 32-bit value: {@code length} one bits, then zeros. */
    public static int maskBits(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** The netmask, e.g. 255.255.255.0 for /24. */
    public Ip4 mask() {
        return new Ip4(maskBits(length));
    }

    /** The highest address of the prefix, the directed broadcast of a subnet (RFC 919 §7). */
    public Ip4 broadcast() {
        return new Ip4(network.bits() | ~maskBits(length));
    }

    /** True when {@code address} lies in this prefix. */
    public boolean contains(Ip4 address) {
        return contains(address.bits());
    }

    /** True when the address {@code bits} lies in this prefix; allocation-free for the forwarding path. */
    public boolean contains(int bits) {
        return (bits & maskBits(length)) == network.bits();
    }

    /** True when every address of {@code other} lies in this prefix. */
    public boolean contains(Ip4Prefix other) {
        return other.length >= length && contains(other.network.bits());
    }

    /** Number of addresses in the prefix, 1 to 2^32. */
    public long size() {
        return 1L << (32 - length);
    }

    /** Orders by network address, then by length (shorter first). */
    @Override
    public int compareTo(Ip4Prefix o) {
        int c = network.compareTo(o.network);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public String toString() {
        return network + "/" + length;
    }
}
