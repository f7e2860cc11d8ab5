package dev.strata.wire;

/**
 * An interface address: a host's IPv4 address together with the length of its on-link prefix, as written
 * {@code 192.0.2.10/24} (the host bits are kept, unlike {@link Ip4Prefix}).
 *
 * @param address the host address
 * @param prefixLength the on-link prefix length, 0..32
 */
public record Ip4Interface(Ip4 address, int prefixLength) {

    /** Validates the prefix length. */
    public Ip4Interface {
        if (address == null) {
            throw new IllegalArgumentException("interface needs an address");
        }
        if (prefixLength < 0 || prefixLength > 32) {
            throw new IllegalArgumentException("prefix length out of range: " + prefixLength);
        }
    }

    /**
     * Parses {@code a.b.c.d/n}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static Ip4Interface parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an IPv4 interface address (no '/'): '" + text + "'");
        }
        return new Ip4Interface(Ip4.parse(text.substring(0, slash)), Ip4Prefix.parseLength(text, slash + 1));
    }

    /** The on-link prefix, host bits cleared: 192.0.2.0/24 for 192.0.2.10/24. */
    public Ip4Prefix prefix() {
        return Ip4Prefix.containing(address, prefixLength);
    }

    /** The netmask. */
    public Ip4 mask() {
        return new Ip4(Ip4Prefix.maskBits(prefixLength));
    }

    /** The subnet's directed broadcast address. */
    public Ip4 broadcast() {
        return new Ip4(address.bits() | ~Ip4Prefix.maskBits(prefixLength));
    }

    /** True when {@code other} is on this interface's link (inside its prefix). */
    public boolean isOnLink(Ip4 other) {
        int mask = Ip4Prefix.maskBits(prefixLength);
        return (other.bits() & mask) == (address.bits() & mask);
    }

    /**
     * True when {@code other} is this subnet's directed broadcast (all host bits one). Prefixes /31 (RFC 3021) and
     * /32 have no broadcast address, so this is false for them.
     */
    public boolean isDirectedBroadcast(Ip4 other) {
        return prefixLength < 31 && other.bits() == (address.bits() | ~Ip4Prefix.maskBits(prefixLength));
    }

    @Override
    public String toString() {
        return address + "/" + prefixLength;
    }
}
