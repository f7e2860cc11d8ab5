package dev.strata.wire;

/**
 * An IP protocol number, the IPv4 Protocol and IPv6 Next Header field (IANA "Assigned Internet Protocol Numbers");
 * unknown values are kept as they are.
 *
 * @param value the 8-bit protocol number
 */
public record IpProtocol(int value) {

    /** IPv6 Hop-by-Hop Option (RFC 8200). */
    public static final IpProtocol HOPOPT = new IpProtocol(0);
    /** Internet Control Message Protocol (RFC 792). */
    public static final IpProtocol ICMP = new IpProtocol(1);
    /** Internet Group Management Protocol (RFC 1112). */
    public static final IpProtocol IGMP = new IpProtocol(2);
    /** IPv4 encapsulation (RFC 2003). */
    public static final IpProtocol IPV4 = new IpProtocol(4);
    /** Transmission Control Protocol (RFC 9293). */
    public static final IpProtocol TCP = new IpProtocol(6);
    /** User Datagram Protocol (RFC 768). */
    public static final IpProtocol UDP = new IpProtocol(17);
    /** IPv6 encapsulation (RFC 2473). */
    public static final IpProtocol IPV6 = new IpProtocol(41);
    /** Routing Header for IPv6 (RFC 8200). */
    public static final IpProtocol IPV6_ROUTE = new IpProtocol(43);
    /** Fragment Header for IPv6 (RFC 8200). */
    public static final IpProtocol IPV6_FRAG = new IpProtocol(44);
    /** Generic Routing Encapsulation (RFC 2784). */
    public static final IpProtocol GRE = new IpProtocol(47);
    /** Encapsulating Security Payload (RFC 4303). */
    public static final IpProtocol ESP = new IpProtocol(50);
    /** Authentication Header (RFC 4302). */
    public static final IpProtocol AH = new IpProtocol(51);
    /** ICMP for IPv6 (RFC 4443). */
    public static final IpProtocol ICMPV6 = new IpProtocol(58);
    /** No Next Header for IPv6 (RFC 8200). */
    public static final IpProtocol IPV6_NONXT = new IpProtocol(59);
    /** Destination Options for IPv6 (RFC 8200). */
    public static final IpProtocol IPV6_OPTS = new IpProtocol(60);
    /** Stream Control Transmission Protocol (RFC 9260). */
    public static final IpProtocol SCTP = new IpProtocol(132);

    /** Validates the 8-bit range. */
    public IpProtocol {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("IP protocol number out of range: " + value);
        }
    }

    /** The protocol for an 8-bit value, sharing the named constants. */
    public static IpProtocol of(int value) {
        return switch (value) {
            case 0 -> HOPOPT;
            case 1 -> ICMP;
            case 2 -> IGMP;
            case 4 -> IPV4;
            case 6 -> TCP;
            case 17 -> UDP;
            case 41 -> IPV6;
            case 43 -> IPV6_ROUTE;
            case 44 -> IPV6_FRAG;
            case 47 -> GRE;
            case 50 -> ESP;
            case 51 -> AH;
            case 58 -> ICMPV6;
            case 59 -> IPV6_NONXT;
            case 60 -> IPV6_OPTS;
            case 132 -> SCTP;
            default -> new IpProtocol(value);
        };
    }

    /** The IANA keyword (e.g. {@code TCP}, {@code IPv6-ICMP}), or the decimal number for unnamed values. */
    public String name() {
        return switch (value) {
            case 0 -> "HOPOPT";
            case 1 -> "ICMP";
            case 2 -> "IGMP";
            case 4 -> "IPv4";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 41 -> "IPv6";
            case 43 -> "IPv6-Route";
            case 44 -> "IPv6-Frag";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "IPv6-ICMP";
            case 59 -> "IPv6-NoNxt";
            case 60 -> "IPv6-Opts";
            case 132 -> "SCTP";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
