package dev.strata.wire;

/**
 * An ICMPv4 code, whose meaning depends on the message type (RFC 792, RFC 1122 §3.2.2.1, RFC 1812 §5.2.7.1);
 * unknown values are kept as they are.
 *
 * @param type the message type the code belongs to
 * @param value the 8-bit code
 */
public record Icmpv4Code(Icmpv4Type type, int value) {

    /** Destination Unreachable: net unreachable (RFC 792). */
    public static final Icmpv4Code NET_UNREACHABLE = du(0);
    /** Destination Unreachable: host unreachable (RFC 792). */
    public static final Icmpv4Code HOST_UNREACHABLE = du(1);
    /** Destination Unreachable: protocol unreachable (RFC 792). */
    public static final Icmpv4Code PROTOCOL_UNREACHABLE = du(2);
    /** Destination Unreachable: port unreachable (RFC 792). */
    public static final Icmpv4Code PORT_UNREACHABLE = du(3);
    /** Destination Unreachable: fragmentation needed and DF set, with the next-hop MTU (RFC 792, RFC 1191 §4). */
    public static final Icmpv4Code FRAGMENTATION_NEEDED = du(4);
    /** Destination Unreachable: source route failed (RFC 792). */
    public static final Icmpv4Code SOURCE_ROUTE_FAILED = du(5);
    /** Destination Unreachable: destination network unknown (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code NET_UNKNOWN = du(6);
    /** Destination Unreachable: destination host unknown (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code HOST_UNKNOWN = du(7);
    /** Destination Unreachable: source host isolated (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code SOURCE_HOST_ISOLATED = du(8);
    /** Destination Unreachable: network administratively prohibited (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code NET_PROHIBITED = du(9);
    /** Destination Unreachable: host administratively prohibited (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code HOST_PROHIBITED = du(10);
    /** Destination Unreachable: network unreachable for type of service (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code NET_UNREACHABLE_FOR_TOS = du(11);
    /** Destination Unreachable: host unreachable for type of service (RFC 1122 §3.2.2.1). */
    public static final Icmpv4Code HOST_UNREACHABLE_FOR_TOS = du(12);
    /** Destination Unreachable: communication administratively prohibited (RFC 1812 §5.2.7.1). */
    public static final Icmpv4Code COMMUNICATION_PROHIBITED = du(13);
    /** Destination Unreachable: host precedence violation (RFC 1812 §5.2.7.1). */
    public static final Icmpv4Code HOST_PRECEDENCE_VIOLATION = du(14);
    /** Destination Unreachable: precedence cutoff in effect (RFC 1812 §5.2.7.1). */
    public static final Icmpv4Code PRECEDENCE_CUTOFF = du(15);

    /** Time Exceeded: time to live exceeded in transit (RFC 792). */
    public static final Icmpv4Code TTL_EXCEEDED = new Icmpv4Code(Icmpv4Type.TIME_EXCEEDED, 0);
    /** Time Exceeded: fragment reassembly time exceeded (RFC 792). */
    public static final Icmpv4Code REASSEMBLY_TIME_EXCEEDED = new Icmpv4Code(Icmpv4Type.TIME_EXCEEDED, 1);

    /** Redirect datagrams for the network (RFC 792). */
    public static final Icmpv4Code REDIRECT_NET = new Icmpv4Code(Icmpv4Type.REDIRECT, 0);
    /** Redirect datagrams for the host (RFC 792). */
    public static final Icmpv4Code REDIRECT_HOST = new Icmpv4Code(Icmpv4Type.REDIRECT, 1);

    /** Parameter Problem: the pointer indicates the error (RFC 792). */
    public static final Icmpv4Code POINTER_INDICATES_ERROR = new Icmpv4Code(Icmpv4Type.PARAMETER_PROBLEM, 0);
    /** Parameter Problem: a required option is missing (RFC 1122 §3.2.2.5). */
    public static final Icmpv4Code MISSING_REQUIRED_OPTION = new Icmpv4Code(Icmpv4Type.PARAMETER_PROBLEM, 1);

