package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.domains.Domain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddrTest {

    @Test
    void parsesPrintsAndClassifies() {
        MacAddr a = MacAddr.parse("02:00:5e:10:00:01");
        assertThat(a.bits()).isEqualTo(0x0200_5E10_0001L);
        assertThat(a).hasToString("02:00:5e:10:00:01");
        assertThat(MacAddr.parse("02-00-5E-10-00-01")).isEqualTo(a);
        assertThat(a.isLocallyAdministered()).isTrue();
        assertThat(a.isMulticast()).isFalse();
        assertThat(MacAddr.parse("01:00:5e:00:00:01").isMulticast()).isTrue();
        assertThat(MacAddr.BROADCAST.isMulticast()).isTrue();
        assertThat(MacAddr.BROADCAST.isBroadcast()).isTrue();
        assertThat(MacAddr.local(0x1234)).hasToString("02:00:00:00:12:34");
        assertThat(MacAddr.parse("02:00:00:00:00:01")).isLessThan(MacAddr.parse("02:00:00:00:00:02"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "02:00:00:00:00", "02:00:00:00:00:00:00", "02:00:00:00:00:0g", "002:00:00:00:00:01"})
    void rejectsBadText(String text) {
        assertThatThrownBy(() -> MacAddr.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsMoreThan48Bits() {
        assertThatThrownBy(() -> new MacAddr(1L << 48)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAndWritesInPlace() {
        ByteBuffer buf = ByteBuffer.allocate(8);
        MacAddr.parse("02:11:22:33:44:55").write(buf, 1);
        assertThat(Packets.toHex(buf)).isEqualTo("0002112233445500");
        assertThat(MacAddr.read(buf, 1)).isEqualTo(MacAddr.parse("02:11:22:33:44:55"));
        assertThat(MacAddr.parse("02:11:22:33:44:55").toBytes()).containsExactly(2, 0x11, 0x22, 0x33, 0x44, 0x55);
    }

    @Property
    @Domain(WireArbitraries.class)
    void textRoundTrip(@ForAll MacAddr a) {
        assertThat(MacAddr.parse(a.toString())).isEqualTo(a);
        ByteBuffer buf = ByteBuffer.allocate(6);
        a.write(buf, 0);
        assertThat(buf.array()).isEqualTo(a.toBytes());
        assertThat(MacAddr.read(buf, 0)).isEqualTo(a);
    }
}
