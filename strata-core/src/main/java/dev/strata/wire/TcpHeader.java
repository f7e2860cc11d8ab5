package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A TCP header to build (RFC 9293 §3.1). The data offset follows from the options, which emission pads with zero
 * octets (End of Option List, then padding) to a 32-bit boundary; the checksum covers {@code pseudoHeader}, the
 * header and the data up to the buffer's limit ({@link HeaderRecord}).
 *
 * <p>A connection can keep one {@link PseudoHeader} and reuse it for every segment it sends.
 *
 * @param sourcePort the source port, 0..65535
 * @param destinationPort the destination port, 0..65535
 * @param sequenceNumber SEG.SEQ
 * @param acknowledgmentNumber SEG.ACK (sent as given even when ACK is not set; RFC 9293 suggests zero then)
 * @param flags the control bits
 * @param window SEG.WND, 0..65535, already scaled down
 * @param urgentPointer the urgent pointer, 0..65535
 * @param options the options in order, at most 40 octets with padding
 * @param pseudoHeader the IP addresses the checksum covers
 */
public record TcpHeader(
        int sourcePort,
        int destinationPort,
        int sequenceNumber,
        int acknowledgmentNumber,
        TcpFlags flags,
        int window,
        int urgentPointer,
        List<TcpOption> options,
        PseudoHeader pseudoHeader)
        implements HeaderRecord {

    /** Validates ranges and the options' length, and copies the options. */
    public TcpHeader {
        if (((sourcePort | destinationPort | window | urgentPointer) & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("TCP port, window or urgent pointer out of range");
        }
        if (flags == null || options == null || pseudoHeader == null) {
            throw new IllegalArgumentException("TCP header needs flags, options and a pseudo-header");
        }
        options = List.copyOf(options);
        int optionsLength = paddedOptionsLength(options);
        if (optionsLength > TcpSegment.MAX_OPTIONS_LENGTH) {
            throw new IllegalArgumentException("TCP options need " + optionsLength + " octets, more than 40");
        }
    }

    private static int paddedOptionsLength(List<TcpOption> options) {
        int len = 0;
        for (TcpOption o : options) {
            len += o.length();
        }
        return (len + 3) & ~3;
    }

    @Override
    public int length() {
        return TcpSegment.MIN_HEADER_LENGTH + paddedOptionsLength(options);
    }

    /** Writes the header at {@code at}, with the checksum over the pseudo-header and the segment to the limit. */
    @Override
    public void emit(ByteBuffer buf, int at) {
        int headerLength = length();
        int segmentLength = buf.limit() - at;
        if (segmentLength < headerLength) {
            throw new IllegalArgumentException("TCP segment of " + segmentLength + " octets, header " + headerLength);
        }
        buf.putShort(at + TcpSegment.SOURCE_PORT, (short) sourcePort);
        buf.putShort(at + TcpSegment.DESTINATION_PORT, (short) destinationPort);
        buf.putInt(at + TcpSegment.SEQUENCE, sequenceNumber);
        buf.putInt(at + TcpSegment.ACKNOWLEDGMENT, acknowledgmentNumber);
        buf.putShort(at + TcpSegment.DATA_OFFSET_FLAGS, (short) (((headerLength / 4) << 12) | flags.bits()));
        buf.putShort(at + TcpSegment.WINDOW, (short) window);
        buf.putShort(at + TcpSegment.CHECKSUM, (short) 0);
        buf.putShort(at + TcpSegment.URGENT_POINTER, (short) urgentPointer);
        int i = at + TcpSegment.OPTIONS;
        for (TcpOption o : options) {
            o.write(buf, i);
            i += o.length();
        }
        // RFC 9293 §3.1: "The TCP header padding is used to ensure that the TCP header ends, and data begins, on a
        // 32-bit boundary. The padding is composed of zeros." A zero octet is also End of Option List.
        for (int end = at + headerLength; i < end; i++) {
            buf.put(i, (byte) 0);
        }
        long sum = pseudoHeader.sum(IpProtocol.TCP.value(), segmentLength) + Checksums.sum(buf, at, segmentLength);
        buf.putShort(at + TcpSegment.CHECKSUM, (short) Checksums.finish(sum));
    }
}
