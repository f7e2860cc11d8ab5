package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/**
 * A 48-bit IEEE 802 MAC address, held in the low 48 bits of a long.
 *
 * @param bits the address, most significant octet first, in bits 47..0
 */
public record MacAddr(long bits) implements Comparable<MacAddr> {

    /** The broadcast address ff:ff:ff:ff:ff:ff. */
    public static final MacAddr BROADCAST = new MacAddr(0xFFFF_FFFF_FFFFL);

    /** The all-zero address, used as the unknown target hardware address in ARP requests. */
    public static final MacAddr ZERO = new MacAddr(0);

    /** Length of a MAC address in octets. */
    public static final int LENGTH = 6;

    /** Validates that only the low 48 bits are set. */
    public MacAddr {
        if ((bits & ~0xFFFF_FFFF_FFFFL) != 0) {
            throw new IllegalArgumentException("MAC address has more than 48 bits: " + Long.toHexString(bits));
        }
    }

    /** Parses the usual colon (or dash) separated form, e.g. {@code 02:00:00:00:00:01}. */
    public static MacAddr parse(String text) {
        String[] parts = text.trim().split("[:-]");
        if (parts.length != LENGTH) {
            throw new IllegalArgumentException("not a MAC address (want six octets): " + text);
        }
        long v = 0;
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 2) {
                throw new IllegalArgumentException("not a MAC address (bad octet '" + p + "'): " + text);
            }
            try {
                v = (v << 8) | Integer.parseInt(p, 16);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a MAC address (bad octet '" + p + "'): " + text, e);
            }
        }
        return new MacAddr(v);
    }

    /** Reads six octets at absolute index {@code at} of {@code buf}. */
    public static MacAddr read(ByteBuffer buf, int at) {
        long hi = buf.getShort(at) & 0xFFFFL;
        long lo = buf.getInt(at + 2) & 0xFFFF_FFFFL;
        return new MacAddr((hi << 32) | lo);
    }

    /** The address with the locally-administered bit set and the given 40-bit host part: 02:xx:xx:xx:xx:xx. */
    public static MacAddr local(long host) {
        return new MacAddr(0x0200_0000_0000L | (host & 0xFF_FFFF_FFFFL));
    }

    /** Writes the six octets at absolute index {@code at} of {@code buf}. */
    public void write(ByteBuffer buf, int at) {
        buf.putShort(at, (short) (bits >>> 32));
        buf.putInt(at + 2, (int) bits);
    }

    /** The six octets, most significant first. */
    public byte[] toBytes() {
        byte[] b = new byte[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            b[i] = (byte) (bits >>> (8 * (LENGTH - 1 - i)));
        }
        return b;
    }

    /** True for group (multicast or broadcast) addresses: the I/G bit of the first octet. */
    public boolean isMulticast() {
        return (bits & 0x0100_0000_0000L) != 0;
    }

    /** True for the broadcast address. */
    public boolean isBroadcast() {
        return bits == BROADCAST.bits;
    }

    /** True when the U/L bit says the address is locally administered. */
    public boolean isLocallyAdministered() {
        return (bits & 0x0200_0000_0000L) != 0;
    }

    @Override
    public int compareTo(MacAddr o) {
        return Long.compare(bits, o.bits);
    }

    @Override
    public String toString() {
        return HexFormat.ofDelimiter(":").formatHex(toBytes());
    }
}
