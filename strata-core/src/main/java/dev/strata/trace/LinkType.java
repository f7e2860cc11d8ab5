package dev.strata.trace;

/**
 * A capture link-layer header type (the tcpdump.org LINKTYPE_ registry used by pcap and pcapng); unknown values are
 * kept as they are.
 *
 * @param value the 16-bit link type
 */
public record LinkType(int value) {

    /** BSD loopback: a 4-octet host-byte-order protocol family, then the packet. */
    public static final LinkType NULL = new LinkType(0);
    /** IEEE 802.3 Ethernet (LINKTYPE_ETHERNET). */
    public static final LinkType ETHERNET = new LinkType(1);
    /** Raw IP, version taken from the first nibble (LINKTYPE_RAW). */
    public static final LinkType RAW = new LinkType(101);
    /** IEEE 802.11 without radio header. */
    public static final LinkType IEEE802_11 = new LinkType(105);
    /** Raw IPv4 (LINKTYPE_IPV4). */
    public static final LinkType IPV4 = new LinkType(228);
    /** Raw IPv6 (LINKTYPE_IPV6). */
    public static final LinkType IPV6 = new LinkType(229);

    /** Validates the 16-bit range of the pcapng Interface Description Block field. */
    public LinkType {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("link type out of range: " + value);
        }
    }

    /** The type for a 16-bit value, sharing the named constants. */
    public static LinkType of(int value) {
        return switch (value) {
            case 0 -> NULL;
            case 1 -> ETHERNET;
            case 101 -> RAW;
            case 105 -> IEEE802_11;
            case 228 -> IPV4;
            case 229 -> IPV6;
            default -> new LinkType(value);
        };
    }

    /** The registry name without its LINKTYPE_ prefix, or the number for unknown types. */
    public String name() {
        return switch (value) {
            case 0 -> "NULL";
            case 1 -> "ETHERNET";
            case 101 -> "RAW";
            case 105 -> "IEEE802_11";
            case 228 -> "IPV4";
            case 229 -> "IPV6";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
