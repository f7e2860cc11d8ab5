package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 6125 §6.4 matching rules, case by case. */
class HostnameMatcherTest {

    @ParameterizedTest(name = "{0} vs {1} -> {2}")
    @CsvSource({
        // exact names, case-insensitive, one trailing dot ignored on either side
        "www.example.com, www.example.com, true",
        "WWW.EXAMPLE.COM, www.example.com, true",
        "www.example.com., www.example.com, true",
        "www.example.com, www.example.com., true",
        "example.com, www.example.com, false",
        "www.example.com, example.com, false",
        "localhost, localhost, true",
        // wildcard: whole leftmost label only, exactly one label
        "foo.example.com, *.example.com, true",
        "FOO.Example.Com, *.EXAMPLE.com, true",
        "example.com, *.example.com, false",
        "a.b.example.com, *.example.com, false",
        "foo.example.com, f*.example.com, false",
        "foo.example.com, *o.example.com, false",
        "foo.example.com, foo.*.com, false",
        "foo.bar.example.com, foo.*.example.com, false",
        "foo.example.com, **.example.com, false",
        // never a public-suffix-like single label after the wildcard
        "example.com, *.com, false",
        "com, *, false",
        "foo.com, *.com, false",
        // punycode labels are ordinary labels
        "xn--bcher-kva.example, xn--bcher-kva.example, true",
        "xn--bcher-kva.example.com, *.example.com, true",
    })
    void dnsNames(String reference, String presented, boolean matches) {
        String host = HostnameMatcher.normalizeReference(reference).orElseThrow();
        assertThat(HostnameMatcher.matchesDnsName(host, presented)).isEqualTo(matches);
    }

    @Test
    void internationalizedReferencesCompareAsALabels() {
        assertThat(HostnameMatcher.normalizeReference("bücher.example")).hasValue("xn--bcher-kva.example");
        assertThat(mismatch("Bücher.Example", List.of("xn--bcher-kva.example"), List.of()))
                .isFalse();
    }

    @Test
    void invalidReferencesNeverMatch() {
        for (String bad : List.of(
                "",
                ".",
                "..",
                "a..b",
                "exa mple.com",
                "*.example.com",
                "-a.example.com",
                "a-.example.com",
                "a".repeat(64) + ".com",
                "under_score.example.com")) {
            assertThat(HostnameMatcher.normalizeReference(bad)).as(bad).isEmpty();
            assertThat(mismatch(bad, List.of(bad, "*.example.com"), List.of()))
                    .as(bad)
                    .isTrue();
        }
    }

    @Test
    void ipReferencesMatchOnlyIpSansOctetForOctet() {
        byte[] v4 = {(byte) 192, 0, 2, 1};
        byte[] v6 = IpLiteral.parse("2001:db8::1").orElseThrow();
        assertThat(mismatch("192.0.2.1", List.of(), List.of(v4))).isFalse();
        assertThat(mismatch("192.0.2.1", List.of("192.0.2.1"), List.of())).isTrue();
        assertThat(mismatch("192.0.2.2", List.of(), List.of(v4))).isTrue();
        assertThat(mismatch("2001:DB8:0:0::1", List.of(), List.of(v6))).isFalse();
        assertThat(mismatch("[2001:db8::1]", List.of(), List.of(v6))).isFalse();
        assertThat(mismatch("2001:db8::2", List.of(), List.of(v6))).isTrue();
        // An IPv4-mapped IPv6 literal is not the 4-octet address.
        assertThat(mismatch("::ffff:192.0.2.1", List.of(), List.of(v4))).isTrue();
        // Never the common name, even without SANs.
        assertThat(HostnameMatcher.mismatch("192.0.2.1", List.of(), List.of(), false, List.of("192.0.2.1")))
                .isPresent();
    }

    @Test
    void strictIpv4LiteralsOnly() {
        assertThat(IpLiteral.parse("192.0.2.1")).isPresent();
        for (String notIp :
                List.of("1.2.3", "010.0.2.1", "192.0.2.256", "1", "0x7f.0.0.1", "192.0.2.1.", " 192.0.2.1")) {
            assertThat(IpLiteral.parse(notIp)).as(notIp).isEmpty();
        }
        assertThat(IpLiteral.parse("fe80::1%eth0")).isEmpty();
        assertThat(IpLiteral.parse("::1")).isPresent();
    }

    @Test
    void commonNameFallbackOnlyWithoutSanExtension() {
        assertThat(HostnameMatcher.mismatch("cn.example.com", List.of(), List.of(), false, List.of("cn.example.com")))
                .isEmpty();
        assertThat(HostnameMatcher.mismatch("cn.example.com", List.of(), List.of(), true, List.of("cn.example.com")))
                .isPresent();
        assertThat(HostnameMatcher.mismatch(
                        "cn.example.com", List.of("other.example.com"), List.of(), true, List.of("cn.example.com")))
                .isPresent();
    }

    private static boolean mismatch(String reference, List<String> dns, List<byte[]> ips) {
        return HostnameMatcher.mismatch(reference, dns, ips, true, List.of()).isPresent();
    }
}
