package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.wire.ParseError;
import org.junit.jupiter.api.Test;

class CountersTest {

    enum IpDrop {
        NO_ROUTE,
        TTL_EXCEEDED,
        NOT_FOR_US
    }

    @Test
    void countsAndFormatsLikeNetstat() {
        Counters node = new Counters();
        LayerCounters<IpDrop> ip = node.add("ip", IpDrop.class);
        LayerCounters<LayerCounters.NoReason> udp = node.add("udp", LayerCounters.NoReason.class);
        node.add("tcp", LayerCounters.NoReason.class);
        for (int i = 0; i < 12; i++) {
            ip.countIn();
        }
        for (int i = 0; i < 10; i++) {
            ip.countOut();
        }
        ip.countDrop(IpDrop.NO_ROUTE);
        ip.countDrop(IpDrop.TTL_EXCEEDED);
        ip.countDrop(IpDrop.TTL_EXCEEDED);
        ip.countMalformed(ParseError.BAD_CHECKSUM);
        udp.countIn();
        assertThat(ip.in()).isEqualTo(12);
        assertThat(ip.out()).isEqualTo(10);
        assertThat(ip.dropped(IpDrop.TTL_EXCEEDED)).isEqualTo(2);
        assertThat(ip.dropped(IpDrop.NOT_FOR_US)).isZero();
        assertThat(ip.malformed(ParseError.BAD_CHECKSUM)).isEqualTo(1);
        assertThat(ip.dropped()).isEqualTo(4);
        assertThat(node.format()).isEqualTo("""
                        ip:
                            12 in
                            10 out
                            4 dropped
                                1 no route
                                2 ttl exceeded
                                1 malformed: bad checksum
                        udp:
                            1 in
                        tcp:
                        """);
        assertThat(ip.toString())
                .isEqualTo("ip: in 12 out 10 dropped 4 (no route 1, ttl exceeded 2, malformed bad checksum 1)");
        assertThat(udp.toString()).isEqualTo("udp: in 1 out 0 dropped 0");
        assertThat(node.find("udp")).isSameAs(udp);
        assertThat(node.find("icmp")).isNull();
        assertThat(node.layers()).extracting(LayerCounters::layer).containsExactly("ip", "udp", "tcp");
        ip.reset();
        assertThat(ip.toString()).isEqualTo("ip: in 0 out 0 dropped 0");
    }

    @Test
    void aLayerIsCountedOnce() {
        Counters node = new Counters();
        node.add("ip", IpDrop.class);
        assertThatThrownBy(() -> node.add("ip", IpDrop.class)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void incrementsAllocateNothing() {
        LayerCounters<IpDrop> ip = new LayerCounters<>("ip", IpDrop.class);
        long bytes = Allocations.bytesAllocatedBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                ip.countIn();
                ip.countOut();
                ip.countDrop(IpDrop.NOT_FOR_US);
                ip.countMalformed(ParseError.TRUNCATED);
            }
        });
        assertThat(bytes).isLessThan(1024);
        assertThat(ip.in()).isEqualTo(200_000);
    }
}
