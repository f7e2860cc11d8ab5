package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.time.EventQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ChannelTest {

    @Test
    void serializesAtTheLinkRateThenAddsPropagationDelay() {
        EventQueue q = new EventQueue();
        List<Long> at = new ArrayList<>();
        // 8 Mbit/s: a 976-octet frame plus 24 octets of overhead takes exactly 1 ms.
        LinkParams p = LinkParams.GIGABIT.withRate(8_000_000).withDelay(2_000_000);
        Channel ch = new Channel(q, new SplittableRandom(1), p, f -> at.add(q.nanos()));
        for (int i = 0; i < 3; i++) {
            assertThat(ch.offer(ByteBuffer.allocate(976))).isTrue();
        }
        assertThat(ch.queueLength()).isEqualTo(2);
        while (q.runNext()) {}
        assertThat(at).containsExactly(3_000_000L, 4_000_000L, 5_000_000L);
        assertThat(ch.counters().delivered).isEqualTo(3);
    }

    @Test
    void tailDropsWhenTheQueueIsFull() {
        EventQueue q = new EventQueue();
        int[] got = {0};
        Channel ch = new Channel(q, new SplittableRandom(1), LinkParams.GIGABIT.withQueue(100), f -> got[0]++);
        int admitted = 0;
        for (int i = 0; i < 2000; i++) {
            if (ch.offer(ByteBuffer.allocate(1500))) {
                admitted++;
            }
        }
        // One frame on the wire plus 100 waiting.
        assertThat(admitted).isEqualTo(101);
        assertThat(ch.counters().queueDrops).isEqualTo(1899);
        while (q.runNext()) {}
        assertThat(got[0]).isEqualTo(101);
        assertThat(ch.queueLength()).isZero();
    }

    @Test
    void sameSeedSameOutcome() {
        LinkParams p = LinkParams.GIGABIT.withLoss(0.1).withJitter(3_000).withImpairments(0.05, 0.05, 20_000, 0.05);
        assertThat(trace(7, p)).isEqualTo(trace(7, p)).isNotEqualTo(trace(8, p));
    }

    private static List<String> trace(long seed, LinkParams p) {
        EventQueue q = new EventQueue();
        List<String> log = new ArrayList<>();
        Channel ch = new Channel(
                q, new SplittableRandom(seed), p, f -> log.add(q.nanos() + ":" + f.getInt(0) + ":" + f.getInt(4)));
        for (int i = 0; i < 500; i++) {
            int n = i;
            q.scheduleAt(
                    i * 700L,
                    () -> ch.offer(ByteBuffer.allocate(200).putInt(0, n).putInt(4, n)));
        }
        while (q.runNext()) {}
        return log;
    }
}
