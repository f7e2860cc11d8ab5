package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * ICMPv4 error messages about a received datagram: whether one may be sent at all (RFC 1122 §3.2.2), and building
 * one that quotes the offending datagram (RFC 792, RFC 1812 §4.3.2.3).
 */
public final class Icmpv4Errors {

    /** The largest datagram an ICMP error may fill (RFC 1812 §4.3.2.3, RFC 791's minimum reassembly size). */
    public static final int MAX_ERROR_DATAGRAM = 576;

    /** How much of the offending datagram an error message quotes. */
    public enum QuoteLength {
        /**
         * The Internet header (with its options) and the first 8 octets of data: exactly what RFC 792 and RFC 1122
         * §3.2.2 require. Strata's default: enough for any transport to find its connection by ports.
         */
        HEADER_PLUS_8,
        /**
         * As much of the datagram as fits in a 576-octet error datagram, as RFC 1812 §4.3.2.3 asks of routers and as
         * Linux does: at most 576 - 20 (IP header) - 8 (ICMP header) = 548 octets.
         */
        UP_TO_576
    }

    private Icmpv4Errors() {}

    /**
     * Whether an ICMP error may be sent about {@code datagram}, by the rules of RFC 1122 §3.2.2 (also RFC 1812
     * §4.3.2.7). No error is sent about:
     *
     * <ul>
     *   <li>an ICMP error message (or an ICMP message too short to tell, or of a type above 18 that this stack
     *       does not know, which Linux also treats as an error);
     *   <li>a datagram destined to the limited broadcast or a multicast address;
     *   <li>a datagram received as a link-layer broadcast or multicast ({@code linkLayerGroup});
     *   <li>a fragment other than the first;
     *   <li>a datagram whose source is not a single host: zero, loopback, broadcast, multicast or class E.
     * </ul>
     *
     * A subnet's directed broadcast needs the receiving interface: see
     * {@link #mayReplyWithError(Ipv4Packet, boolean, Ip4Interface)}.
     */
    public static boolean mayReplyWithError(Ipv4Packet datagram, boolean linkLayerGroup) {
        if (linkLayerGroup || datagram.fragmentOffset() != 0) {
            return false;
        }
        Ip4 destination = datagram.destination();
        if (destination.isBroadcast() || destination.isMulticast()) {
            return false;
        }
        Ip4 source = datagram.source();
        if (source.isUnspecified()
                || source.isLoopback()
                || source.isBroadcast()
                || source.isMulticast()
                || source.isReserved()) {
            return false;
        }
        if (datagram.protocolValue() == IpProtocol.ICMP.value()) {
            if (datagram.payloadLength() < 1) {
                return false;
            }
            int type = datagram.buffer().get(datagram.payloadOffset()) & 0xFF;
            if (Icmpv4Type.isError(type) || type > 18) {
                return false;
            }
        }
        return true;
    }

    /**
     * As {@link #mayReplyWithError(Ipv4Packet, boolean)}, also refusing a datagram addressed to, or sent from, the
     * directed broadcast address of the interface it arrived on.
     */
    public static boolean mayReplyWithError(Ipv4Packet datagram, boolean linkLayerGroup, Ip4Interface receivedOn) {
        return mayReplyWithError(datagram, linkLayerGroup)
                && !receivedOn.isDirectedBroadcast(datagram.destination())
                && !receivedOn.isDirectedBroadcast(datagram.source());
    }

    /** Number of octets of {@code datagram} an error message quotes under {@code policy}. */
    public static int quoteLength(Ipv4Packet datagram, QuoteLength policy) {
        return switch (policy) {
            case HEADER_PLUS_8 -> datagram.headerLength() + Math.min(8, datagram.payloadLength());
            case UP_TO_576 ->
                Math.min(
                        datagram.totalLength(),
                        MAX_ERROR_DATAGRAM - Ipv4Packet.MIN_HEADER_LENGTH - Icmpv4Packet.HEADER_LENGTH);
        };
    }

    /**
     * Builds the ICMP part of an error message about {@code datagram}: a new buffer holding {@code headroom} free
     * octets (for the IP and link headers to be {@linkplain HeaderRecord#prepend prepended}), then the ICMP header
     * with its checksum, then the quote. The buffer's position is at the ICMP header and its limit at the end.
     *
     * <p>The caller decides whether to send it at all with {@link #mayReplyWithError}.
     *
     * @throws IllegalArgumentException if {@code error} is not an error message
     */
    public static ByteBuffer build(Icmpv4Message error, Ipv4Packet datagram, QuoteLength policy, int headroom) {
        if (!error.isError()) {
            throw new IllegalArgumentException("not an ICMP error message: " + error);
        }
        int quote = quoteLength(datagram, policy);
        ByteBuffer buf = ByteBuffer.allocate(headroom + Icmpv4Packet.HEADER_LENGTH + quote);
        buf.put(headroom + Icmpv4Packet.HEADER_LENGTH, datagram.buffer(), datagram.offset(), quote);
        buf.position(headroom + Icmpv4Packet.HEADER_LENGTH);
        error.prepend(buf);
        return buf;
    }
}
