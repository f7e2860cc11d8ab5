package dev.strata.trace;

/**
 * Which way a frame crossed the interface it was seen on, from the point of view of that interface's node.
 *
 * <p>This is Strata's own classification (pcapng's {@code epb_flags} bits 0-1 encode it on the wire), so a Java enum
 * is the right type.
 */
public enum Direction {
    /** Received by the node. */
    INBOUND,
    /** Sent by the node. */
    OUTBOUND,
    /** Not known (for example a frame read from a capture that did not record it). */
    UNKNOWN;

    /** The inbound/outbound bits (0-1) of pcapng's {@code epb_flags}: 01 inbound, 10 outbound, 00 not available. */
    public int epbFlagBits() {
        return switch (this) {
            case INBOUND -> 0b01;
            case OUTBOUND -> 0b10;
            case UNKNOWN -> 0b00;
        };
    }

    /** The direction encoded in bits 0-1 of an {@code epb_flags} word; the invalid value 11 reads as unknown. */
    public static Direction ofEpbFlags(int flags) {
        return switch (flags & 0b11) {
            case 0b01 -> INBOUND;
            case 0b10 -> OUTBOUND;
            default -> UNKNOWN;
        };
    }

    /** The arrow the packet log prints after the interface: {@code >} out, {@code <} in, {@code -} unknown. */
    public char arrow() {
        return switch (this) {
            case INBOUND -> '<';
            case OUTBOUND -> '>';
            case UNKNOWN -> '-';
        };
    }
}
