package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A view of a TCP segment (RFC 9293 §3.1): header, options and data.
 *
 * <p>Created only by {@link #parse(ByteBuffer)}, which checks the data offset and walks the options once, so no
 * accessor can fail. The walk also records where the common options are, so {@link #mssOption()},
 * {@link #windowScaleOption()}, {@link #sackPermittedOption()}, {@link #hasTimestamps()} and the SACK block
 * accessors read them without allocating; {@link #options()} builds the full list. When a kind appears more than
 * once, those accessors report the first.
 *
 * <p>The segment runs to the buffer's limit (TCP has no length field): pass the IP payload.
 */
public final class TcpSegment {

    /** Length of the header without options. */
    public static final int MIN_HEADER_LENGTH = 20;
    /** Length of the longest header: data offset 15. */
    public static final int MAX_HEADER_LENGTH = 60;
    /** Most octets of options a header holds. */
    public static final int MAX_OPTIONS_LENGTH = 40;

    static final int SOURCE_PORT = 0;
    static final int DESTINATION_PORT = 2;
    static final int SEQUENCE = 4;
    static final int ACKNOWLEDGMENT = 8;
    static final int DATA_OFFSET_FLAGS = 12;
    static final int WINDOW = 14;
    static final int CHECKSUM = 16;
    static final int URGENT_POINTER = 18;
    static final int OPTIONS = 20;

    /** NOP, NOP, Timestamps kind and length: the first four octets of the usual options of RFC 7323 Appendix A. */
    private static final int ALIGNED_TIMESTAMPS = 0x0101_080A;

    private final ByteBuffer buf;
    private final int off;
    private final int len;
    private final int headerLength;

    // Absolute indexes of the first option of each common kind, or -1; set once by scanOptions.
    private int mssAt = -1;
    private int windowScaleAt = -1;
    private int timestampsAt = -1;
    private int sackAt = -1;
    private boolean sackPermitted;

    private TcpSegment(ByteBuffer buf, int off, int len, int headerLength) {
        this.buf = buf;
        this.off = off;
        this.len = len;
        this.headerLength = headerLength;
    }

    /**
     * Parses the bytes between {@code buf}'s position and limit as a segment, without checking the checksum.
     * Fails with {@link ParseError#TRUNCATED} below 20 octets, {@link ParseError#BAD_HEADER_LENGTH} for a data
     * offset below 5 or past the end, and {@link ParseError#BAD_OPTION} for an option whose length is below 2, runs
     * off the end of the options, or does not fit its kind.
     */
    public static Parsed<TcpSegment> parse(ByteBuffer buf) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < MIN_HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "TCP segment of " + len + " bytes");
        }
        int headerLength = ((buf.get(off + DATA_OFFSET_FLAGS) & 0xFF) >>> 4) * 4;
        if (headerLength < MIN_HEADER_LENGTH || headerLength > len) {
            return Parsed.malformed(
                    ParseError.BAD_HEADER_LENGTH, "TCP data offset " + headerLength / 4 + " in " + len + " bytes");
        }
        TcpSegment segment = new TcpSegment(buf, off, len, headerLength);
        String problem = segment.scanOptions();
        if (problem != null) {
            return Parsed.malformed(ParseError.BAD_OPTION, problem);
        }
        return Parsed.ok(segment);
    }

    /**
     * Parses as {@link #parse(ByteBuffer)} and verifies the checksum over {@code pseudoHeader}, failing with
     * {@link ParseError#BAD_CHECKSUM} (RFC 9293 §3.1: the checksum is mandatory).
     */
    public static Parsed<TcpSegment> parse(ByteBuffer buf, PseudoHeader pseudoHeader) {
        Parsed<TcpSegment> parsed = parse(buf);
        if (parsed instanceof Parsed.Ok<TcpSegment>(TcpSegment tcp) && !tcp.checksumValid(pseudoHeader)) {
            return Parsed.malformed(ParseError.BAD_CHECKSUM, String.format("TCP checksum 0x%04x", tcp.checksum()));
        }
        return parsed;
    }

    /** Walks the options once, recording the common ones; returns why they are malformed, or null. */
    private String scanOptions() {
        int end = off + headerLength;
        int i = off + OPTIONS;
        // The layout of nearly every segment once timestamps are on: NOP, NOP, Timestamps (RFC 7323 Appendix A).
        if (headerLength == MIN_HEADER_LENGTH + 12 && buf.getInt(i) == ALIGNED_TIMESTAMPS) {
            timestampsAt = i + 2;
            return null;
        }
        while (i < end) {
            int kind = buf.get(i) & 0xFF;
            if (kind == TcpOption.KIND_EOL) {
                return null;
            }
            if (kind == TcpOption.KIND_NOP) {
                i++;
                continue;
            }
            // RFC 9293 §3.1 (MUST-7): an implementation must be prepared for an illegal option length, e.g. zero.
            if (i + 1 >= end) {
                return "TCP option " + kind + " has no length octet";
            }
            int optLen = buf.get(i + 1) & 0xFF;
            if (optLen < 2 || i + optLen > end) {
                return "TCP option " + kind + " has length " + optLen + " with " + (end - i) + " octets left";
            }
            switch (kind) {
                case TcpOption.KIND_MSS -> {
                    if (optLen != TcpOption.LENGTH_MSS) return badLength(kind, optLen);
                    if (mssAt < 0) mssAt = i;
                }
                case TcpOption.KIND_WINDOW_SCALE -> {
                    if (optLen != TcpOption.LENGTH_WINDOW_SCALE) return badLength(kind, optLen);
                    if (windowScaleAt < 0) windowScaleAt = i;
                }
                case TcpOption.KIND_SACK_PERMITTED -> {
                    if (optLen != TcpOption.LENGTH_SACK_PERMITTED) return badLength(kind, optLen);
                    sackPermitted = true;
                }
                case TcpOption.KIND_SACK -> {
                    // RFC 2018 §3: length 2 + 8n for n blocks; at least one block.
                    if (optLen < 10 || (optLen - 2) % 8 != 0) return badLength(kind, optLen);
                    if (sackAt < 0) sackAt = i;
                }
                case TcpOption.KIND_TIMESTAMPS -> {
                    if (optLen != TcpOption.LENGTH_TIMESTAMPS) return badLength(kind, optLen);
                    if (timestampsAt < 0) timestampsAt = i;
                }
                default -> {}
            }
            i += optLen;
        }
        return null;
    }

    private static String badLength(int kind, int optLen) {
        return "TCP option " + kind + " with length " + optLen;
    }

    /** The source port. */
    public int sourcePort() {
        return buf.getShort(off + SOURCE_PORT) & 0xFFFF;
    }

    /** The destination port. */
    public int destinationPort() {
        return buf.getShort(off + DESTINATION_PORT) & 0xFFFF;
    }

    /** The sequence number (SEG.SEQ), a 32-bit value compared modulo 2^32. */
    public int sequenceNumber() {
        return buf.getInt(off + SEQUENCE);
    }

    /** The acknowledgment number (SEG.ACK), significant when ACK is set. */
    public int acknowledgmentNumber() {
        return buf.getInt(off + ACKNOWLEDGMENT);
    }

    /** The data offset in 32-bit words, 5..15. */
    public int dataOffset() {
        return headerLength / 4;
    }

    /** Length of the header in octets, options included. */
    public int headerLength() {
        return headerLength;
    }

    /** The 12 bits after the data offset: control bits in bits 0..7, reserved bits in 8..11. */
    public int flagBits() {
        return buf.getShort(off + DATA_OFFSET_FLAGS) & 0x0FFF;
    }

    /** The control bits (and reserved bits). */
    public TcpFlags flags() {
        return new TcpFlags(flagBits());
    }

    /** The FIN bit. */
    public boolean fin() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.FIN_BIT) != 0;
    }

    /** The SYN bit. */
    public boolean syn() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.SYN_BIT) != 0;
    }

    /** The RST bit. */
    public boolean rst() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.RST_BIT) != 0;
    }

    /** The PSH bit. */
    public boolean psh() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.PSH_BIT) != 0;
    }

    /** The ACK bit. */
    public boolean ack() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.ACK_BIT) != 0;
    }

    /** The URG bit. */
    public boolean urg() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.URG_BIT) != 0;
    }

    /** The ECE bit (RFC 3168). */
    public boolean ece() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.ECE_BIT) != 0;
    }

    /** The CWR bit (RFC 3168). */
    public boolean cwr() {
        return (buf.get(off + DATA_OFFSET_FLAGS + 1) & TcpFlags.CWR_BIT) != 0;
    }

    /** The window field (SEG.WND), before any window scaling. */
    public int window() {
        return buf.getShort(off + WINDOW) & 0xFFFF;
    }

    /** The checksum field as received. */
    public int checksum() {
        return buf.getShort(off + CHECKSUM) & 0xFFFF;
    }

    /** The urgent pointer field, significant when URG is set. */
    public int urgentPointer() {
        return buf.getShort(off + URGENT_POINTER) & 0xFFFF;
    }

    /**
     * True when the checksum verifies over the IPv4 pseudo-header of {@code sourceBits} and {@code
     * destinationBits}. Allocation-free.
     */
    public boolean checksumValid(int sourceBits, int destinationBits) {
        long sum = Checksums.pseudoHeaderV4(sourceBits, destinationBits, IpProtocol.TCP.value(), len)
                + Checksums.sum(buf, off, len);
        return Checksums.verifies(sum);
    }

    /** True when the checksum verifies over {@code pseudoHeader}. */
    public boolean checksumValid(PseudoHeader pseudoHeader) {
        return Checksums.verifies(pseudoHeader.sum(IpProtocol.TCP.value(), len) + Checksums.sum(buf, off, len));
    }

    /** Length of the options area in octets, padding included. */
    public int optionsLength() {
        return headerLength - MIN_HEADER_LENGTH;
    }

    /**
     * The options in order, up to the End of Option List (which, like the padding after it, is not listed);
     * allocates. Unknown kinds are kept as {@link TcpOption.Unknown}.
     */
    public List<TcpOption> options() {
        List<TcpOption> out = new ArrayList<>();
        int end = off + headerLength;
        int i = off + OPTIONS;
        while (i < end) {
            int kind = buf.get(i) & 0xFF;
            if (kind == TcpOption.KIND_EOL) {
                break;
            }
            if (kind == TcpOption.KIND_NOP) {
                out.add(TcpOption.NOP);
                i++;
                continue;
            }
            int optLen = buf.get(i + 1) & 0xFF;
            out.add(
                    switch (kind) {
                        case TcpOption.KIND_MSS -> new TcpOption.Mss(buf.getShort(i + 2) & 0xFFFF);
                        case TcpOption.KIND_WINDOW_SCALE -> new TcpOption.WindowScale(buf.get(i + 2) & 0xFF);
                        case TcpOption.KIND_SACK_PERMITTED -> TcpOption.SACK_PERMITTED;
                        case TcpOption.KIND_SACK -> {
                            List<TcpOption.SackBlock> blocks = new ArrayList<>();
                            for (int b = i + 2; b < i + optLen; b += 8) {
                                blocks.add(new TcpOption.SackBlock(buf.getInt(b), buf.getInt(b + 4)));
                            }
                            yield new TcpOption.Sack(blocks);
                        }
                        case TcpOption.KIND_TIMESTAMPS ->
                            new TcpOption.Timestamps(buf.getInt(i + 2), buf.getInt(i + 6));
                        default -> {
                            byte[] data = new byte[optLen - 2];
                            buf.get(i + 2, data);
                            yield new TcpOption.Unknown(kind, data);
                        }
                    });
            i += optLen;
        }
        return List.copyOf(out);
    }

    /** The Maximum Segment Size option's value, or -1 when absent. */
    public int mssOption() {
        return mssAt < 0 ? -1 : buf.getShort(mssAt + 2) & 0xFFFF;
    }

    /** The Window Scale option's shift count as sent (RFC 7323 §2.3: use at most 14), or -1 when absent. */
    public int windowScaleOption() {
        return windowScaleAt < 0 ? -1 : buf.get(windowScaleAt + 2) & 0xFF;
    }

    /** True when the SACK-Permitted option is present. */
    public boolean sackPermittedOption() {
        return sackPermitted;
    }

    /** True when the Timestamps option is present. */
    public boolean hasTimestamps() {
        return timestampsAt >= 0;
    }

    /** The Timestamps option's TSval, or 0 when {@link #hasTimestamps()} is false. */
    public int timestampValue() {
        return timestampsAt < 0 ? 0 : buf.getInt(timestampsAt + 2);
    }

    /** The Timestamps option's TSecr, or 0 when {@link #hasTimestamps()} is false. */
    public int timestampEchoReply() {
        return timestampsAt < 0 ? 0 : buf.getInt(timestampsAt + 6);
    }

    /** Number of blocks in the SACK option, 0 when absent. */
    public int sackBlockCount() {
        return sackAt < 0 ? 0 : ((buf.get(sackAt + 1) & 0xFF) - 2) / 8;
    }

    /**
     * The left edge of SACK block {@code i}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < sackBlockCount()}
     */
    public int sackBlockLeft(int i) {
        return buf.getInt(sackBlock(i));
    }

    /**
     * The right edge of SACK block {@code i}.
     *
     * @throws IndexOutOfBoundsException unless {@code 0 <= i < sackBlockCount()}
     */
    public int sackBlockRight(int i) {
        return buf.getInt(sackBlock(i) + 4);
    }

    private int sackBlock(int i) {
        if (i < 0 || i >= sackBlockCount()) {
            throw new IndexOutOfBoundsException("SACK block " + i + " of " + sackBlockCount());
        }
        return sackAt + 2 + 8 * i;
    }

    /** Absolute index of the data in the underlying buffer. */
    public int payloadOffset() {
        return off + headerLength;
    }

    /** Length of the data. */
    public int payloadLength() {
        return len - headerLength;
    }

    /** The data as a new buffer sharing the segment's bytes, positioned at 0. */
    public ByteBuffer payload() {
        return buf.slice(payloadOffset(), payloadLength());
    }

    /** SEG.LEN (RFC 9293 §3.4): the data length plus one for SYN and one for FIN. */
    public int segmentLength() {
        int flags = buf.get(off + DATA_OFFSET_FLAGS + 1);
        return payloadLength() + (flags & TcpFlags.SYN_BIT) / TcpFlags.SYN_BIT + (flags & TcpFlags.FIN_BIT);
    }

    /** Length of the segment, header and data. */
    public int length() {
        return len;
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the segment's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /**
     * A record describing this header, for rebuilding it with {@code pseudoHeader}; the checksum is recomputed when
     * it is emitted.
     */
    public TcpHeader toHeader(PseudoHeader pseudoHeader) {
        return new TcpHeader(
                sourcePort(),
                destinationPort(),
                sequenceNumber(),
                acknowledgmentNumber(),
                flags(),
                window(),
                urgentPointer(),
                options(),
                pseudoHeader);
    }

    @Override
    public String toString() {
        return "TCP " + sourcePort() + " > " + destinationPort() + " Flags " + flags() + " seq "
                + Integer.toUnsignedString(sequenceNumber())
                + (ack() ? " ack " + Integer.toUnsignedString(acknowledgmentNumber()) : "") + " win " + window()
                + " length " + payloadLength();
    }
}
