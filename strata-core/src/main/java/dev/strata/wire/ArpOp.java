package dev.strata.wire;

/**
 * An ARP operation code, the {@code ar$op} field (RFC 826; IANA "ARP Operation Codes"); unknown values are kept.
 *
 * @param value the 16-bit opcode
 */
public record ArpOp(int value) {

    /** Request: who has the target protocol address? (RFC 826). */
    public static final ArpOp REQUEST = new ArpOp(1);
    /** Reply: the sender has the requested address (RFC 826). */
    public static final ArpOp REPLY = new ArpOp(2);
    /** Reverse request (RFC 903). */
    public static final ArpOp REVERSE_REQUEST = new ArpOp(3);
    /** Reverse reply (RFC 903). */
    public static final ArpOp REVERSE_REPLY = new ArpOp(4);

    /** Validates the 16-bit range. */
    public ArpOp {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("ARP opcode out of range: " + value);
        }
    }

    /** The opcode for a 16-bit value, sharing the named constants. */
    public static ArpOp of(int value) {
        return switch (value) {
            case 1 -> REQUEST;
            case 2 -> REPLY;
            case 3 -> REVERSE_REQUEST;
            case 4 -> REVERSE_REPLY;
            default -> new ArpOp(value);
        };
    }

    /** The operation's name, or its decimal value when unknown. */
    public String name() {
        return switch (value) {
            case 1 -> "request";
            case 2 -> "reply";
            case 3 -> "reverse-request";
            case 4 -> "reverse-reply";
            default -> Integer.toString(value);
        };
    }

    @Override
    public String toString() {
        return name();
    }
}
