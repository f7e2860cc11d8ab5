package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LinkParamsTest {

    @Test
    void parsesTheCliImpairmentSpec() {
        LinkParams p = LinkParams.parse("loss=5%,delay=20ms,jitter=5ms,rate=100mbit", LinkParams.IDEAL);
        assertThat(p.loss()).isEqualTo(new LossModel.Bernoulli(0.05));
        assertThat(p.delayNanos()).isEqualTo(20_000_000L);
        assertThat(p.jitterNanos()).isEqualTo(5_000_000L);
        assertThat(p.rateBitsPerSecond()).isEqualTo(100_000_000L);
    }

    @Test
    void parsesEveryKey() {
        LinkParams p = LinkParams.parse(
                "loss=ge:1%/25%/0/100%, dup=0.5%, reorder=2%/3ms, corrupt=0.1%, queue=64, overhead=2, rate=1.5gbit",
                LinkParams.IDEAL);
        assertThat(p.loss()).isEqualTo(new LossModel.GilbertElliott(0.01, 0.25, 0, 1));
        assertThat(p.duplicate()).isEqualTo(0.005);
        assertThat(p.reorder()).isEqualTo(0.02);
        assertThat(p.reorderDelayNanos()).isEqualTo(3_000_000L);
        assertThat(p.corrupt()).isEqualTo(0.001);
        assertThat(p.queuePackets()).isEqualTo(64);
        assertThat(p.overheadBytes()).isEqualTo(2);
        assertThat(p.rateBitsPerSecond()).isEqualTo(1_500_000_000L);
    }

    @Test
    void rejectsBadSpecsWithTheOffendingPart() {
        assertThatThrownBy(() -> LinkParams.parse("loss=150%", LinkParams.IDEAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("probability");
        assertThatThrownBy(() -> LinkParams.parse("speed=3", LinkParams.IDEAL))
                .hasMessageContaining("unknown impairment 'speed'");
        assertThatThrownBy(() -> LinkParams.parse("delay", LinkParams.IDEAL)).hasMessageContaining("key=value");
        assertThatThrownBy(() -> LinkParams.parse("queue=abc", LinkParams.IDEAL))
                .hasMessageContaining("queue=abc");
        assertThatThrownBy(() -> LinkParams.parse("queue=0", LinkParams.IDEAL)).hasMessageContaining("at least one");
    }

    @Test
    void aNegativeOverheadModelsAShorterLinkHeaderThanEthernet() {
        // PPP as ns-3 models it: 2 octets of framing instead of Ethernet's 14, so a 1514-octet Ethernet frame
        // (1448 octets of TCP payload with timestamps) costs 1502 octets: 1201.6 ns at 10 Gbit/s, rounded up.
        LinkParams ppp = LinkParams.parse("rate=10gbit,overhead=-12", LinkParams.IDEAL);
        assertThat(ppp.serializationNanos(1514)).isEqualTo(1202);
        assertThat(ppp.serializationNanos(106)).isEqualTo(76); // a 64-octet UDP payload: 94 octets, 75.2 ns
        assertThat(LinkParams.parse("rate=1gbit,overhead=-14", LinkParams.IDEAL).serializationNanos(14))
                .isZero();
        assertThatThrownBy(() -> LinkParams.parse("overhead=-15", LinkParams.IDEAL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least -14");
    }
}
