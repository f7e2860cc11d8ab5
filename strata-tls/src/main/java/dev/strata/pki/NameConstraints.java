package dev.strata.pki;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The dNSName and iPAddress subtrees of a CA's name constraints extension (RFC 5280 §4.2.1.10), and the check of a
 * subordinate certificate's names against them.
 *
 * <p>Other name forms (directoryName, rfc822Name, URI, ...) are not processed; a certificate whose constraints use
 * them is refused as having an unhandled critical extension rather than half-checked.
 *
 * @param permittedDns permitted dNSName subtrees (lower case; a leading dot means "subdomains only")
 * @param excludedDns excluded dNSName subtrees
 * @param permittedIp permitted iPAddress ranges, each address followed by its mask (8 or 32 octets)
 * @param excludedIp excluded iPAddress ranges
 * @param unsupportedForm the first name form Strata cannot enforce, if any
 */
record NameConstraints(
        List<String> permittedDns,
        List<String> excludedDns,
        List<byte[]> permittedIp,
        List<byte[]> excludedIp,
        Optional<String> unsupportedForm) {

    /** Copies the lists. */
    NameConstraints {
        permittedDns = List.copyOf(permittedDns);
        excludedDns = List.copyOf(excludedDns);
        permittedIp = List.copyOf(permittedIp);
        excludedIp = List.copyOf(excludedIp);
    }

    /** Why {@code dnsName} (a SAN of a certificate below this CA) violates the constraints, or empty. */
    Optional<String> checkDns(String dnsName) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        for (String excluded : excludedDns) {
            if (within(name, excluded) || wildcardCovers(name, excluded)) {
                return Optional.of("DNS name " + dnsName + " is in the excluded subtree " + excluded);
            }
        }
        if (!permittedDns.isEmpty() && permittedDns.stream().noneMatch(p -> within(name, p))) {
            return Optional.of("DNS name " + dnsName + " is outside the permitted subtrees " + permittedDns);
        }
        return Optional.empty();
    }

    /** Why {@code address} (4 or 16 octets) violates the constraints, or empty. */
    Optional<String> checkIp(byte[] address) {
        String shown = IpLiteral.toAddress(address).getHostAddress();
        for (byte[] range : excludedIp) {
            if (inRange(address, range)) {
                return Optional.of("IP address " + shown + " is in an excluded range");
            }
        }
        // An address of the other family is within no range, so a v4-only permitted list forbids IPv6 addresses.
        if (!permittedIp.isEmpty() && permittedIp.stream().noneMatch(r -> inRange(address, r))) {
            return Optional.of("IP address " + shown + " is outside the permitted ranges");
        }
        return Optional.empty();
    }

    /**
     * RFC 5280 §4.2.1.10: a name is within a dNSName subtree when labels can be added to the left of the
     * constraint to form it; the common leading-dot form admits subdomains only, and an empty constraint admits
     * every name.
     */
    static boolean within(String name, String constraint) {
        String c = constraint.toLowerCase(Locale.ROOT);
        if (c.isEmpty()) {
            return true;
        }
        if (c.startsWith(".")) {
            return name.endsWith(c);
        }
        return name.equals(c) || name.endsWith("." + c);
    }

    /** A wildcard name {@code *.S} could stand for a name in the excluded subtree one label below {@code S}. */
    private static boolean wildcardCovers(String name, String excluded) {
        if (!name.startsWith("*.")) {
            return false;
        }
        String suffix = name.substring(1); // ".S"
        String e = excluded.startsWith(".") ? excluded.substring(1) : excluded.toLowerCase(Locale.ROOT);
        return e.endsWith(suffix) && e.indexOf('.') == e.length() - suffix.length();
    }

    private static boolean inRange(byte[] address, byte[] range) {
        int n = address.length;
        if (range.length != 2 * n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int mask = range[n + i];
            if ((address[i] & mask) != (range[i] & mask)) {
                return false;
            }
        }
        return true;
    }
}
