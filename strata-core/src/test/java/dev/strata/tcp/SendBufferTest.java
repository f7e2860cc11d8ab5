package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.BufferOverflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SendBufferTest {

    private static final int CHUNK = SendBuffer.CHUNK;

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    private static byte[] copyOut(SendBuffer sb, int offset, int length) {
        ByteBuffer dst = ByteBuffer.allocate(length);
        sb.copy(offset, length, dst);
        assertThat(dst.position()).isEqualTo(length);
        return dst.array();
    }

    @Test
    void writeCopyConsume() {
        SendBuffer sb = new SendBuffer(100_000);
        byte[] data = pattern(50_000, 7);
        ByteBuffer src = ByteBuffer.wrap(data);
        assertThat(sb.write(src)).isEqualTo(50_000);
        assertThat(src.hasRemaining()).isFalse();
        assertThat(sb.size()).isEqualTo(50_000);
        assertThat(sb.free()).isEqualTo(50_000);
        // A copy across two chunk boundaries, from an arbitrary offset; the buffer is not consumed.
        assertThat(copyOut(sb, CHUNK - 10, CHUNK + 20)).isEqualTo(Arrays.copyOfRange(data, CHUNK - 10, 2 * CHUNK + 10));
        assertThat(copyOut(sb, 0, 50_000)).isEqualTo(data);
        sb.consume(CHUNK + 5);
        assertThat(sb.size()).isEqualTo(50_000 - CHUNK - 5);
        assertThat(copyOut(sb, 0, 100)).isEqualTo(Arrays.copyOfRange(data, CHUNK + 5, CHUNK + 105));
        assertThat(copyOut(sb, sb.size() - 1, 1)).containsExactly(data[49_999]);
    }

    @Test
    void copyIntoADirectBufferAtItsPosition() {
        SendBuffer sb = new SendBuffer(1 << 20);
        byte[] data = pattern(4 * CHUNK, 1);
        sb.write(ByteBuffer.wrap(data));
        ByteBuffer dst = ByteBuffer.allocateDirect(CHUNK + 100);
        dst.position(40);
        sb.copy(2 * CHUNK - 30, CHUNK + 60, dst);
        assertThat(dst.position()).isEqualTo(CHUNK + 100);
        byte[] got = new byte[CHUNK + 60];
        dst.get(40, got);
        assertThat(got).isEqualTo(Arrays.copyOfRange(data, 2 * CHUNK - 30, 3 * CHUNK + 30));
    }

    @Test
    void capacityIsRespected() {
        SendBuffer sb = new SendBuffer(1000);
        ByteBuffer src = ByteBuffer.wrap(pattern(1500, 2));
        assertThat(sb.write(src)).isEqualTo(1000);
        assertThat(src.remaining()).isEqualTo(500);
        assertThat(sb.write(src)).isZero();
        assertThat(sb.free()).isZero();
        sb.setCapacity(10); // never below what is held
        assertThat(sb.capacity()).isEqualTo(1000);
        sb.consume(600);
        sb.setCapacity(10);
        assertThat(sb.capacity()).isEqualTo(400);
        assertThat(sb.free()).isZero();
        sb.setCapacity(2000);
        assertThat(sb.write(src)).isEqualTo(500);
        assertThatThrownBy(() -> new SendBuffer(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> sb.setCapacity(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badRangesAreRefused() {
        SendBuffer sb = new SendBuffer(1000);
        sb.write(ByteBuffer.wrap(pattern(100, 3)));
        assertThatThrownBy(() -> sb.copy(50, 51, ByteBuffer.allocate(100)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sb.copy(-1, 1, ByteBuffer.allocate(100)))
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sb.copy(0, 10, ByteBuffer.allocate(5))).isInstanceOf(BufferOverflowException.class);
        assertThatThrownBy(() -> sb.consume(101)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> sb.consume(-1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(sb.size()).isEqualTo(100);
    }

    @Test
    void anEmptyBufferHoldsNoArray() {
        SendBuffer sb = new SendBuffer(1 << 20);
        assertThat(sb.arraysHeld()).isZero();
        sb.write(ByteBuffer.wrap(pattern(5 * CHUNK, 4)));
        assertThat(sb.arraysHeld()).isEqualTo(5 + 1); // five chunks and the ring
        sb.consume(2 * CHUNK);
        assertThat(sb.arraysHeld()).isEqualTo(3 + 2 + 1); // two freed chunks kept as spares
        sb.consume(3 * CHUNK);
        assertThat(sb.arraysHeld()).isZero();
        sb.write(ByteBuffer.wrap(pattern(10, 5)));
        sb.clear();
        assertThat(sb.arraysHeld()).isZero();
        assertThat(sb.size()).isZero();
    }

    @Test
    void aSteadyStreamReusesItsChunksWithoutAllocating() {
        SendBuffer sb = new SendBuffer(1 << 20);
        ByteBuffer src = ByteBuffer.allocate(1460 * 8);
        ByteBuffer dst = ByteBuffer.allocateDirect(1460);
        sb.write(src.clear()); // keep the buffer non-empty throughout
        Runnable round = () -> {
            sb.write(src.clear());
            for (int i = 0; i < 8; i++) {
                sb.copy(sb.size() - 1460 * (8 - i), 1460, dst.clear());
            }
            sb.consume(1460 * 8);
        };
        assertThat(Allocations.perCall(round)).isZero();
    }

    @Test
    void aShortRequestCostsAShortArrayNotAChunk() {
        SendBuffer sb = new SendBuffer(1 << 20);
        ByteBuffer request = ByteBuffer.allocate(64);
        // A request-response exchange: the buffer fills with one short message and empties when it is acknowledged.
        long perExchange = Allocations.perCall(() -> {
            sb.write(request.clear());
            sb.consume(64);
        });
        assertThat(perExchange).isLessThan(SendBuffer.FIRST_CHUNK + 128); // the first chunk and the ring
        assertThat(sb.arraysHeld()).isZero();
    }

    @Test
    void theFirstChunkGrowsByCopiesAndKeepsItsContent() {
        SendBuffer sb = new SendBuffer(1 << 20);
        byte[] data = pattern(3 * CHUNK + 100, 9);
        int at = 0;
        for (int len : new int[] {10, 300, 2000, 9000, 20000, 0, data.length}) {
            int n = Math.min(len, data.length - at);
            assertThat(sb.write(ByteBuffer.wrap(data, at, n))).isEqualTo(n);
            at += n;
            assertThat(copyOut(sb, 0, at)).isEqualTo(Arrays.copyOf(data, at));
        }
        sb.consume(5);
        assertThat(copyOut(sb, 0, at - 5)).isEqualTo(Arrays.copyOfRange(data, 5, at));
    }

    /** Random writes, copies and consumes against a reference byte array. */
    @Property(tries = 200)
    void agreesWithAByteArrayModel(@ForAll long seed, @ForAll @IntRange(min = 0, max = 200_000) int capacity) {
        Random rnd = new Random(seed);
        SendBuffer sb = new SendBuffer(capacity);
        byte[] model = new byte[0]; // what the buffer should hold
        for (int step = 0; step < 60; step++) {
            switch (rnd.nextInt(3)) {
                case 0 -> {
                    byte[] data = pattern(rnd.nextInt(3 * CHUNK), rnd.nextInt());
                    ByteBuffer src = ByteBuffer.wrap(data);
                    int expected = Math.min(data.length, capacity - sb.size());
                    assertThat(sb.write(src)).isEqualTo(expected);
                    assertThat(src.position()).isEqualTo(expected);
                    byte[] grown = Arrays.copyOf(model, model.length + expected);
                    System.arraycopy(data, 0, grown, model.length, expected);
                    model = grown;
                }
                case 1 -> {
                    int n = rnd.nextInt(sb.size() + 1);
                    sb.consume(n);
                    model = Arrays.copyOfRange(model, n, model.length);
                }
                default -> {
                    if (sb.size() > 0) {
                        int off = rnd.nextInt(sb.size());
                        int len = rnd.nextInt(sb.size() - off + 1);
                        assertThat(copyOut(sb, off, len)).isEqualTo(Arrays.copyOfRange(model, off, off + len));
                    }
                }
            }
            assertThat(sb.size()).isEqualTo(model.length);
            assertThat(sb.size()).isLessThanOrEqualTo(capacity);
            // Memory follows the content: at most the chunks spanning it, two spares and the ring.
            assertThat(sb.arraysHeld()).isLessThanOrEqualTo(sb.size() == 0 ? 0 : (sb.size() + 2 * CHUNK) / CHUNK + 3);
        }
        if (model.length > 0) {
            assertThat(copyOut(sb, 0, model.length)).isEqualTo(model);
        }
    }
}
