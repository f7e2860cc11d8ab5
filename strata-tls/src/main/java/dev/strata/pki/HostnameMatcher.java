package dev.strata.pki;

import java.net.IDN;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Matches a reference identifier (the host name or IP address a client meant to reach) against the identifiers a
 * certificate presents, following RFC 6125 §6.
 *
 * <ul>
 *   <li>An IP address reference matches only {@code iPAddress} SANs, octet for octet (RFC 6125 §6.2.1 as amended by
 *       RFC 9525 §6.3); never a {@code dNSName} spelling the same digits, never the common name.
 *   <li>A DNS reference matches {@code dNSName} SANs case-insensitively, ignoring one trailing dot (RFC 6125 §6.4.1).
 *   <li>A wildcard is accepted only as the whole leftmost label ({@code *.example.com}), matches exactly one
 *       non-empty label, and needs at least two labels after it, so {@code *.com} or {@code *} match nothing (RFC
 *       6125 §6.4.3, with the partial-label forms {@code f*o.example.com} refused as RFC 9525 §6.3 requires).
 *   <li>The subject common name is consulted only when the certificate has no subjectAltName extension at all (RFC
 *       6125 §6.4.4); RFC 9525 dropped even that fallback, and Strata's CA never relies on it.
 * </ul>
 */
final class HostnameMatcher {

    private static final int MAX_NAME_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostnameMatcher() {}

    /**
     * Why {@code reference} does not match the certificate's identifiers, or empty when it matches.
     *
     * @param reference a host name or an IP literal (IPv6 optionally in brackets)
     * @param dnsNames the certificate's dNSName SANs, as encoded
     * @param ipAddresses the certificate's iPAddress SANs (4 or 16 octets each)
     * @param hasSanExtension whether the certificate carries a subjectAltName extension of any content
     * @param commonNames the subject's common name attributes, for the RFC 6125 §6.4.4 fallback
     */
    static Optional<String> mismatch(
            String reference,
            List<String> dnsNames,
            List<byte[]> ipAddresses,
            boolean hasSanExtension,
            List<String> commonNames) {
        Optional<byte[]> ip = IpLiteral.parse(reference);
        if (ip.isPresent()) {
            for (byte[] candidate : ipAddresses) {
                if (Arrays.equals(candidate, ip.get())) {
                    return Optional.empty();
                }
            }
            return Optional.of("IP address " + reference + " is not among the certificate's iPAddress names "
                    + describeIps(ipAddresses));
        }
        Optional<String> host = normalizeReference(reference);
        if (host.isEmpty()) {
            return Optional.of("'" + reference + "' is not a valid host name");
        }
        List<String> presented = hasSanExtension ? dnsNames : commonNames;
        for (String candidate : presented) {
            if (matchesDnsName(host.get(), candidate)) {
                return Optional.empty();
            }
        }
        String source = hasSanExtension ? "dNSName SANs " : "common names (no subjectAltName extension) ";
        return Optional.of("host name " + host.get() + " matches none of the certificate's " + source + presented);
    }

    /**
     * True when the presented identifier {@code presented} (a dNSName, possibly a wildcard) matches the normalized
     * reference host name {@code host}.
     */
    static boolean matchesDnsName(String host, String presented) {
        String p = presented.toLowerCase(Locale.ROOT);
        if (p.endsWith(".")) {
            p = p.substring(0, p.length() - 1);
        }
        if (!isValidDnsName(p, true)) {
            return false;
        }
        if (!p.startsWith("*.")) {
            return p.equals(host);
        }
        // RFC 6125 §6.4.3: the wildcard stands for exactly the leftmost label of the reference.
        String suffix = p.substring(1); // ".example.com"
        int firstDot = host.indexOf('.');
        return firstDot > 0 && host.substring(firstDot).equals(suffix);
    }

    /** The reference host name in canonical form (lower case ASCII, A-labels, no trailing dot), if it is valid. */
    static Optional<String> normalizeReference(String reference) {
        String h = reference;
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.isEmpty() || h.length() > 4 * MAX_NAME_LENGTH) {
            return Optional.empty();
        }
        if (!h.chars().allMatch(c -> c < 0x80)) {
            try {
                // RFC 6125 §6.4.2: compare internationalized names as A-labels.
                h = IDN.toASCII(h, IDN.USE_STD3_ASCII_RULES);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        h = h.toLowerCase(Locale.ROOT);
        return isValidDnsName(h, false) ? Optional.of(h) : Optional.empty();
    }

    /**
     * True when {@code name} (lower case, no trailing dot) is a host name in preferred name syntax (RFC 1034 §3.5,
     * RFC 1123 §2.1: letters, digits and interior hyphens, labels of 1 to 63 octets, at most 253 octets), or, when
     * {@code allowWildcard}, such a name whose leftmost label is exactly {@code *} followed by at least two labels.
     */
    static boolean isValidDnsName(String name, boolean allowWildcard) {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        String[] labels = name.split("\\.", -1);
        int start = 0;
        if (labels[0].equals("*")) {
            if (!allowWildcard || labels.length < 3) {
                return false;
            }
            start = 1;
        }
        for (int i = start; i < labels.length; i++) {
            if (!isValidLabel(labels[i])) {
                return false;
            }
        }
        return true;
    }

    private static boolean isValidLabel(String label) {
        int n = label.length();
        if (n == 0 || n > MAX_LABEL_LENGTH || label.charAt(0) == '-' || label.charAt(n - 1) == '-') {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String describeIps(List<byte[]> ips) {
        return ips.stream()
                .map(b -> IpLiteral.toAddress(b).getHostAddress())
                .toList()
                .toString();
    }
}
