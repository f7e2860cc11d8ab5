package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ReceiveBufferTest {

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + seed);
        }
        return b;
    }

    @Test
    void appendsWithoutCopyingAndReadsInOrder() {
        ReceiveBuffer rb = new ReceiveBuffer(10_000);
        byte[] first = pattern(1000, 1);
        byte[] second = pattern(2000, 2);
        rb.append(ByteBuffer.wrap(first));
        rb.append(ByteBuffer.wrap(second, 500, 1000)); // a slice of a larger frame
        assertThat(rb.size()).isEqualTo(2000);
        assertThat(rb.free()).isEqualTo(8000);
        // No copy on arrival: a change to the appended array shows in what is read.
        first[0] = 42;
        ByteBuffer dst = ByteBuffer.allocate(1500);
        assertThat(rb.read(dst)).isEqualTo(1500);
        assertThat(dst.array()[0]).isEqualTo((byte) 42);
        assertThat(Arrays.copyOfRange(dst.array(), 1, 1000)).isEqualTo(Arrays.copyOfRange(first, 1, 1000));
        assertThat(Arrays.copyOfRange(dst.array(), 1000, 1500)).isEqualTo(Arrays.copyOfRange(second, 500, 1000));
        ByteBuffer rest = ByteBuffer.allocateDirect(4000);
        rest.position(100);
        assertThat(rb.read(rest)).isEqualTo(500);
        assertThat(rest.position()).isEqualTo(600);
        byte[] got = new byte[500];
        rest.get(100, got);
        assertThat(got).isEqualTo(Arrays.copyOfRange(second, 1000, 1500));
        assertThat(rb.size()).isZero();
        assertThat(rb.read(rest)).isZero();
    }

    @Test
    void capacityAndFreeSpace() {
        ReceiveBuffer rb = new ReceiveBuffer(1000);
        rb.append(ByteBuffer.wrap(pattern(600, 0)));
        assertThatThrownBy(() -> rb.append(ByteBuffer.wrap(pattern(401, 0))))
                .isInstanceOf(IllegalArgumentException.class);
        rb.append(ByteBuffer.wrap(pattern(400, 0)));
        assertThat(rb.free()).isZero();
        rb.setCapacity(100);
        assertThat(rb.capacity()).isEqualTo(1000); // never below what is held
        rb.read(ByteBuffer.allocate(700));
        rb.setCapacity(100);
        assertThat(rb.capacity()).isEqualTo(300);
        rb.append(ByteBuffer.allocate(0)); // nothing to hold
        assertThat(rb.size()).isEqualTo(300);
        assertThatThrownBy(() -> new ReceiveBuffer(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyBufferHoldsNoArray() {
        ReceiveBuffer rb = new ReceiveBuffer(1 << 20);
        assertThat(rb.arraysHeld()).isZero();
        rb.append(ByteBuffer.wrap(pattern(100, 0)));
        assertThat(rb.arraysHeld()).isEqualTo(1); // the buffer itself, no ring for one
        rb.append(ByteBuffer.wrap(pattern(100, 0)));
        assertThat(rb.arraysHeld()).isEqualTo(3); // two buffers and the ring
        rb.read(ByteBuffer.allocate(150));
        assertThat(rb.arraysHeld()).isEqualTo(2);
        rb.read(ByteBuffer.allocate(150));
        assertThat(rb.arraysHeld()).isZero();
        rb.append(ByteBuffer.wrap(pattern(100, 0)));
        rb.append(ByteBuffer.wrap(pattern(100, 0)));
        rb.clear();
        assertThat(rb.arraysHeld()).isZero();
        assertThat(rb.size()).isZero();
    }

    @Test
    void tinySegmentsAreCoalescedWhenTheApplicationLags() {
        ReceiveBuffer rb = new ReceiveBuffer(1 << 20);
        byte[] all = pattern(10_000, 9);
        for (int i = 0; i < all.length; i++) {
            rb.append(ByteBuffer.wrap(all, i, 1));
        }
        // 8 queued as they came, the other 9992 octets copied into 4 KiB blocks.
        assertThat(rb.buffersQueued()).isEqualTo(ReceiveBuffer.COALESCE_AFTER + 3);
        ByteBuffer dst = ByteBuffer.allocate(10_000);
        assertThat(rb.read(dst)).isEqualTo(10_000);
        assertThat(dst.array()).isEqualTo(all);
        assertThat(rb.arraysHeld()).isZero();
        // Large payloads are never copied.
        for (int i = 0; i < 20; i++) {
            rb.append(ByteBuffer.wrap(pattern(ReceiveBuffer.COPY_BELOW, i)));
        }
        assertThat(rb.buffersQueued()).isEqualTo(20);
    }

    @Test
    void anApplicationThatKeepsUpCausesNoAllocation() {
        ReceiveBuffer rb = new ReceiveBuffer(1 << 20);
        ByteBuffer payload = ByteBuffer.allocate(1460);
        ByteBuffer dst = ByteBuffer.allocate(4096);
        assertThat(Allocations.perCall(() -> {
                    rb.append(payload.clear());
                    rb.read(dst.clear());
                }))
                .isZero();
        // Several segments per read: the ring comes and goes, but only once per read.
        ByteBuffer[] segs = new ByteBuffer[4];
        for (int i = 0; i < segs.length; i++) {
            segs[i] = ByteBuffer.allocate(1460);
        }
        ByteBuffer big = ByteBuffer.allocate(8192);
        assertThat(Allocations.perCall(() -> {
                    for (ByteBuffer s : segs) {
                        rb.append(s.clear());
                    }
                    rb.read(big.clear());
                }))
                .isLessThanOrEqualTo(64); // one ring of 8 references
    }

    /** Random appends (tiny to large, heap and direct) and random reads reproduce the stream. */
    @Property(tries = 200)
    void readsReproduceTheAppendedStream(@ForAll long seed) {
        Random rnd = new Random(seed);
        ReceiveBuffer rb = new ReceiveBuffer(1 + rnd.nextInt(100_000));
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int step = 0; step < 200; step++) {
            if (rnd.nextBoolean()) {
                int n = Math.min(rb.free(), rnd.nextBoolean() ? rnd.nextInt(8) : rnd.nextInt(3000));
                byte[] data = pattern(n + 10, rnd.nextInt());
                ByteBuffer src;
                if (rnd.nextBoolean()) {
                    src = ByteBuffer.wrap(data, 5, n);
                } else {
                    src = ByteBuffer.allocateDirect(n + 10)
                            .put(data)
                            .position(5)
                            .limit(5 + n);
                }
                rb.append(src);
                in.write(data, 5, n);
            } else {
                ByteBuffer dst = rnd.nextBoolean()
                        ? ByteBuffer.allocate(rnd.nextInt(5000))
                        : ByteBuffer.allocateDirect(rnd.nextInt(5000));
                int before = rb.size();
                int n = rb.read(dst);
                assertThat(n).isEqualTo(Math.min(before, dst.capacity()));
                byte[] got = new byte[n];
                dst.flip().get(got);
                out.writeBytes(got);
            }
            assertThat(rb.size()).isEqualTo(in.size() - out.size());
            assertThat(rb.size()).isLessThanOrEqualTo(rb.capacity());
        }
        ByteBuffer rest = ByteBuffer.allocate(rb.size());
        rb.read(rest);
        out.writeBytes(rest.array());
        assertThat(out.toByteArray()).isEqualTo(in.toByteArray());
        assertThat(rb.arraysHeld()).isZero();
    }
}
