package dev.strata.trace;

import dev.strata.wire.Parsed;
import java.nio.ByteBuffer;

/** Small appenders shared by the packet formatters, writing addresses and numbers without temporary strings. */
final class Text {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Text() {}

    /** Appends an IPv4 address in dotted-decimal form. */
    static StringBuilder ip4(StringBuilder sb, int bits) {
        return sb.append(bits >>> 24)
                .append('.')
                .append((bits >>> 16) & 0xFF)
                .append('.')
                .append((bits >>> 8) & 0xFF)
                .append('.')
                .append(bits & 0xFF);
    }

    /** Appends the six octets at absolute index {@code at} as a colon-separated MAC address. */
    static StringBuilder mac(StringBuilder sb, ByteBuffer buf, int at) {
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                sb.append(':');
            }
            hexOctet(sb, buf.get(at + i));
        }
        return sb;
    }

    /** Appends an octet as two lower-case hex digits. */
    static StringBuilder hexOctet(StringBuilder sb, byte b) {
        return sb.append(HEX[(b >>> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /** Appends a 16-bit value as {@code 0x} and four hex digits. */
    static StringBuilder hex16(StringBuilder sb, int v) {
        sb.append("0x");
        for (int shift = 12; shift >= 0; shift -= 4) {
            sb.append(HEX[(v >>> shift) & 0xF]);
        }
        return sb;
    }

    /** Appends a 32-bit value as an unsigned decimal. */
    static StringBuilder u32(StringBuilder sb, int v) {
        return sb.append(v & 0xFFFF_FFFFL);
    }

    /** Appends {@code [malformed <what>: <ERROR>]} for a failed parse. */
    static StringBuilder malformed(StringBuilder sb, String what, Parsed.Malformed<?> m) {
        return sb.append("[malformed ")
                .append(what)
                .append(": ")
                .append(m.error())
                .append(']');
    }
}
