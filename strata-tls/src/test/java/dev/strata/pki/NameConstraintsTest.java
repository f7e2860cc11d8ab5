package dev.strata.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** RFC 5280 §4.2.1.10 subtree rules for dNSName and iPAddress. */
class NameConstraintsTest {

    @Test
    void dnsSubtrees() {
        assertThat(NameConstraints.within("example.com", "example.com")).isTrue();
        assertThat(NameConstraints.within("www.example.com", "example.com")).isTrue();
        assertThat(NameConstraints.within("wwwexample.com", "example.com")).isFalse();
        assertThat(NameConstraints.within("example.com", ".example.com")).isFalse();
        assertThat(NameConstraints.within("a.example.com", ".example.com")).isTrue();
        assertThat(NameConstraints.within("anything.test", "")).isTrue();
    }

    @Test
    void permittedAndExcludedDns() {
        NameConstraints nc = new NameConstraints(
                List.of("example.com"), List.of("secret.example.com"), List.of(), List.of(), Optional.empty());
        assertThat(nc.checkDns("www.example.com")).isEmpty();
        assertThat(nc.checkDns("www.example.org")).isPresent();
        assertThat(nc.checkDns("secret.example.com")).isPresent();
        assertThat(nc.checkDns("a.secret.example.com")).isPresent();
        // *.example.com could stand for secret.example.com: refused.
        assertThat(nc.checkDns("*.example.com")).isPresent();
        assertThat(nc.checkDns("*.www.example.com")).isEmpty();
    }

    @Test
    void ipRanges() {
        byte[] net = {(byte) 198, 51, 100, 0, (byte) 255, (byte) 255, (byte) 255, 0};
        NameConstraints permitted =
                new NameConstraints(List.of(), List.of(), List.of(net), List.of(), Optional.empty());
        assertThat(permitted.checkIp(new byte[] {(byte) 198, 51, 100, 7})).isEmpty();
        assertThat(permitted.checkIp(new byte[] {(byte) 203, 0, 113, 7})).isPresent();
        // iPAddress is one name form: a v4-only permitted list leaves no IPv6 address permitted.
        assertThat(permitted.checkIp(IpLiteral.parse("2001:db8::1").orElseThrow()))
                .isPresent();
        NameConstraints excluded = new NameConstraints(List.of(), List.of(), List.of(), List.of(net), Optional.empty());
        assertThat(excluded.checkIp(new byte[] {(byte) 198, 51, 100, 7})).isPresent();
        assertThat(excluded.checkIp(new byte[] {(byte) 192, 0, 2, 1})).isEmpty();
    }
}
