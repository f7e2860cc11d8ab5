package dev.strata.wire;

/**
 * An ICMPv4 message type (RFC 792; IANA "ICMP Type Numbers"); unknown values are kept as they are.
 *
 * @param value the 8-bit type
 */
public record Icmpv4Type(int value) {

    /** Echo Reply (RFC 792). */
    public static final Icmpv4Type ECHO_REPLY = new Icmpv4Type(0);
    /** Destination Unreachable (RFC 792). */
    public static final Icmpv4Type DESTINATION_UNREACHABLE = new Icmpv4Type(3);
    /** Source Quench (RFC 792, deprecated by RFC 6633). */
    public static final Icmpv4Type SOURCE_QUENCH = new Icmpv4Type(4);
    /** Redirect (RFC 792). */
    public static final Icmpv4Type REDIRECT = new Icmpv4Type(5);
    /** Echo (request) (RFC 792). */
    public static final Icmpv4Type ECHO_REQUEST = new Icmpv4Type(8);
    /** Router Advertisement (RFC 1256). */
    public static final Icmpv4Type ROUTER_ADVERTISEMENT = new Icmpv4Type(9);
    /** Router Solicitation (RFC 1256). */
    public static final Icmpv4Type ROUTER_SOLICITATION = new Icmpv4Type(10);
    /** Time Exceeded (RFC 792). */
    public static final Icmpv4Type TIME_EXCEEDED = new Icmpv4Type(11);
    /** Parameter Problem (RFC 792). */
    public static final Icmpv4Type PARAMETER_PROBLEM = new Icmpv4Type(12);
    /** Timestamp (RFC 792). */
    public static final Icmpv4Type TIMESTAMP = new Icmpv4Type(13);
    /** Timestamp Reply (RFC 792). */
    public static final Icmpv4Type TIMESTAMP_REPLY = new Icmpv4Type(14);

    /** Validates the 8-bit range. */
    public Icmpv4Type {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("ICMP type out of range: " + value);
        }
    }

    /** The type for an 8-bit value, sharing the named constants. */
    public static Icmpv4Type of(int value) {
        return switch (value) {
            case 0 -> ECHO_REPLY;
            case 3 -> DESTINATION_UNREACHABLE;
            case 4 -> SOURCE_QUENCH;
            case 5 -> REDIRECT;
            case 8 -> ECHO_REQUEST;
            case 9 -> ROUTER_ADVERTISEMENT;
            case 10 -> ROUTER_SOLICITATION;
            case 11 -> TIME_EXCEEDED;
            case 12 -> PARAMETER_PROBLEM;
            case 13 -> TIMESTAMP;
            case 14 -> TIMESTAMP_REPLY;
            default -> new Icmpv4Type(value);
        };
    }

    /** True for a raw type value of an error message, which quotes an offending datagram (RFC 1122 §3.2.2). */
    public static boolean isError(int value) {
        return value == 3 || value == 4 || value == 5 || value == 11 || value == 12;
    }

    /** True for the error messages: Destination Unreachable, Source Quench, Redirect, Time Exceeded, Parameter Problem. */
    public boolean isError() {
        return isError(value);
    }

    /** The message name, or the decimal type for unnamed values. */
    public String name() {
        return switch (value) {
            case 0 -> "echo reply";
            case 3 -> "destination unreachable";
            case 4 -> "source quench";
            case 5 -> "redirect";
            case 8 -> "echo request";
            case 9 -> "router advertisement";
            case 10 -> "router solicitation";
            case 11 -> "time exceeded";
            case 12 -> "parameter problem";
            case 13 -> "timestamp";
            case 14 -> "timestamp reply";
            default -> "type " + value;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
