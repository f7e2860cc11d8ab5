package dev.strata.pki;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A subject alternative name Strata issues (RFC 5280 §4.2.1.6): a DNS name or an IP address.
 *
 * <p>These are the two identifier types TLS clients match a server against (RFC 6125 §6.4, §6.2.1 for IP
 * addresses, as RFC 9525 states).
 */
public sealed interface SubjectAltName permits SubjectAltName.DnsName, SubjectAltName.IpAddress {

    /**
     * A {@code dNSName}: an ASCII host name in preferred name syntax, lower-cased, optionally with {@code *} as
     * its whole leftmost label.
     *
     * @param name the host name, e.g. {@code www.example.com} or {@code *.example.com}
     */
    record DnsName(String name) implements SubjectAltName {
        /** Lower-cases the name and checks its syntax (RFC 1034 §3.5, RFC 5280 §4.2.1.6). */
        public DnsName {
            Objects.requireNonNull(name, "name");
            String n = name.toLowerCase(Locale.ROOT);
            if (n.endsWith(".")) {
                n = n.substring(0, n.length() - 1);
            }
            if (!HostnameMatcher.isValidDnsName(n, true)) {
                throw new IllegalArgumentException("not a valid DNS name for a certificate: " + name);
            }
            name = n;
        }

        @Override
        public String toString() {
            return "DNS:" + name;
        }
    }

    /**
     * An {@code iPAddress}: four octets for IPv4, sixteen for IPv6 (RFC 5280 §4.2.1.6).
     *
     * @param address the address
     */
    record IpAddress(InetAddress address) implements SubjectAltName {
        /** Checks the address is present. */
        public IpAddress {
            Objects.requireNonNull(address, "address");
        }

        @Override
        public String toString() {
            return "IP:" + address.getHostAddress();
        }
    }

    /**
     * The name {@code text} spells: an {@link IpAddress} for a strict IP literal, otherwise a {@link DnsName}.
     *
     * @throws IllegalArgumentException when {@code text} is neither an IP literal nor a valid DNS name
     */
    static SubjectAltName parse(String text) {
        Optional<InetAddress> ip = IpLiteral.parseAddress(text);
        if (ip.isPresent()) {
            return new IpAddress(ip.get());
        }
        return new DnsName(text);
    }

    /** A DNS name; see {@link DnsName}. */
    static SubjectAltName dns(String name) {
        return new DnsName(name);
    }

    /**
     * An IP address from a strict literal ({@code 192.0.2.1}, {@code 2001:db8::1}).
     *
     * @throws IllegalArgumentException when {@code literal} is not an IP address literal
     */
    static SubjectAltName ip(String literal) {
        return new IpAddress(IpLiteral.parseAddress(literal)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address: " + literal)));
    }
}
