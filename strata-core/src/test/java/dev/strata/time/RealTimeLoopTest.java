package dev.strata.time;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RealTimeLoopTest {

    private final String name = "strata-loop-test-"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt());
    private final RealTimeLoop loop = new RealTimeLoop(name);

    @AfterEach
    void stopAndCheckForLeaks() throws InterruptedException {
        loop.shutdown();
        assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(loop.isTerminated()).isTrue();
        assertThat(Thread.getAllStackTraces().keySet())
                .noneMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    private static void await(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(30, TimeUnit.SECONDS)).as("done within 30 s").isTrue();
    }

    @Test
    void timersFireInDeadlineOrderAndNeverEarly() throws Exception {
        loop.start();
        List<String> fired = new CopyOnWriteArrayList<>();
        List<Long> late = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(1);
        loop.run(() -> {
            long t0 = loop.nanos();
            for (long ms : new long[] {30, 10, 50, 20, 0}) {
                long due = t0 + Durations.millis(ms);
                loop.schedule(Durations.millis(ms), () -> {
                    fired.add(ms + "ms");
                    late.add(loop.nanos() - due);
                });
            }
            Timer moved = loop.newTimer(() -> fired.add("moved"));
            moved.setAfter(Durations.millis(5));
            moved.setAfter(Durations.millis(40)); // re-arming moves it
            Timer cancelled = loop.newTimer(() -> fired.add("cancelled"));
            cancelled.setAfter(Durations.millis(15));
            cancelled.cancel();
            loop.schedule(Durations.millis(60), done::countDown);
        });
        await(done);
        assertThat(fired).containsExactly("0ms", "10ms", "20ms", "30ms", "moved", "50ms");
        assertThat(late).allMatch(d -> d >= 0, "no timer fires before its deadline");
    }

    @Test
    void tasksAtTheSameInstantRunInTheOrderGiven() throws Exception {
        loop.start();
        List<Integer> order = loop.call(() -> {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                loop.execute(() -> seen.add(n));
            }
            return seen;
        });
        loop.run(() -> {}); // after the 100 tasks
        assertThat(order).hasSize(100).isSorted();
    }

    @Test
    void workFromManyThreadsRunsOnTheLoopOneAtATime() throws Exception {
        loop.start();
        int threads = 4;
        int each = 20_000;
        long[] counter = {0}; // deliberately not atomic: only the loop touches it
        List<String> wrongThread = Collections.synchronizedList(new ArrayList<>());
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            producers.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    loop.execute(() -> {
                        if (!loop.inLoop()) {
                            wrongThread.add(Thread.currentThread().getName());
                        }
                        counter[0]++;
                    });
                }
            }));
        }
        for (Thread p : producers) {
            p.join();
        }
        assertThat(loop.call(() -> counter[0])).isEqualTo((long) threads * each);
        assertThat(wrongThread).isEmpty();
        assertThat(loop.handedOver()).isGreaterThanOrEqualTo(threads * each);
    }

    @Test
    void scheduleFromAnotherThreadFiresOnTheLoop() throws Exception {
        loop.start();
        CountDownLatch done = new CountDownLatch(1);
        List<String> where = new CopyOnWriteArrayList<>();
        loop.schedule(Durations.millis(20), () -> {
            where.add(Thread.currentThread().getName());
            done.countDown();
        });
        await(done);
        assertThat(where).containsExactly(name);
    }

    @Test
    void failingTasksAreCountedAndReportedAndTheLoopGoesOn() throws Exception {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        loop.onFailure(reported::add);
        loop.start();
        loop.execute(() -> {
            throw new IllegalStateException("boom");
        });
        loop.execute(() -> {
            throw new AssertionError("assertion in a task");
        });
        loop.schedule(Durations.millis(5), () -> {
            throw new ArithmeticException("timer boom");
        });
        CountDownLatch timerRan = new CountDownLatch(1);
        loop.schedule(Durations.millis(10), timerRan::countDown);
        await(timerRan);
        assertThat(loop.call(() -> 42)).isEqualTo(42);
        assertThat(loop.failures()).isEqualTo(3);
        assertThat(reported)
                .extracting(Throwable::getMessage)
                .containsExactly("boom", "assertion in a task", "timer boom");
    }

    @Test
    void callReturnsResultsAndRethrowsFailures() throws Exception {
        loop.start();
        assertThat(loop.call(() -> Thread.currentThread().getName())).isEqualTo(name);
        assertThatThrownBy(() -> loop.call(() -> {
                    throw new IllegalArgumentException("bad");
                }))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bad");
        assertThatThrownBy(() -> loop.call(() -> {
                    throw new IOException("io");
                }))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(IOException.class);
        // A call from the loop itself runs at once instead of waiting for itself.
        assertThat(loop.call(() -> loop.call(() -> 7))).isEqualTo(7);
        assertThat(loop.failures()).isZero();
    }

    @Test
    void workHandedOverBeforeStartRunsAfterIt() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        loop.execute(ran::countDown);
        assertThat(ran.getCount()).isEqualTo(1);
        loop.start();
        await(ran);
    }

    @Test
    void shutdownRunsHooksLastAddedFirstOnTheLoopThenStops() throws Exception {
        loop.start();
        List<String> order = new CopyOnWriteArrayList<>();
        loop.onShutdown(
                () -> order.add("device closed on " + Thread.currentThread().getName()));
        loop.onShutdown(() -> {
            order.add("sockets closed");
            loop.execute(() -> order.add("work a hook queued for now"));
        });
        loop.onShutdown(() -> {
            throw new IllegalStateException("a failing hook");
        });
        loop.schedule(Durations.seconds(3600), () -> order.add("an hour later"));
        loop.shutdown();
        assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(order).containsExactly("sockets closed", "device closed on " + name, "work a hook queued for now");
        assertThat(loop.failures()).isEqualTo(1);
        assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
        assertThatThrownBy(() -> loop.call(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void shutdownEndsEvenWithATaskThatKeepsRequeueingItself() throws Exception {
        loop.start();
        long[] runs = {0};
        Runnable[] spin = new Runnable[1];
        spin[0] = () -> {
            runs[0]++;
            loop.execute(spin[0]);
        };
        loop.execute(spin[0]);
        assertThat(loop.call(() -> runs[0] > 0)).isTrue(); // other work still gets its turn
        loop.shutdown();
        assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
    }

    @Test
    void joiningTheLoopFromItselfIsRefused() {
        loop.start();
        assertThatThrownBy(() -> loop.call(() -> loop.join(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aWaiterReplacesParkingAndIsWokenForWorkFromOtherThreads() throws Exception {
        Semaphore permits = new Semaphore(0);
        AtomicInteger wakes = new AtomicInteger();
        AtomicInteger looks = new AtomicInteger();
        loop.setWaiter(new LoopWaiter() {
            @Override
            public void await(long timeoutNanos) {
                if (timeoutNanos == 0) {
                    looks.incrementAndGet();
                    return;
                }
                try {
                    permits.tryAcquire(Math.min(timeoutNanos, TimeUnit.SECONDS.toNanos(3600)), TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void wake() {
                wakes.incrementAndGet();
                permits.release();
            }
        });
        loop.start();
        assertThatThrownBy(() -> loop.setWaiter(new LoopWaiter() {
                    @Override
                    public void await(long timeoutNanos) {}

                    @Override
                    public void wake() {}
                }))
                .isInstanceOf(IllegalStateException.class);
        Thread.sleep(50); // let the loop go idle in the waiter, with no deadline
        assertThat(loop.call(() -> 1)).isEqualTo(1);
        assertThat(wakes.get()).isGreaterThanOrEqualTo(1);
        CountDownLatch timer = new CountDownLatch(1);
        loop.schedule(Durations.millis(30), timer::countDown); // the waiter's timeout brings the loop back
        await(timer);
        // A busy loop only looks: a task that keeps requeueing itself makes the loop call await(0) each pass.
        long[] left = {5000};
        Runnable[] spin = new Runnable[1];
        spin[0] = () -> {
            if (--left[0] > 0) {
                loop.execute(spin[0]);
            }
        };
        loop.execute(spin[0]);
        assertThat(loop.call(() -> left[0])).isLessThanOrEqualTo(5000);
        loop.shutdown();
        assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
        assertThat(looks.get()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void shutdownBeforeStartCancelsWaitingWork() {
        loop.execute(() -> {});
        loop.shutdown();
        assertThat(loop.isTerminated()).isTrue();
        assertThatThrownBy(loop::start).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> loop.call(() -> 1)).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void aCallStillWaitingWhenTheLoopStopsIsCancelled() throws Exception {
        loop.start();
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        loop.execute(() -> {
            blocked.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        await(blocked);
        loop.shutdown(); // the loop is busy: it sees the request after the running task
        List<Throwable> outcome = new CopyOnWriteArrayList<>();
        Thread caller = Thread.ofPlatform().start(() -> {
            try {
                loop.call(() -> 1);
                outcome.add(new AssertionError("the call ran"));
            } catch (RuntimeException e) {
                outcome.add(e);
            }
        });
        while (caller.getState() != Thread.State.WAITING && caller.isAlive()) {
            Thread.sleep(5);
        }
        release.countDown();
        caller.join();
        // Either the loop took the call in its last pass (and ran it) or cancelled it; it never hangs.
        assertThat(outcome).hasSize(1);
        assertThat(outcome.get(0))
                .satisfiesAnyOf(
                        e -> assertThat(e).isInstanceOf(CancellationException.class),
                        e -> assertThat(e).isInstanceOf(RejectedExecutionException.class),
                        e -> assertThat(e).hasMessage("the call ran"));
    }
}
