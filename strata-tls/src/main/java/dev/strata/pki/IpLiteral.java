package dev.strata.pki;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * Strict parsing of textual IP addresses, never touching DNS.
 *
 * <p>IPv4 must be four decimal octets without leading zeros (so {@code 010.1.1.1} or {@code 1.2.3} are not
 * addresses, unlike {@link InetAddress#ofLiteral}); IPv6 follows RFC 4291 §2.2, optionally in brackets, without a
 * zone identifier.
 */
final class IpLiteral {

    private IpLiteral() {}

    /** The address bytes (4 or 16) that {@code text} spells, or empty when it is not a strict IP literal. */
    static Optional<byte[]> parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseIpv6(text);
        }
        return parseIpv4(text);
    }

    /** The address for {@code text} as an {@link InetAddress}, or empty when it is not a strict IP literal. */
    static Optional<InetAddress> parseAddress(String text) {
        return parse(text).map(IpLiteral::toAddress);
    }

    static InetAddress toAddress(byte[] bytes) {
        try {
            return bytes.length == 16 ? Inet6Address.getByAddress(null, bytes, null) : InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address length: " + bytes.length, e);
        }
    }

    private static Optional<byte[]> parseIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || (p.length() > 1 && p.charAt(0) == '0')) {
                return Optional.empty();
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> parseIpv6(String text) {
        String s = text;
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 45 || s.indexOf('%') >= 0 || s.indexOf('[') >= 0 || s.indexOf(']') >= 0) {
            return Optional.empty();
        }
        try {
            InetAddress a = Inet6Address.ofLiteral(s);
            byte[] bytes = a.getAddress();
            if (bytes.length == 4) {
                // An IPv4-mapped literal (::ffff:a.b.c.d): keep the 16-byte form the text spells.
                byte[] mapped = new byte[16];
                mapped[10] = (byte) 0xFF;
                mapped[11] = (byte) 0xFF;
                System.arraycopy(bytes, 0, mapped, 12, 4);
                return Optional.of(mapped);
            }
            return Optional.of(bytes);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