    /** Code 0 of Echo Request. */
    public static final Icmpv4Code ECHO_REQUEST = new Icmpv4Code(Icmpv4Type.ECHO_REQUEST, 0);
    /** Code 0 of Echo Reply. */
    public static final Icmpv4Code ECHO_REPLY = new Icmpv4Code(Icmpv4Type.ECHO_REPLY, 0);

    private static final Icmpv4Code[] UNREACHABLE = {
        NET_UNREACHABLE,
        HOST_UNREACHABLE,
        PROTOCOL_UNREACHABLE,
        PORT_UNREACHABLE,
        FRAGMENTATION_NEEDED,
        SOURCE_ROUTE_FAILED,
        NET_UNKNOWN,
        HOST_UNKNOWN,
        SOURCE_HOST_ISOLATED,
        NET_PROHIBITED,
        HOST_PROHIBITED,
        NET_UNREACHABLE_FOR_TOS,
        HOST_UNREACHABLE_FOR_TOS,
        COMMUNICATION_PROHIBITED,
        HOST_PRECEDENCE_VIOLATION,
        PRECEDENCE_CUTOFF
    };

    private static final String[] UNREACHABLE_NAMES = {
        "net unreachable",
        "host unreachable",
        "protocol unreachable",
        "port unreachable",
        "fragmentation needed",
        "source route failed",
        "net unknown",
        "host unknown",
        "source host isolated",
        "net prohibited",
        "host prohibited",
        "net unreachable for TOS",
        "host unreachable for TOS",
        "communication prohibited",
        "host precedence violation",
        "precedence cutoff"
    };

    /** Validates the 8-bit range. */
    public Icmpv4Code {
        if (type == null) {
            throw new IllegalArgumentException("ICMP code needs its type");
        }
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("ICMP code out of range: " + value);
        }
    }

    private static Icmpv4Code du(int code) {
        return new Icmpv4Code(Icmpv4Type.DESTINATION_UNREACHABLE, code);
    }

    /** The code {@code value} of message type {@code type}, sharing the named constants. */
    public static Icmpv4Code of(Icmpv4Type type, int value) {
        switch (type.value()) {
            case 3 -> {
                if (value >= 0 && value < UNREACHABLE.length) {
                    return UNREACHABLE[value];
                }
            }
            case 11 -> {
                if (value == 0) {
                    return TTL_EXCEEDED;
                }
                if (value == 1) {
                    return REASSEMBLY_TIME_EXCEEDED;
                }
            }
            case 5 -> {
                if (value == 0) {
                    return REDIRECT_NET;
                }
                if (value == 1) {
                    return REDIRECT_HOST;
                }
            }
            case 12 -> {
                if (value == 0) {
                    return POINTER_INDICATES_ERROR;
                }
                if (value == 1) {
                    return MISSING_REQUIRED_OPTION;
                }
            }
            case 0 -> {
                if (value == 0) {
                    return ECHO_REPLY;
                }
            }
            case 8 -> {
                if (value == 0) {
                    return ECHO_REQUEST;
                }
            }
            default -> {}
        }
        return new Icmpv4Code(type, value);
    }

    /** The code's name (e.g. {@code port unreachable}), or {@code code N} where the type names none. */
    public String name() {
        return switch (type.value()) {
            case 3 -> value < UNREACHABLE_NAMES.length ? UNREACHABLE_NAMES[value] : "code " + value;
            case 11 ->
                switch (value) {
                    case 0 -> "TTL exceeded in transit";
                    case 1 -> "fragment reassembly time exceeded";
                    default -> "code " + value;
                };
            case 5 ->
                switch (value) {
                    case 0 -> "redirect for network";
                    case 1 -> "redirect for host";
                    case 2 -> "redirect for TOS and network";
                    case 3 -> "redirect for TOS and host";
                    default -> "code " + value;
                };
            case 12 ->
                switch (value) {
                    case 0 -> "pointer indicates the error";
                    case 1 -> "missing a required option";
                    case 2 -> "bad length";
                    default -> "code " + value;
                };
            default -> "code " + value;
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
