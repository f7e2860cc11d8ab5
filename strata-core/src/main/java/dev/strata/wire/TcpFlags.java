package dev.strata.wire;

/**
 * The TCP control bits (RFC 9293 §3.1, with CWR and ECE from RFC 3168 §6.1) and the four reserved bits before
 * them: the 12 bits after the data offset, held as an int. Unknown and reserved bits survive a round trip.
 *
 * @param bits the flags in the low 8 bits (FIN = 0x01 ... CWR = 0x80), the reserved bits in bits 8..11
 */
public record TcpFlags(int bits) {

    /** FIN: no more data from sender. */
    public static final int FIN_BIT = 0x01;
    /** SYN: synchronize sequence numbers. */
    public static final int SYN_BIT = 0x02;
    /** RST: reset the connection. */
    public static final int RST_BIT = 0x04;
    /** PSH: push function. */
    public static final int PSH_BIT = 0x08;
    /** ACK: the acknowledgment field is significant. */
    public static final int ACK_BIT = 0x10;
    /** URG: the urgent pointer field is significant. */
    public static final int URG_BIT = 0x20;
    /** ECE: ECN-Echo (RFC 3168 §6.1). */
    public static final int ECE_BIT = 0x40;
    /** CWR: Congestion Window Reduced (RFC 3168 §6.1). */
    public static final int CWR_BIT = 0x80;
    /** The lowest reserved bit (the former NS of RFC 3540, now the AE bit of Accurate ECN). */
    public static final int AE_BIT = 0x100;

    /** No flags. */
    public static final TcpFlags NONE = new TcpFlags(0);
    /** SYN alone, the first segment of a handshake. */
    public static final TcpFlags SYN = new TcpFlags(SYN_BIT);
    /** SYN and ACK, the second segment of a handshake. */
    public static final TcpFlags SYN_ACK = new TcpFlags(SYN_BIT | ACK_BIT);
    /** ACK alone. */
    public static final TcpFlags ACK = new TcpFlags(ACK_BIT);
    /** PSH and ACK, a data segment. */
    public static final TcpFlags PSH_ACK = new TcpFlags(PSH_BIT | ACK_BIT);
    /** FIN and ACK. */
    public static final TcpFlags FIN_ACK = new TcpFlags(FIN_BIT | ACK_BIT);
    /** RST alone. */
    public static final TcpFlags RST = new TcpFlags(RST_BIT);
    /** RST and ACK. */
    public static final TcpFlags RST_ACK = new TcpFlags(RST_BIT | ACK_BIT);

    // tcpdump's letters, in its order (print-tcp.c): FIN, SYN, RST, PSH, ACK, URG, ECE, CWR, AE.
    private static final int[] LETTER_BITS = {
        FIN_BIT, SYN_BIT, RST_BIT, PSH_BIT, ACK_BIT, URG_BIT, ECE_BIT, CWR_BIT, AE_BIT
    };
    private static final String LETTERS = "FSRP.UEWe";

    /** Validates the 12-bit range. */
    public TcpFlags {
        if ((bits & ~0xFFF) != 0) {
            throw new IllegalArgumentException("TCP flags out of range: 0x" + Integer.toHexString(bits));
        }
    }

    /** True when every bit of {@code mask} is set. */
    public boolean has(int mask) {
        return (bits & mask) == mask;
    }

    /** These flags with the bits of {@code mask} set. */
    public TcpFlags with(int mask) {
        return new TcpFlags(bits | mask);
    }

    /** These flags with the bits of {@code mask} cleared. */
    public TcpFlags without(int mask) {
        return new TcpFlags(bits & ~mask);
    }

    /** The FIN bit. */
    public boolean fin() {
        return (bits & FIN_BIT) != 0;
    }

    /** The SYN bit. */
    public boolean syn() {
        return (bits & SYN_BIT) != 0;
    }

    /** The RST bit. */
    public boolean rst() {
        return (bits & RST_BIT) != 0;
    }

    /** The PSH bit. */
    public boolean psh() {
        return (bits & PSH_BIT) != 0;
    }

    /** The ACK bit. */
    public boolean ack() {
        return (bits & ACK_BIT) != 0;
    }

    /** The URG bit. */
    public boolean urg() {
        return (bits & URG_BIT) != 0;
    }

    /** The ECE bit. */
    public boolean ece() {
        return (bits & ECE_BIT) != 0;
    }

    /** The CWR bit. */
    public boolean cwr() {
        return (bits & CWR_BIT) != 0;
    }

    /**
     * The flags as tcpdump prints them: {@code [S.]} for SYN-ACK, {@code [P.]} for PSH-ACK, {@code [.]} for a bare
     * ACK, {@code [none]} for none. Letters in tcpdump's order: F S R P . U E W, then e for AE and {@code r} for
     * each other reserved bit.
     */
    @Override
    public String toString() {
        if (bits == 0) {
            return "[none]";
        }
        StringBuilder sb = new StringBuilder(14).append('[');
        for (int i = 0; i < LETTER_BITS.length; i++) {
            if ((bits & LETTER_BITS[i]) != 0) {
                sb.append(LETTERS.charAt(i));
            }
        }
        for (int b = 0x200; b <= 0x800; b <<= 1) {
            if ((bits & b) != 0) {
                sb.append('r');
            }
        }
        return sb.append(']').toString();
    }
}
