package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One TCP option (RFC 9293 §3.1, §3.2): End of Option List, No-Operation, Maximum Segment Size, Window Scale and
 * Timestamps (RFC 7323), SACK-Permitted and SACK (RFC 2018), or any other kind kept as its raw data.
 */
public sealed interface TcpOption
        permits TcpOption.Eol,
                TcpOption.Nop,
                TcpOption.Mss,
                TcpOption.WindowScale,
                TcpOption.SackPermitted,
                TcpOption.Sack,
                TcpOption.Timestamps,
                TcpOption.Unknown {

    /** Kind of End of Option List. */
    int KIND_EOL = 0;
    /** Kind of No-Operation. */
    int KIND_NOP = 1;
    /** Kind of Maximum Segment Size (RFC 9293 §3.2). */
    int KIND_MSS = 2;
    /** Kind of Window Scale (RFC 7323 §2.2). */
    int KIND_WINDOW_SCALE = 3;
    /** Kind of SACK-Permitted (RFC 2018 §2). */
    int KIND_SACK_PERMITTED = 4;
    /** Kind of SACK (RFC 2018 §3). */
    int KIND_SACK = 5;
    /** Kind of Timestamps (RFC 7323 §3.2). */
    int KIND_TIMESTAMPS = 8;

    /** Length of the MSS option. */
    int LENGTH_MSS = 4;
    /** Length of the Window Scale option. */
    int LENGTH_WINDOW_SCALE = 3;
    /** Length of the SACK-Permitted option. */
    int LENGTH_SACK_PERMITTED = 2;
    /** Length of the Timestamps option. */
    int LENGTH_TIMESTAMPS = 10;
    /** The most SACK blocks that fit in the 40-octet options area (RFC 2018 §3). */
    int MAX_SACK_BLOCKS = 4;

    /** End of Option List. */
    Eol EOL = new Eol();
    /** No-Operation. */
    Nop NOP = new Nop();
    /** SACK-Permitted. */
    SackPermitted SACK_PERMITTED = new SackPermitted();

    /** The option kind octet. */
    int kind();

    /** Number of octets the option occupies. */
    int length();

    /** Writes the option at absolute index {@code at} of {@code buf}. */
    void write(ByteBuffer buf, int at);

    /**
     * End of Option List (RFC 9293 §3.2): the options end here. Emission adds it (as zero padding) where the
     * options do not fill the last 32-bit word, and parsing does not list it, since the two are the same octets.
     */
    record Eol() implements TcpOption {
        @Override
        public int kind() {
            return KIND_EOL;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_EOL);
        }
    }

    /** No-Operation (RFC 9293 §3.2), used to align the next option. */
    record Nop() implements TcpOption {
        @Override
        public int kind() {
            return KIND_NOP;
        }

        @Override
        public int length() {
            return 1;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_NOP);
        }
    }

    /**
     * Maximum Segment Size (RFC 9293 §3.2, §3.7.1): the largest segment the sender of a SYN can receive.
     *
     * @param mss the segment size, 0..65535
     */
    record Mss(int mss) implements TcpOption {
        /** Validates the 16-bit range. */
        public Mss {
            if ((mss & ~0xFFFF) != 0) {
                throw new IllegalArgumentException("MSS out of range: " + mss);
            }
        }

        @Override
        public int kind() {
            return KIND_MSS;
        }

        @Override
        public int length() {
            return LENGTH_MSS;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_MSS);
            buf.put(at + 1, (byte) LENGTH_MSS);
            buf.putShort(at + 2, (short) mss);
        }
    }

    /**
     * Window Scale (RFC 7323 §2.2). Values above 14 are kept as sent; RFC 7323 §2.3 tells the receiver to use 14.
     *
     * @param shift the shift count, 0..255
     */
    record WindowScale(int shift) implements TcpOption {
        /** Validates the 8-bit range. */
        public WindowScale {
            if ((shift & ~0xFF) != 0) {
                throw new IllegalArgumentException("window scale out of range: " + shift);
            }
        }

        @Override
        public int kind() {
            return KIND_WINDOW_SCALE;
        }

        @Override
        public int length() {
            return LENGTH_WINDOW_SCALE;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_WINDOW_SCALE);
            buf.put(at + 1, (byte) LENGTH_WINDOW_SCALE);
            buf.put(at + 2, (byte) shift);
        }
    }

    /** SACK-Permitted (RFC 2018 §2), sent in a SYN. */
    record SackPermitted() implements TcpOption {
        @Override
        public int kind() {
            return KIND_SACK_PERMITTED;
        }

        @Override
        public int length() {
            return LENGTH_SACK_PERMITTED;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_SACK_PERMITTED);
            buf.put(at + 1, (byte) LENGTH_SACK_PERMITTED);
        }
    }

    /**
     * One SACK block (RFC 2018 §3): a received run of sequence space, {@code left} inclusive to {@code right}
     * exclusive (sequence numbers wrap modulo 2^32).
     *
     * @param left the first sequence number of the block
     * @param right the sequence number just past the block
     */
    record SackBlock(int left, int right) {}

    /**
     * SACK (RFC 2018 §3): one to four blocks of data received out of order.
     *
     * @param blocks the blocks, 1..4
     */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        /** Validates the number of blocks and copies the list. */
        public Sack {
            if (blocks == null || blocks.isEmpty() || blocks.size() > MAX_SACK_BLOCKS) {
                throw new IllegalArgumentException("a SACK option has 1 to 4 blocks");
            }
            blocks = List.copyOf(blocks);
        }

        @Override
        public int kind() {
            return KIND_SACK;
        }

        @Override
        public int length() {
            return 2 + 8 * blocks.size();
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_SACK);
            buf.put(at + 1, (byte) length());
            int i = at + 2;
            for (SackBlock b : blocks) {
                buf.putInt(i, b.left());
                buf.putInt(i + 4, b.right());
                i += 8;
            }
        }
    }

    /**
     * Timestamps (RFC 7323 §3.2).
     *
     * @param value TSval, the sender's timestamp clock
     * @param echoReply TSecr, the most recent TSval received (0 when the ACK bit is not set)
     */
    record Timestamps(int value, int echoReply) implements TcpOption {
        @Override
        public int kind() {
            return KIND_TIMESTAMPS;
        }

        @Override
        public int length() {
            return LENGTH_TIMESTAMPS;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) KIND_TIMESTAMPS);
            buf.put(at + 1, (byte) LENGTH_TIMESTAMPS);
            buf.putInt(at + 2, value);
            buf.putInt(at + 6, echoReply);
        }
    }

    /**
     * An option of a kind this codec does not interpret, kept as its data (after the kind and length octets).
     *
     * @param kind the option kind; not one of the kinds above
     * @param data the option data; copied in and out
     */
    record Unknown(int kind, byte[] data) implements TcpOption {
        /** Validates the kind and the length. */
        public Unknown {
            if (kind < 0 || kind > 255 || isKnown(kind)) {
                throw new IllegalArgumentException("not an unknown TCP option kind: " + kind);
            }
            if (data.length > 38) {
                throw new IllegalArgumentException("TCP option data too long: " + data.length);
            }
            data = data.clone();
        }

        /** A copy of the data. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        @Override
        public void write(ByteBuffer buf, int at) {
            buf.put(at, (byte) kind);
            buf.put(at + 1, (byte) length());
            buf.put(at + 2, data);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown other && kind == other.kind && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * kind + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[kind=" + kind + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }

    /** True for the kinds this codec interprets (and whose lengths it checks). */
    static boolean isKnown(int kind) {
        return switch (kind) {
            case KIND_EOL, KIND_NOP, KIND_MSS, KIND_WINDOW_SCALE, KIND_SACK_PERMITTED, KIND_SACK, KIND_TIMESTAMPS ->
                true;
            default -> false;
        };
    }
}
