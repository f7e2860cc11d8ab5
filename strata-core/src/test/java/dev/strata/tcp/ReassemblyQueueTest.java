package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class ReassemblyQueueTest {

    /** Octets {@code from}..{@code to}-1 of a stream whose octet at sequence s is (byte) s. */
    private static ByteBuffer octets(int from, int to) {
        byte[] b = new byte[to - from];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (from + i);
        }
        return ByteBuffer.wrap(b);
    }

    private static byte[] drainAll(ReassemblyQueue q, int rcvNxt, int[] handed) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handed[0] = q.drain(rcvNxt, b -> {
            byte[] chunk = new byte[b.remaining()];
            b.duplicate().get(chunk);
            out.writeBytes(chunk);
        });
        return out.toByteArray();
    }

    private static List<int[]> blocks(ReassemblyQueue q, int max) {
        int[] l = new int[max];
        int[] r = new int[max];
        int n = q.sackBlocks(l, r, max);
        List<int[]> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(new int[] {l[i], r[i]});
        }
        return list;
    }

    @Test
    void holdsOutOfOrderDataUntilTheGapFills() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        assertThat(q.add(100, 300, octets(300, 400))).isTrue();
        assertThat(q.add(100, 200, octets(200, 300))).isTrue();
        assertThat(q.bytes()).isEqualTo(200);
        assertThat(q.ranges()).isEqualTo(1);
        int[] handed = new int[1];
        assertThat(drainAll(q, 100, handed)).isEmpty(); // 100..199 still missing
        assertThat(handed[0]).isZero();
        byte[] got = drainAll(q, 200, handed);
        assertThat(handed[0]).isEqualTo(200);
        assertThat(got).isEqualTo(octets(200, 400).array());
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.bytes()).isZero();
        assertThat(q.arraysHeld()).isZero();
    }

    @Test
    void aWholeSegmentIsKeptWithoutCopy() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        ByteBuffer seg = octets(500, 600);
        q.add(0, 500, seg);
        List<ByteBuffer> handed = new ArrayList<>();
        q.drain(500, handed::add);
        assertThat(handed).hasSize(1);
        assertThat(handed.get(0)).isSameAs(seg);
    }

    @Test
    void overlapsKeepWhatIsAlreadyHeld() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        q.add(0, 100, ByteBuffer.wrap(filled(100, (byte) 'a')));
        // A second copy of 50..249 with different content: only 50..99 and 200..249 are new.
        q.add(0, 50, ByteBuffer.wrap(filled(200, (byte) 'b')));
        assertThat(q.bytes()).isEqualTo(200);
        q.add(0, 0, ByteBuffer.wrap(filled(50, (byte) 'c')));
        int[] handed = new int[1];
        byte[] got = drainAll(q, 0, handed);
        assertThat(handed[0]).isEqualTo(250);
        byte[] expected = new byte[250];
        Arrays.fill(expected, 0, 50, (byte) 'c');
        Arrays.fill(expected, 50, 100, (byte) 'b');
        Arrays.fill(expected, 100, 200, (byte) 'a');
        Arrays.fill(expected, 200, 250, (byte) 'b');
        assertThat(got).isEqualTo(expected);
    }

    private static byte[] filled(int n, byte value) {
        byte[] b = new byte[n];
        Arrays.fill(b, value);
        return b;
    }

    @Test
    void octetsBelowRcvNxtAreTrimmedOrDropped() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        assertThat(q.add(100, 0, octets(0, 100))).isTrue(); // wholly old
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.add(100, 150, octets(150, 250))).isTrue();
        // RCV.NXT moved to 200 by other data: the first half is dropped, the rest handed over.
        int[] handed = new int[1];
        assertThat(drainAll(q, 200, handed)).isEqualTo(octets(200, 250).array());
        assertThat(handed[0]).isEqualTo(50);
        assertThat(q.bytes()).isZero();
        // A segment straddling RCV.NXT is stored from RCV.NXT on.
        assertThat(q.add(300, 250, octets(250, 400))).isTrue();
        assertThat(q.bytes()).isEqualTo(100);
        assertThat(drainAll(q, 300, handed)).isEqualTo(octets(300, 400).array());
    }

    @Test
    void refusesWhatExceedsTheBounds() {
        ReassemblyQueue q = new ReassemblyQueue(300, 2);
        assertThat(q.add(0, 100, octets(100, 200))).isTrue();
        assertThat(q.add(0, 300, octets(300, 400))).isTrue();
        assertThat(q.add(0, 500, octets(500, 510))).isFalse(); // a third range
        assertThat(q.add(0, 200, octets(200, 300))).isTrue(); // joins the two: one range
        assertThat(q.ranges()).isEqualTo(1);
        assertThat(q.add(0, 400, octets(400, 401))).isFalse(); // 301 octets
        assertThat(q.add(0, 150, octets(150, 250))).isTrue(); // nothing new: no octets needed
        assertThat(q.bytes()).isEqualTo(300);
        assertThatThrownBy(() -> new ReassemblyQueue(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReassemblyQueue(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    /** RFC 2018 §5 case 3: 8 segments of 500 octets from 5000, the 2nd, 4th, 6th and 8th lost. */
    @Test
    void sackBlocksInRfc2018Order() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        int rcvNxt = 5500; // the first segment arrived in order
        q.add(rcvNxt, 6000, octets(6000, 6500));
        assertThat(blocks(q, 4)).containsExactly(new int[] {6000, 6500});
        q.add(rcvNxt, 7000, octets(7000, 7500));
        assertThat(blocks(q, 4)).containsExactly(new int[] {7000, 7500}, new int[] {6000, 6500});
        q.add(rcvNxt, 8000, octets(8000, 8500));
        assertThat(blocks(q, 4))
                .containsExactly(new int[] {8000, 8500}, new int[] {7000, 7500}, new int[] {6000, 6500});
        assertThat(blocks(q, 2)).containsExactly(new int[] {8000, 8500}, new int[] {7000, 7500});
        // The 4th segment arrives out of order and joins two blocks.
        q.add(rcvNxt, 6500, octets(6500, 7000));
        assertThat(blocks(q, 4)).containsExactly(new int[] {6000, 7500}, new int[] {8000, 8500});
        // The 2nd segment arrives: RCV.NXT goes to 7500 and one block remains.
        int[] handed = new int[1];
        drainAll(q, 6000, handed);
        assertThat(handed[0]).isEqualTo(1500);
        assertThat(blocks(q, 4)).containsExactly(new int[] {8000, 8500});
    }

    @Test
    void aDuplicateMovesItsBlockFirst() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        q.add(0, 100, octets(100, 200));
        q.add(0, 300, octets(300, 400));
        q.add(0, 120, octets(120, 130)); // a retransmission of held data
        assertThat(blocks(q, 4)).containsExactly(new int[] {100, 200}, new int[] {300, 400});
    }

    @Test
    void worksAcrossSequenceWrapAround() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        int rcvNxt = -300;
        q.add(rcvNxt, 100, octets(100, 200));
        q.add(rcvNxt, -100, octets(-100, 100)); // crosses 2^32
        assertThat(q.ranges()).isEqualTo(1);
        assertThat(blocks(q, 4)).containsExactly(new int[] {-100, 200});
        q.add(rcvNxt, -300, octets(-300, -200));
        int[] handed = new int[1];
        assertThat(drainAll(q, rcvNxt, handed)).isEqualTo(octets(-300, -200).array());
        assertThat(drainAll(q, -100, handed)).isEqualTo(octets(-100, 200).array());
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void clearReleasesEverything() {
        ReassemblyQueue q = new ReassemblyQueue(1 << 20, 16);
        assertThat(q.arraysHeld()).isZero();
        for (int i = 0; i < 20; i++) {
            q.add(0, 100 + 200 * i, octets(100 + 200 * i, 200 + 200 * i));
        }
        assertThat(q.arraysHeld()).isPositive();
        assertThat(q.ranges()).isEqualTo(16); // the range bound refused the rest
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.bytes()).isZero();
        assertThat(q.ranges()).isZero();
        assertThat(q.arraysHeld()).isZero();
        assertThat(blocks(q, 4)).isEmpty();
    }

    // ---- property: a random stream cut into random, overlapping, duplicated, reordered segments ----

    @Provide
    Arbitrary<Integer> isns() {
        return Arbitraries.oneOf(
                Arbitraries.integers(), Arbitraries.integers().between(-3000, 0), Arbitraries.just(Integer.MAX_VALUE));
    }

    @Property(tries = 300)
    void randomSegmentsDrainToTheOriginalStream(
            @ForAll("isns") int isn,
            @ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4000) int length,
            @ForAll @IntRange(min = 1, max = 8) int maxRanges) {
        Random rnd = new Random(seed);
        byte[] stream = new byte[length];
        rnd.nextBytes(stream);
        // Cover the stream with random cuts, then add random overlapping pieces and duplicates.
        List<int[]> segments = new ArrayList<>();
        for (int at = 0; at < length; ) {
            int len = Math.min(length - at, 1 + rnd.nextInt(300));
            segments.add(new int[] {at, at + len});
            at += len;
        }
        int extra = rnd.nextInt(segments.size() + 1);
        for (int i = 0; i < extra; i++) {
            int a = rnd.nextInt(length);
            segments.add(new int[] {a, Math.min(length, a + 1 + rnd.nextInt(400))});
            segments.add(segments.get(rnd.nextInt(segments.size())));
        }
        Collections.shuffle(segments, rnd);

        int maxBytes = 1 + rnd.nextInt(2 * length);
        ReassemblyQueue q = new ReassemblyQueue(maxBytes, maxRanges);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rcvNxt = isn;
        int[] l = new int[4];
        int[] r = new int[4];
        // Retransmit the whole set until everything arrived: refused segments come again.
        for (int pass = 0; Seq.lt(rcvNxt, isn + length); pass++) {
            assertThat(pass).isLessThan(length + 2);
            for (int[] s : segments) {
                int seq = isn + s[0];
                int end = isn + s[1];
                ByteBuffer data = ByteBuffer.wrap(stream, s[0], s[1] - s[0]).slice();
                if (Seq.le(end, rcvNxt)) {
                    continue;
                }
                if (Seq.le(seq, rcvNxt)) {
                    // In order: the connection appends it, then drains the queue.
                    int skip = rcvNxt - seq;
                    out.write(stream, s[0] + skip, s[1] - s[0] - skip);
                    rcvNxt = end;
                    rcvNxt += q.drain(rcvNxt, b -> {
                        byte[] chunk = new byte[b.remaining()];
                        b.duplicate().get(chunk);
                        out.writeBytes(chunk);
                    });
                } else if (q.add(rcvNxt, seq, data)) {
                    // The first SACK block holds the segment just received (RFC 2018 §4).
                    int n = q.sackBlocks(l, r, 4);
                    assertThat(n).isPositive();
                    assertThat(Seq.le(l[0], seq) && Seq.le(end, r[0])).isTrue();
                    checkBlocks(l, r, n, rcvNxt);
                }
                assertThat(q.bytes()).isLessThanOrEqualTo(maxBytes);
                assertThat(q.ranges()).isLessThanOrEqualTo(maxRanges);
            }
        }
        assertThat(rcvNxt).isEqualTo(isn + length);
        assertThat(out.toByteArray()).isEqualTo(stream);
        q.drain(rcvNxt, b -> {
            throw new AssertionError("nothing may be left beyond the stream");
        });
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.bytes()).isZero();
        assertThat(q.arraysHeld()).isZero();
    }

    /** Blocks are above RCV.NXT, non-empty, and pairwise disjoint and non-adjacent. */
    private static void checkBlocks(int[] l, int[] r, int n, int rcvNxt) {
        for (int i = 0; i < n; i++) {
            assertThat(Seq.gt(l[i], rcvNxt)).isTrue();
            assertThat(Seq.lt(l[i], r[i])).isTrue();
            for (int j = 0; j < i; j++) {
                assertThat(Seq.lt(r[i], l[j]) || Seq.gt(l[i], r[j])).isTrue();
            }
        }
    }
}
