package dev.strata.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class EventQueueTest {

    @Test
    void runsEventsInTimeOrderAndEqualTimesInScheduleOrder() {
        EventQueue q = new EventQueue();
        List<String> log = new ArrayList<>();
        q.schedule(30, () -> log.add("c@" + q.nanos()));
        q.schedule(10, () -> log.add("a@" + q.nanos()));
        q.schedule(10, () -> log.add("b@" + q.nanos()));
        q.execute(() -> log.add("now@" + q.nanos()));
        while (q.runNext()) {}
        assertThat(log).containsExactly("now@0", "a@10", "b@10", "c@30");
        assertThat(q.executed()).isEqualTo(4);
    }

    @Test
    void timerCanBeMovedCancelledAndRearmedFromItsOwnAction() {
        EventQueue q = new EventQueue();
        List<Long> fired = new ArrayList<>();
        Timer[] t = new Timer[1];
        t[0] = q.newTimer(() -> {
            fired.add(q.nanos());
            if (fired.size() < 3) {
                t[0].setAfter(100);
            }
        });
        t[0].setAt(50);
        t[0].setAt(20); // moved earlier
        assertThat(t[0].isPending()).isTrue();
        assertThat(t[0].deadline()).isEqualTo(20);
        while (q.runNext()) {}
        assertThat(fired).containsExactly(20L, 120L, 220L);
        assertThat(t[0].isPending()).isFalse();

        Timer c = q.newTimer(() -> fired.add(-1L));
        c.setAfter(10);
        c.cancel();
        c.cancel();
        assertThat(q.isEmpty()).isTrue();
        while (q.runNext()) {}
        assertThat(fired).doesNotContain(-1L);
    }

    @Test
    void negativeDelaysAreRejectedAndPastDeadlinesRunNow() {
        EventQueue q = new EventQueue();
        assertThatThrownBy(() -> q.schedule(-1, () -> {})).isInstanceOf(IllegalArgumentException.class);
        q.advanceTo(1000);
        List<Long> at = new ArrayList<>();
        q.newTimer(() -> at.add(q.nanos())).setAt(5);
        q.runNext();
        assertThat(at).containsExactly(1000L);
    }

    @Test
    void failuresGoToTheHandlerAndTheLoopGoesOn() {
        EventQueue q = new EventQueue();
        List<String> seen = new ArrayList<>();
        q.onFailure(e -> seen.add(e.getMessage()));
        q.schedule(1, () -> {
            throw new IllegalStateException("boom");
        });
        q.schedule(2, () -> seen.add("after"));
        while (q.runNext()) {}
        assertThat(seen).containsExactly("boom", "after");
        assertThat(q.failures()).isEqualTo(1);
    }

    /** Random schedule/move/cancel sequences fire exactly the live timers, each at its last deadline, in order. */
    @Property(tries = 200)
    void heapMatchesAReferenceModel(@ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int timers) {
        Random r = new Random(seed);
        EventQueue q = new EventQueue();
        long[] expected = new long[timers];
        List<long[]> fired = new ArrayList<>();
        Timer[] ts = new Timer[timers];
        for (int i = 0; i < timers; i++) {
            int id = i;
            ts[i] = q.newTimer(() -> fired.add(new long[] {q.nanos(), id}));
            expected[i] = -1;
        }
        for (int op = 0; op < timers * 4; op++) {
            int i = r.nextInt(timers);
            if (r.nextInt(4) == 0) {
                ts[i].cancel();
                expected[i] = -1;
            } else {
                long d = r.nextInt(1000);
                ts[i].setAt(d);
                expected[i] = d;
            }
        }
        while (q.runNext()) {}
        long live = java.util.Arrays.stream(expected).filter(x -> x >= 0).count();
        assertThat(fired).hasSize((int) live);
        long prev = -1;
        for (long[] f : fired) {
            assertThat(f[0]).isEqualTo(expected[(int) f[1]]).isGreaterThanOrEqualTo(prev);
            prev = f[0];
        }
    }
}
