package dev.strata.wire;

/**
 * An Ethernet II EtherType value (IEEE 802.3 clause 3.2.6); unknown values are kept as they are.
 *
 * @param value the 16-bit type
 */
public record EtherType(int value) {

    /** Internet Protocol version 4. */
    public static final EtherType IPV4 = new EtherType(0x0800);
    /** Address Resolution Protocol (RFC 826). */
    public static final EtherType ARP = new EtherType(0x0806);
    /** IEEE 802.1Q VLAN tag. */
    public static final EtherType VLAN = new EtherType(0x8100);
    /** Internet Protocol version 6. */
    public static final EtherType IPV6 = new EtherType(0x86DD);

    /** Validates the 16-bit range. */
    public EtherType {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("EtherType out of range: " + value);
        }
    }

    /** The type for a 16-bit value, sharing the named constants. */
    public static EtherType of(int value) {
        return switch (value) {
            case 0x0800 -> IPV4;
            case 0x0806 -> ARP;
            case 0x8100 -> VLAN;
            case 0x86DD -> IPV6;
            default -> new EtherType(value);
        };
    }

    /** The protocol name, or the hex value for unknown types. */
    public String name() {
        return switch (value) {
            case 0x0800 -> "IPv4";
            case 0x0806 -> "ARP";
            case 0x8100 -> "802.1Q";
            case 0x86DD -> "IPv6";
            default -> String.format("0x%04x", value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
