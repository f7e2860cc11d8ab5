package dev.strata.ip;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FramesTest {

    /** Runs {@code body} on a new thread, so with an empty pool whatever ran before on the test thread. */
    private static void onFreshThread(Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        t.join();
        assertThat(failure.get()).isNull();
    }

    @Test
    void aRecycledFrameIsHandedOutAgainForTheSameLengthWithTheLayoutOfANewOne() throws InterruptedException {
        onFreshThread(() -> {
            ByteBuffer first = Frames.allocateForOverwrite(1448);
            assertThat(first.position()).isEqualTo(Frames.HEADROOM);
            assertThat(first.limit()).isEqualTo(Frames.HEADROOM + 1448);
            first.position(Frames.HEADROOM - 54); // as after the headers were prepended
            Frames.recycle(first);

            assertThat(Frames.allocateForOverwrite(1000).array()).isNotSameAs(first.array()); // another length
            ByteBuffer again = Frames.allocateForOverwrite(1448);
            assertThat(again.array()).isSameAs(first.array());
            assertThat(again.position()).isEqualTo(Frames.HEADROOM);
            assertThat(again.limit()).isEqualTo(Frames.HEADROOM + 1448);
            assertThat(Frames.allocateForOverwrite(1448).array()).isNotSameAs(first.array()); // taken once only
        });
    }

    @Test
    void onlyBuffersCoveringTheirWholeArrayAreKept() throws InterruptedException {
        onFreshThread(() -> {
            int length = Frames.HEADROOM + 700;
            byte[] shared = new byte[2 * length];
            Frames.recycle(ByteBuffer.wrap(shared, 0, length).slice()); // the first part of a larger array
            Frames.recycle(ByteBuffer.wrap(shared).slice(length, length)); // the second part
            byte[] readOnly = new byte[length];
            Frames.recycle(ByteBuffer.wrap(readOnly).asReadOnlyBuffer());
            byte[] got = Frames.allocateForOverwrite(700).array();
            assertThat(got).isNotSameAs(shared).isNotSameAs(readOnly);
        });
    }

    @Test
    void framesRecycledOnOneThreadAreNotHandedOutOnAnother() throws InterruptedException {
        onFreshThread(() -> {
            ByteBuffer mine = Frames.allocateForOverwrite(900);
            Frames.recycle(mine);
            AtomicReference<byte[]> other = new AtomicReference<>();
            Thread t =
                    new Thread(() -> other.set(Frames.allocateForOverwrite(900).array()));
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertThat(other.get()).isNotSameAs(mine.array());
            assertThat(Frames.allocateForOverwrite(900).array()).isSameAs(mine.array());
        });
    }

    @Test
    void thePoolKeepsABoundedNumberOfArraysPerLengthAndTakesTheLatestFirst() {
        FramePool pool = new FramePool();
        Set<byte[]> given = Collections.newSetFromMap(new IdentityHashMap<>());
        byte[] last = null;
        for (int i = 0; i < FramePool.PER_SIZE + 10; i++) {
            last = new byte[333];
            given.add(last);
            pool.give(last);
        }
        byte[] latest = pool.take(333);
        assertThat(latest).isNotSameAs(last); // the ten beyond the bound were not kept
        int reused = 1;
        while (given.remove(pool.take(333))) {
            reused++;
        }
        assertThat(reused).isEqualTo(FramePool.PER_SIZE);
        assertThat(pool.take(333)).isNull();
    }

    @Test
    void aNewLengthTakesTheStackOfAnOldOneWhenAllAreInUse() {
        FramePool pool = new FramePool();
        for (int i = 0; i < FramePool.SIZES; i++) {
            pool.give(new byte[100 + i]);
        }
        byte[] fresh = new byte[500];
        pool.give(fresh);
        assertThat(pool.take(500)).isSameAs(fresh);
        assertThat(pool.take(100)).isNull(); // the first stack was emptied for it
        assertThat(pool.take(101)).isNotNull();
    }

    @Test
    void thePoolKeepsABoundedNumberOfOctets() {
        FramePool pool = new FramePool();
        int size = 64 * 1024;
        int kept = 0;
        for (int i = 0; i < 200; i++) {
            pool.give(new byte[size]);
        }
        while (pool.take(size) != null) {
            kept++;
        }
        assertThat((long) kept * size).isLessThanOrEqualTo(FramePool.MAX_BYTES);
        assertThat(kept).isEqualTo((int) (FramePool.MAX_BYTES / size));
    }
}
