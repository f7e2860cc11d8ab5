package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * The 8-octet header of an ICMPv4 message to build (RFC 792): type, code, checksum and the 32-bit field that
 * follows (identifier and sequence, next-hop MTU, pointer, or unused).
 *
 * <p>The message body (echo data, or the quoted datagram of an error) is the payload: it runs from the end of the
 * header to the buffer's limit ({@link HeaderRecord}), and {@link #emit} computes the checksum over header and
 * body. {@link #of} and {@link Icmpv4Packet#toHeader()} pick the most specific record for the bytes, so that
 * emitting a parsed message reproduces its header exactly.
 */
public sealed interface Icmpv4Message extends HeaderRecord
        permits Icmpv4Message.EchoRequest,
                Icmpv4Message.EchoReply,
                Icmpv4Message.DestinationUnreachable,
                Icmpv4Message.TimeExceeded,
                Icmpv4Message.ParameterProblem,
                Icmpv4Message.Other {

    /** The message type. */
    Icmpv4Type type();

    /** The code. */
    Icmpv4Code code();

    /** The 32-bit field after the checksum, as written on the wire. */
    int restOfHeader();

    /** True for error messages, which quote the datagram they are about. */
    default boolean isError() {
        return type().isError();
    }

    @Override
    default int length() {
        return Icmpv4Packet.HEADER_LENGTH;
    }

    /** Writes the header at {@code at} with the checksum over the header and the body up to {@code buf.limit()}. */
    @Override
    default void emit(ByteBuffer buf, int at) {
        buf.put(at + Icmpv4Packet.TYPE, (byte) type().value());
        buf.put(at + Icmpv4Packet.CODE, (byte) code().value());
        buf.putShort(at + Icmpv4Packet.CHECKSUM, (short) 0);
        buf.putInt(at + Icmpv4Packet.REST, restOfHeader());
        // RFC 792: the checksum is the one's complement of the one's complement sum of the ICMP message.
        buf.putShort(at + Icmpv4Packet.CHECKSUM, (short) Checksums.checksum(buf, at, buf.limit() - at));
    }

    /** The most specific message record for a type, code and rest-of-header field. */
    static Icmpv4Message of(int type, int code, int rest) {
        switch (type) {
            case 8 -> {
                if (code == 0) {
                    return new EchoRequest(rest >>> 16, rest & 0xFFFF);
                }
            }
            case 0 -> {
                if (code == 0) {
                    return new EchoReply(rest >>> 16, rest & 0xFFFF);
                }
            }
            case 3 -> {
                Icmpv4Code c = Icmpv4Code.of(Icmpv4Type.DESTINATION_UNREACHABLE, code);
                if (rest == 0) {
                    return new DestinationUnreachable(c, 0);
                }
                if (code == Icmpv4Code.FRAGMENTATION_NEEDED.value() && (rest >>> 16) == 0) {
                    return new DestinationUnreachable(c, rest);
                }
            }
            case 11 -> {
                if (rest == 0) {
                    return new TimeExceeded(Icmpv4Code.of(Icmpv4Type.TIME_EXCEEDED, code));
                }
            }
            case 12 -> {
                if (code == 0 && (rest & 0x00FF_FFFF) == 0) {
                    return new ParameterProblem(rest >>> 24);
                }
            }
            default -> {}
        }
        Icmpv4Type t = Icmpv4Type.of(type);
        return new Other(t, Icmpv4Code.of(t, code), rest);
    }

    /**
     * An Echo (request) message (RFC 792); the echo data is the payload.
     *
     * @param identifier the identifier, 0..65535
     * @param sequence the sequence number, 0..65535
     */
    record EchoRequest(int identifier, int sequence) implements Icmpv4Message {
        /** Validates the 16-bit ranges. */
        public EchoRequest {
            if (((identifier | sequence) & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("echo identifier/sequence out of range");
            }
        }

        /** The reply to this request, with the same identifier and sequence (RFC 792). */
        public EchoReply reply() {
            return new EchoReply(identifier, sequence);
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.ECHO_REQUEST;
        }

        @Override
        public Icmpv4Code code() {
            return Icmpv4Code.ECHO_REQUEST;
        }

        @Override
        public int restOfHeader() {
            return (identifier << 16) | sequence;
        }
    }

    /**
     * An Echo Reply message (RFC 792); it returns the request's data as its payload.
     *
     * @param identifier the request's identifier
     * @param sequence the request's sequence number
     */
    record EchoReply(int identifier, int sequence) implements Icmpv4Message {
        /** Validates the 16-bit ranges. */
        public EchoReply {
            if (((identifier | sequence) & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("echo identifier/sequence out of range");
            }
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.ECHO_REPLY;
        }

        @Override
        public Icmpv4Code code() {
            return Icmpv4Code.ECHO_REPLY;
        }

        @Override
        public int restOfHeader() {
            return (identifier << 16) | sequence;
        }
    }

    /**
     * A Destination Unreachable message (RFC 792); the payload quotes the offending datagram.
     *
     * @param code why the destination is unreachable
     * @param nextHopMtu the MTU of the next hop for {@link Icmpv4Code#FRAGMENTATION_NEEDED} (RFC 1191 §4; 0 when
     *     unknown), otherwise 0
     */
    record DestinationUnreachable(Icmpv4Code code, int nextHopMtu) implements Icmpv4Message {
        /** Validates that the code belongs to Destination Unreachable and the MTU to fragmentation needed. */
        public DestinationUnreachable {
            if (code == null || !code.type().equals(Icmpv4Type.DESTINATION_UNREACHABLE)) {
                throw new IllegalArgumentException("not a destination unreachable code: " + code);
            }
            if ((nextHopMtu & ~0xFFFF) != 0
                    || (nextHopMtu != 0 && code.value() != Icmpv4Code.FRAGMENTATION_NEEDED.value())) {
                throw new IllegalArgumentException("next-hop MTU " + nextHopMtu + " with code " + code);
            }
        }

        /** A Destination Unreachable with {@code code} and no MTU. */
        public static DestinationUnreachable of(Icmpv4Code code) {
            return new DestinationUnreachable(code, 0);
        }

        /** Fragmentation needed and DF set, with the next hop's MTU (RFC 1191 §4). */
        public static DestinationUnreachable fragmentationNeeded(int nextHopMtu) {
            return new DestinationUnreachable(Icmpv4Code.FRAGMENTATION_NEEDED, nextHopMtu);
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.DESTINATION_UNREACHABLE;
        }

        @Override
        public int restOfHeader() {
            // RFC 1191 §4: the high-order 16 bits are unused (zero), the low-order 16 bits hold the next-hop MTU.
            return nextHopMtu;
        }
    }

    /**
     * A Time Exceeded message (RFC 792); the payload quotes the offending datagram.
     *
     * @param code {@link Icmpv4Code#TTL_EXCEEDED} or {@link Icmpv4Code#REASSEMBLY_TIME_EXCEEDED} (or another)
     */
    record TimeExceeded(Icmpv4Code code) implements Icmpv4Message {
        /** Time to live exceeded in transit, as a router sends it (RFC 1812 §5.3.1). */
        public static final TimeExceeded IN_TRANSIT = new TimeExceeded(Icmpv4Code.TTL_EXCEEDED);
        /** Fragment reassembly time exceeded (RFC 792). */
        public static final TimeExceeded REASSEMBLY = new TimeExceeded(Icmpv4Code.REASSEMBLY_TIME_EXCEEDED);

        /** Validates that the code belongs to Time Exceeded. */
        public TimeExceeded {
            if (code == null || !code.type().equals(Icmpv4Type.TIME_EXCEEDED)) {
                throw new IllegalArgumentException("not a time exceeded code: " + code);
            }
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.TIME_EXCEEDED;
        }

        @Override
        public int restOfHeader() {
            return 0;
        }
    }

    /**
     * A Parameter Problem message with code 0 (RFC 792); the payload quotes the offending datagram.
     *
     * @param pointer the octet of the quoted datagram where the error was found, 0..255
     */
    record ParameterProblem(int pointer) implements Icmpv4Message {
        /** Validates the 8-bit range. */
        public ParameterProblem {
            if ((pointer & ~0xFF) != 0) {
                throw new IllegalArgumentException("pointer out of range: " + pointer);
            }
        }

        @Override
        public Icmpv4Type type() {
            return Icmpv4Type.PARAMETER_PROBLEM;
        }

        @Override
        public Icmpv4Code code() {
            return Icmpv4Code.POINTER_INDICATES_ERROR;
        }

        @Override
        public int restOfHeader() {
            return pointer << 24;
        }
    }

    /**
     * Any other message, kept as its type, code and 32-bit rest-of-header field.
     *
     * @param type the message type
     * @param code the code (of {@code type})
     * @param restOfHeader the 32-bit field after the checksum
     */
    record Other(Icmpv4Type type, Icmpv4Code code, int restOfHeader) implements Icmpv4Message {
        /** Validates that the code belongs to the type. */
        public Other {
            if (type == null || code == null || !code.type().equals(type)) {
                throw new IllegalArgumentException("ICMP code " + code + " does not belong to type " + type);
            }
        }
    }
}
