package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import net.jqwik.api.domains.DomainContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ip4PrefixTest {

    @Test
    void parsesAPrefixAndDerivesItsAddresses() {
        Ip4Prefix p = Ip4Prefix.parse("192.0.2.0/24");
        assertThat(p.network()).isEqualTo(Ip4.parse("192.0.2.0"));
        assertThat(p.length()).isEqualTo(24);
        assertThat(p.mask()).isEqualTo(Ip4.parse("255.255.255.0"));
        assertThat(p.broadcast()).isEqualTo(Ip4.parse("192.0.2.255"));
        assertThat(p.size()).isEqualTo(256);
        assertThat(p).hasToString("192.0.2.0/24");
        assertThat(p.contains(Ip4.parse("192.0.2.77"))).isTrue();
        assertThat(p.contains(Ip4.parse("192.0.3.0"))).isFalse();
        assertThat(p.contains(Ip4Prefix.parse("192.0.2.128/25"))).isTrue();
        assertThat(p.contains(Ip4Prefix.parse("192.0.0.0/16"))).isFalse();
    }

    @Test
    void edgeLengths() {
        assertThat(Ip4Prefix.DEFAULT.contains(Ip4.BROADCAST)).isTrue();
        assertThat(Ip4Prefix.DEFAULT.mask()).isEqualTo(Ip4.ANY);
        assertThat(Ip4Prefix.DEFAULT.broadcast()).isEqualTo(Ip4.BROADCAST);
        assertThat(Ip4Prefix.DEFAULT.size()).isEqualTo(1L << 32);
        Ip4Prefix host = Ip4Prefix.parse("198.51.100.7/32");
        assertThat(host.contains(Ip4.parse("198.51.100.7"))).isTrue();
        assertThat(host.contains(Ip4.parse("198.51.100.6"))).isFalse();
        assertThat(host.mask()).isEqualTo(Ip4.BROADCAST);
    }

    @ParameterizedTest
    @ValueSource(strings = {"192.0.2.1/24", "192.0.2.0", "192.0.2.0/33", "192.0.2.0/", "192.0.2.0/024", "x/8", "/8"})
    void rejectsHostBitsAndBadText(String text) {
        assertThatThrownBy(() -> Ip4Prefix.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void containingClearsHostBits() {
        assertThat(Ip4Prefix.containing(Ip4.parse("203.0.113.200"), 26)).isEqualTo(Ip4Prefix.parse("203.0.113.192/26"));
    }

    @Test
    void interfaceAddressKeepsTheHost() {
        Ip4Interface i = Ip4Interface.parse("192.0.2.10/24");
        assertThat(i.address()).isEqualTo(Ip4.parse("192.0.2.10"));
        assertThat(i.prefix()).isEqualTo(Ip4Prefix.parse("192.0.2.0/24"));
        assertThat(i.mask()).isEqualTo(Ip4.parse("255.255.255.0"));
        assertThat(i.broadcast()).isEqualTo(Ip4.parse("192.0.2.255"));
        assertThat(i).hasToString("192.0.2.10/24");
        assertThat(i.isOnLink(Ip4.parse("192.0.2.200"))).isTrue();
        assertThat(i.isOnLink(Ip4.parse("198.51.100.1"))).isFalse();
        assertThat(i.isDirectedBroadcast(Ip4.parse("192.0.2.255"))).isTrue();
        assertThat(i.isDirectedBroadcast(Ip4.parse("192.0.2.254"))).isFalse();
        // RFC 3021: a /31 has no broadcast address.
        assertThat(Ip4Interface.parse("192.0.2.0/31").isDirectedBroadcast(Ip4.parse("192.0.2.1")))
                .isFalse();
        assertThatThrownBy(() -> Ip4Interface.parse("192.0.2.10")).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    @Domain(WireArbitraries.class)
    @Domain(DomainContext.Global.class)
    void prefixesContainExactlyTheirRange(@ForAll Ip4Prefix p, @ForAll Ip4 a) {
        long lo = Integer.toUnsignedLong(p.network().bits());
        long hi = Integer.toUnsignedLong(p.broadcast().bits());
        long x = Integer.toUnsignedLong(a.bits());
        assertThat(p.contains(a)).isEqualTo(x >= lo && x <= hi);
        assertThat(hi - lo + 1).isEqualTo(p.size());
        assertThat(Ip4Prefix.parse(p.toString())).isEqualTo(p);
    }

    @Property
    @Domain(WireArbitraries.class)
    void interfacesRoundTripAndLieInTheirPrefix(@ForAll Ip4Interface i) {
        assertThat(Ip4Interface.parse(i.toString())).isEqualTo(i);
        assertThat(i.prefix().contains(i.address())).isTrue();
        assertThat(i.isOnLink(i.address())).isTrue();
    }
}
