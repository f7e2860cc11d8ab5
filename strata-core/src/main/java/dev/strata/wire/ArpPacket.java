package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * A view of an ARP packet for IPv4 over Ethernet (RFC 826): hardware type 1, protocol type 0x0800, address lengths
 * 6 and 4, 28 octets in all.
 *
 * <p>Created only by {@link #parse(ByteBuffer)}; octets after the 28 (Ethernet padding) are allowed and ignored.
 */
public final class ArpPacket {

    /** Length of an ARP packet for IPv4 over Ethernet. */
    public static final int LENGTH = 28;
    /** The {@code ar$hrd} value for Ethernet (IANA "Hardware Types"). */
    public static final int HARDWARE_ETHERNET = 1;

    /** Octets before the address lengths can be checked: hrd, pro, hln, pln, op. */
    static final int FIXED_LENGTH = 8;

    static final int HRD = 0;
    static final int PRO = 2;
    static final int HLN = 4;
    static final int PLN = 5;
    static final int OP = 6;
    static final int SHA = 8;
    static final int SPA = 14;
    static final int THA = 18;
    static final int TPA = 24;

    private final ByteBuffer buf;
    private final int off;

    private ArpPacket(ByteBuffer buf, int off) {
        this.buf = buf;
        this.off = off;
    }

    /**
     * Parses the bytes between {@code buf}'s position and limit. Fails with {@link ParseError#TRUNCATED} when short,
     * and {@link ParseError#UNSUPPORTED} for any hardware or protocol other than Ethernet and IPv4.
     */
    public static Parsed<ArpPacket> parse(ByteBuffer buf) {
        int off = buf.position();
        int len = buf.remaining();
        if (len < FIXED_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "ARP packet of " + len + " bytes");
        }
        int hrd = buf.getShort(off + HRD) & 0xFFFF;
        int pro = buf.getShort(off + PRO) & 0xFFFF;
        int hln = buf.get(off + HLN) & 0xFF;
        int pln = buf.get(off + PLN) & 0xFF;
        if (hrd != HARDWARE_ETHERNET || pro != EtherType.IPV4.value() || hln != MacAddr.LENGTH || pln != Ip4.LENGTH) {
            return Parsed.malformed(
                    ParseError.UNSUPPORTED,
                    "ARP hrd=" + hrd + " pro=" + EtherType.of(pro) + " hln=" + hln + " pln=" + pln);
        }
        if (len < LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, "ARP packet of " + len + " bytes");
        }
        return Parsed.ok(new ArpPacket(buf, off));
    }

    /** The opcode as a raw 16-bit value. */
    public int operationValue() {
        return buf.getShort(off + OP) & 0xFFFF;
    }

    /** The opcode. */
    public ArpOp operation() {
        return ArpOp.of(operationValue());
    }

    /** The sender hardware address {@code ar$sha}. */
    public MacAddr senderHardwareAddress() {
        return MacAddr.read(buf, off + SHA);
    }

    /** The sender protocol address {@code ar$spa}. */
    public Ip4 senderProtocolAddress() {
        return new Ip4(senderProtocolBits());
    }

    /** The sender protocol address as a 32-bit value. */
    public int senderProtocolBits() {
        return buf.getInt(off + SPA);
    }

    /** The target hardware address {@code ar$tha} (unknown, usually zero, in a request). */
    public MacAddr targetHardwareAddress() {
        return MacAddr.read(buf, off + THA);
    }

    /** The target protocol address {@code ar$tpa}. */
    public Ip4 targetProtocolAddress() {
        return new Ip4(targetProtocolBits());
    }

    /** The target protocol address as a 32-bit value. */
    public int targetProtocolBits() {
        return buf.getInt(off + TPA);
    }

    /** True for a gratuitous ARP: sender and target protocol addresses equal (RFC 5227 §3). */
    public boolean isGratuitous() {
        return senderProtocolBits() == targetProtocolBits();
    }

    /** Length of the ARP packet proper, always {@value #LENGTH}; trailing padding is not counted. */
    public int length() {
        return LENGTH;
    }

    /** The underlying buffer. */
    public ByteBuffer buffer() {
        return buf;
    }

    /** Absolute index of the packet's first byte in {@link #buffer()}. */
    public int offset() {
        return off;
    }

    /** A record describing this packet, for rebuilding it. */
    public ArpHeader toHeader() {
        return new ArpHeader(
                operation(),
                senderHardwareAddress(),
                senderProtocolAddress(),
                targetHardwareAddress(),
                targetProtocolAddress());
    }

    @Override
    public String toString() {
        return toHeader().toString();
    }
}
