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

    /**
     * Arming, moving, cancelling and disarming timers, scheduling one-shot tasks and running events, interleaved at
     * random: every event runs at exactly the time and in exactly the order of a model that keeps one entry per armed
     * timer keyed by (deadline, order of the last arming), and size() counts only what will run.
     */
    @Property(tries = 300)
    void lazyTimerEntriesRunInTheOrderOfAnEagerModel(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 40) int timers) {
        Random r = new Random(seed);
        EventQueue q = new EventQueue();
        List<String> log = new ArrayList<>();
        java.util.TreeMap<long[], String> model =
                new java.util.TreeMap<>((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[][] keyOf = new long[timers][];
        long[] seq = {0};
        Timer[] ts = new Timer[timers];
        for (int i = 0; i < timers; i++) {
            int id = i;
            ts[i] = q.newTimer(() -> {
                log.add("t" + id + "@" + q.nanos());
                if (r.nextInt(3) == 0) { // re-arm from its own action
                    long d = r.nextInt(50);
                    ts[id].setAfter(d);
                    keyOf[id] = new long[] {q.nanos() + d, seq[0]++};
                    model.put(keyOf[id], "t" + id);
                }
            });
        }
        List<String> expected = new ArrayList<>();
        for (int op = 0; op < 2000; op++) {
            int k = r.nextInt(10);
            int i = r.nextInt(timers);
            if (k < 4) {
                long d = r.nextInt(100);
                if (r.nextBoolean()) {
                    ts[i].setAfter(d);
                } else {
                    ts[i].setAt(q.nanos() + d);
                }
                if (keyOf[i] != null) {
                    model.remove(keyOf[i]);
                }
                keyOf[i] = new long[] {q.nanos() + d, seq[0]++};
                model.put(keyOf[i], "t" + i);
            } else if (k < 6) {
                if (k == 4) {
                    ts[i].cancel();
                } else {
                    ts[i].disarm();
                }
                if (keyOf[i] != null) {
                    model.remove(keyOf[i]);
                    keyOf[i] = null;
                }
            } else if (k == 6) {
                long d = r.nextInt(100);
                String name = "o" + op;
                q.schedule(d, () -> log.add(name + "@" + q.nanos()));
                model.put(new long[] {q.nanos() + d, seq[0]++}, name);
            } else {
                // run one event in the model first, then in the queue (whose action may re-arm, updating the model)
                var first = model.pollFirstEntry();
                if (first != null) {
                    expected.add(first.getValue() + "@" + first.getKey()[0]);
                    if (first.getValue().startsWith("t")) {
                        keyOf[Integer.parseInt(first.getValue().substring(1))] = null;
                    }
                }
                assertThat(q.runNext()).isEqualTo(first != null);
            }
            assertThat(q.size()).isEqualTo(model.size());
            assertThat(q.nextTime()).isEqualTo(model.isEmpty() ? Long.MAX_VALUE : model.firstKey()[0]);
            for (int t = 0; t < timers; t++) {
                assertThat(ts[t].isPending()).isEqualTo(keyOf[t] != null);
            }
        }
        assertThat(log).isEqualTo(expected);
    }
}
