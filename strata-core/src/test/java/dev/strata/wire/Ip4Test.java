package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Ip4Test {

    @Test
    void parsesAndPrintsDottedDecimal() {
        Ip4 a = Ip4.parse("192.0.2.1");
        assertThat(a.bits()).isEqualTo(0xC000_0201);
        assertThat(a).hasToString("192.0.2.1");
        assertThat(Ip4.parse("255.255.255.255")).isEqualTo(Ip4.BROADCAST);
        assertThat(Ip4.parse("0.0.0.0")).isEqualTo(Ip4.ANY);
        assertThat(Ip4.of(203, 0, 113, 254)).hasToString("203.0.113.254");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "1",
                "1.2.3",
                "1.2.3.4.5",
                "256.0.0.1",
                "1.2.3.-4",
                "01.2.3.4",
                "1..2.3",
                "1.2.3.4 ",
                " 1.2.3.4",
                "a.b.c.d",
                "1.2.3.4/24",
                "1234.1.1.1",
                "1.2.3.",
                ".1.2.3"
            })
    void rejectsAnythingElse(String text) {
        assertThatThrownBy(() -> Ip4.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsWritesAndConvertsOctets() {
        ByteBuffer buf = ByteBuffer.allocate(8);
        Ip4.parse("198.51.100.7").write(buf, 3);
        assertThat(Packets.toHex(buf)).isEqualTo("000000c6336407" + "00");
        assertThat(Ip4.read(buf, 3)).isEqualTo(Ip4.parse("198.51.100.7"));
        assertThat(Ip4.parse("198.51.100.7").toBytes()).containsExactly(198, 51, 100, 7);
        assertThat(Ip4.ofBytes(new byte[] {(byte) 198, 51, 100, 7})).isEqualTo(Ip4.parse("198.51.100.7"));
        assertThatThrownBy(() -> Ip4.ofBytes(new byte[3])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ip4.of(1, 256, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classifiesSpecialAddresses() {
        assertThat(Ip4.parse("224.0.0.1").isMulticast()).isTrue();
        assertThat(Ip4.parse("239.255.255.255").isMulticast()).isTrue();
        assertThat(Ip4.parse("223.255.255.255").isMulticast()).isFalse();
        assertThat(Ip4.parse("240.0.0.0").isMulticast()).isFalse();
        assertThat(Ip4.BROADCAST.isBroadcast()).isTrue();
        assertThat(Ip4.parse("192.0.2.255").isBroadcast()).isFalse();
        assertThat(Ip4.ANY.isUnspecified()).isTrue();
        assertThat(Ip4.parse("127.255.0.9").isLoopback()).isTrue();
        assertThat(Ip4.parse("128.0.0.1").isLoopback()).isFalse();
        assertThat(Ip4.parse("169.254.1.1").isLinkLocal()).isTrue();
        assertThat(Ip4.parse("240.0.0.1").isReserved()).isTrue();
        assertThat(Ip4.BROADCAST.isReserved()).isFalse();
    }

    @Test
    void ordersUnsigned() {
        assertThat(Ip4.parse("10.0.0.1")).isLessThan(Ip4.parse("192.0.2.1"));
        assertThat(Ip4.parse("192.0.2.1")).isLessThan(Ip4.parse("255.0.0.0"));
        assertThat(Ip4.parse("0.0.0.0")).isLessThan(Ip4.parse("128.0.0.0"));
    }

    @Property
    void textRoundTrip(@ForAll("ip4") Ip4 a) {
        assertThat(Ip4.parse(a.toString())).isEqualTo(a);
        assertThat(Ip4.ofBytes(a.toBytes())).isEqualTo(a);
    }

    @Test
    void protocolNumbersShareConstantsAndKeepUnknowns() {
        assertThat(IpProtocol.of(6)).isSameAs(IpProtocol.TCP);
        assertThat(IpProtocol.of(17)).isSameAs(IpProtocol.UDP);
        assertThat(IpProtocol.of(1)).hasToString("ICMP");
        assertThat(IpProtocol.ICMPV6.value()).isEqualTo(58);
        assertThat(IpProtocol.of(253)).isEqualTo(new IpProtocol(253)).hasToString("253");
        assertThatThrownBy(() -> IpProtocol.of(256)).isInstanceOf(IllegalArgumentException.class);
    }

    @Provide
    Arbitrary<Ip4> ip4() {
        return WireArbitraries.ip4();
    }
}
