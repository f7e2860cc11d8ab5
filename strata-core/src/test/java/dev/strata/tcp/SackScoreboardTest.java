package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.tcp.SackScoreboard.Hole;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class SackScoreboardTest {

    private static final int MSS = 1000;

    /** Segment n of a flight starting at {@code iss}: [iss + n*MSS, iss + (n+1)*MSS). */
    private static int seg(int iss, int n) {
        return iss + n * MSS;
    }

    private static long sack(SackScoreboard sb, int una, int nxt, int... edges) {
        int[] l = new int[edges.length / 2];
        int[] r = new int[edges.length / 2];
        for (int i = 0; i < l.length; i++) {
            l[i] = edges[2 * i];
            r[i] = edges[2 * i + 1];
        }
        return sb.update(una, nxt, l, r, l.length);
    }

    @Test
    void blocksMergeAndCount() {
        SackScoreboard sb = new SackScoreboard();
        int una = 1000;
        int nxt = 1000 + 10 * MSS;
        assertThat(sack(sb, una, nxt, 3000, 4000)).isEqualTo(1000);
        assertThat(sack(sb, una, nxt, 5000, 6000, 3000, 4000)).isEqualTo(1000); // the repeat adds nothing
        assertThat(sb.ranges()).isEqualTo(2);
        assertThat(sack(sb, una, nxt, 4000, 5000)).isEqualTo(1000); // touching both: one range
        assertThat(sb.ranges()).isEqualTo(1);
        assertThat(sb.rangeLeft(0)).isEqualTo(3000);
        assertThat(sb.rangeRight(0)).isEqualTo(6000);
        assertThat(sack(sb, una, nxt, 2500, 6500)).isEqualTo(1000); // overlaps, extends both ends
        assertThat(sb.sackedBytes()).isEqualTo(4000);
        assertThat(sb.isSacked(2499)).isFalse();
        assertThat(sb.isSacked(2500)).isTrue();
        assertThat(sb.isSacked(6499)).isTrue();
        assertThat(sb.isSacked(6500)).isFalse();
        assertThat(sb.highestSacked(una)).isEqualTo(6500);
    }

    @Test
    void invalidAndDsackBlocksAreIgnored() {
        SackScoreboard sb = new SackScoreboard();
        int una = 5000;
        int nxt = 9000;
        assertThat(sack(sb, una, nxt, 4000, 5000)).isZero(); // D-SACK below SND.UNA (RFC 2883)
        assertThat(sack(sb, una, nxt, 4500, 5500)).isZero(); // straddles SND.UNA
        assertThat(sack(sb, una, nxt, 8500, 9500)).isZero(); // beyond what was sent
        assertThat(sack(sb, una, nxt, 7000, 7000)).isZero(); // empty
        assertThat(sack(sb, una, nxt, 7000, 6000)).isZero(); // inverted
        assertThat(sack(sb, una, nxt, 0x8000_0000, 0x8000_1000)).isZero(); // far away
        assertThat(sb.ranges()).isZero();
        assertThat(sack(sb, una, nxt, 8000, 9000)).isEqualTo(1000); // right edge = SND.NXT is fine
    }

    @Test
    void theCumulativeAckDropsAndTrimsRanges() {
        SackScoreboard sb = new SackScoreboard();
        sack(sb, 0, 10_000, 2000, 3000, 4000, 6000, 7000, 8000);
        assertThat(sb.sackedBytes()).isEqualTo(4000);
        sack(sb, 5000, 10_000); // the ACK moved into the middle of a range
        assertThat(sb.ranges()).isEqualTo(2);
        assertThat(sb.rangeLeft(0)).isEqualTo(5000);
        assertThat(sb.sackedBytes()).isEqualTo(2000);
        sack(sb, 8000, 10_000);
        assertThat(sb.ranges()).isZero();
        assertThat(sb.sackedBytes()).isZero();
        assertThat(sb.highestSacked(8000)).isEqualTo(8000);
    }

    @Test
    void isLostByThreeSegmentsOfBytesOrThreeRanges() {
        int iss = 10_000;
        SackScoreboard sb = new SackScoreboard();
        int nxt = seg(iss, 10);
        // Segment 0 lost, 1 and 2 SACKed: 2000 octets, not more than (3-1)*SMSS.
        sack(sb, iss, nxt, seg(iss, 1), seg(iss, 3));
        assertThat(sb.isLost(iss, MSS, 3)).isFalse();
        // Segment 3 SACKed too: 3000 > 2000 octets above segment 0 (RFC 6675's bytes condition).
        sack(sb, iss, nxt, seg(iss, 3), seg(iss, 4));
        assertThat(sb.isLost(iss, MSS, 3)).isTrue();
        assertThat(sb.isLost(seg(iss, 4), MSS, 3)).isFalse();
        // Three small discontiguous SACKed pieces (100 octets each) above an octet: DupThresh sequences.
        SackScoreboard small = new SackScoreboard();
        sack(small, iss, nxt, iss + 100, iss + 200, iss + 300, iss + 400);
        assertThat(small.isLost(iss, MSS, 3)).isFalse();
        sack(small, iss, nxt, iss + 500, iss + 600);
        assertThat(small.isLost(iss, MSS, 3)).isTrue();
        assertThat(small.isLost(iss + 200, MSS, 3)).isFalse(); // only two ranges above
        assertThat(small.isLost(iss + 200, MSS, 2)).isTrue();
    }

    @Test
    void pipeCountsUnsackedNotLostAndRetransmittedOctets() {
        int iss = 0;
        SackScoreboard sb = new SackScoreboard();
        int una = iss;
        int nxt = seg(iss, 10);
        // Segments 0 and 1 lost; 2, 3, 4 SACKed; 5..9 in flight.
        sack(sb, una, nxt, seg(iss, 2), seg(iss, 5));
        // Lost: 0 and 1 (3 SACKed segments above). Not lost: 5..9 (nothing above).
        assertThat(sb.pipe(una, nxt, una, MSS, 3)).isEqualTo(5 * MSS);
        // After retransmitting segment 0 (HighRxt + 1 = start of segment 1): it counts once more.
        assertThat(sb.pipe(una, nxt, seg(iss, 1), MSS, 3)).isEqualTo(6 * MSS);
        assertThat(sb.pipe(una, nxt, seg(iss, 2), MSS, 3)).isEqualTo(7 * MSS);
        // With nothing SACKed, everything is in flight.
        assertThat(new SackScoreboard().pipe(una, nxt, una, MSS, 3)).isEqualTo(10 * MSS);
    }

    @Test
    void nextSegFindsLostHolesThenUnsackedOnes() {
        int iss = 0;
        SackScoreboard sb = new SackScoreboard();
        int nxt = seg(iss, 12);
        // Holes: [0,1) [3,4) [8,12); SACKed: [1,3) [4,8).
        sack(sb, iss, nxt, seg(iss, 1), seg(iss, 3), seg(iss, 4), seg(iss, 8));
        assertThat(sb.nextLost(iss, nxt, MSS, 3)).isEqualTo(new Hole(0, MSS));
        assertThat(sb.nextLost(seg(iss, 1), nxt, MSS, 3)).isEqualTo(new Hole(seg(iss, 3), MSS));
        assertThat(sb.nextLost(seg(iss, 3) + 400, nxt, MSS, 3)).isEqualTo(new Hole(seg(iss, 3) + 400, 600));
        assertThat(sb.nextLost(seg(iss, 4), nxt, MSS, 3)).isNull(); // above the last SACKed range nothing is lost
        assertThat(sb.nextUnsacked(seg(iss, 4), nxt, MSS)).isEqualTo(new Hole(seg(iss, 8), MSS));
        // Rule (3) with HighSACK as the bound finds nothing above the last range.
        assertThat(sb.nextUnsacked(seg(iss, 4), sb.highestSacked(iss), MSS)).isNull();
        assertThat(sb.nextUnsacked(seg(iss, 11) + 500, nxt, MSS)).isEqualTo(new Hole(seg(iss, 11) + 500, 500));
        assertThat(sb.nextUnsacked(nxt, nxt, MSS)).isNull();
    }

    @Test
    void worksAcrossSequenceWrapAround() {
        int iss = -2500; // 0xFFFFF63C: the flight crosses 2^32
        SackScoreboard sb = new SackScoreboard();
        int nxt = seg(iss, 6);
        assertThat(sack(sb, iss, nxt, seg(iss, 1), seg(iss, 2), seg(iss, 3), seg(iss, 5)))
                .isEqualTo(3000);
        assertThat(sb.ranges()).isEqualTo(2);
        assertThat(sb.isSacked(-1)).isFalse(); // seg 2 is [-500, 500)
        assertThat(sb.isSacked(seg(iss, 3))).isTrue();
        assertThat(sb.isSacked(0)).isFalse();
        assertThat(sb.isLost(iss, MSS, 3)).isTrue();
        assertThat(sb.nextLost(iss, nxt, MSS, 3)).isEqualTo(new Hole(iss, MSS));
        assertThat(sb.nextLost(seg(iss, 1), nxt, MSS, 3)).isNull(); // 2000 SACKed above seg 2, 1 range
        assertThat(sb.nextUnsacked(seg(iss, 1), nxt, MSS)).isEqualTo(new Hole(-500, MSS));
        assertThat(sb.highestSacked(iss)).isEqualTo(seg(iss, 5));
        assertThat(sb.pipe(iss, nxt, iss, MSS, 3)).isEqualTo(2 * MSS);
        sack(sb, seg(iss, 3), nxt, seg(iss, 2), seg(iss, 3));
        assertThat(sb.sackedBytes()).isEqualTo(2000);
    }

    @Test
    void clearForgetsEverything() {
        SackScoreboard sb = new SackScoreboard();
        for (int i = 0; i < 50; i++) {
            sack(sb, 0, 100_000, 2 * i * MSS + MSS, 2 * i * MSS + 2 * MSS);
        }
        assertThat(sb.ranges()).isEqualTo(50);
        sb.clear();
        assertThat(sb.ranges()).isZero();
        assertThat(sb.sackedBytes()).isZero();
        assertThat(sb.isSacked(MSS)).isFalse();
    }

    @Test
    void ackProcessingDoesNotAllocate() {
        SackScoreboard sb = new SackScoreboard();
        int[] l = new int[3];
        int[] r = new int[3];
        long[] acc = {0};
        int[] una = {0};
        // A recovery that never ends: each ACK moves SND.UNA by one segment and SACKs three blocks above it.
        assertThat(Allocations.perCall(() -> {
                    int u = una[0] += MSS;
                    for (int b = 0; b < 3; b++) {
                        l[b] = u + (2 * b + 1) * MSS;
                        r[b] = u + (2 * b + 2) * MSS;
                    }
                    acc[0] += sb.update(u, u + 20 * MSS, l, r, 3);
                    acc[0] += sb.pipe(u, u + 20 * MSS, u + MSS, MSS, 3);
                    acc[0] += sb.isLost(u, MSS, 3) ? 1 : 0;
                    acc[0] += sb.highestSacked(u);
                }))
                .isZero();
        // The blocks of consecutive ACKs interleave and merge into one range above SND.UNA.
        assertThat(sb.ranges()).isEqualTo(1);
        assertThat(sb.sackedBytes()).isEqualTo(6 * MSS); // [SND.UNA, SND.UNA + 6 MSS)
    }

    // ---- property test against a reference model: a boolean per octet of a small window ----

    private static final int W = 64;

    @Provide
    Arbitrary<Integer> bases() {
        return Arbitraries.oneOf(
                Arbitraries.integers(),
                Arbitraries.integers().between(-W, 0), // the window crosses 2^32 -> 0
                Arbitraries.integers().between(Integer.MAX_VALUE - W, Integer.MAX_VALUE)); // crosses 2^31
    }

    /** The reference: which octets (offsets from base) are SACKed. */
    private static final class Model {
        final boolean[] sacked = new boolean[W];

        int runsAbove(int x) {
            int runs = 0;
            for (int i = x + 1; i < W; i++) {
                if (sacked[i] && (i == x + 1 || !sacked[i - 1])) {
                    runs++;
                }
            }
            return runs;
        }

        int bytesAbove(int x) {
            int n = 0;
            for (int i = x + 1; i < W; i++) {
                n += sacked[i] ? 1 : 0;
            }
            return n;
        }

        boolean isLost(int x, int smss, int dupThresh) {
            return runsAbove(x) >= dupThresh || bytesAbove(x) > (dupThresh - 1) * smss;
        }

        int runs() {
            return runsAbove(-1);
        }
    }

    @Property(tries = 400)
    void agreesWithABooleanModel(@ForAll("bases") int base, @ForAll long seed) {
        Random rnd = new Random(seed);
        SackScoreboard sb = new SackScoreboard();
        Model m = new Model();
        int una = 0;
        int nxt = rnd.nextInt(W / 2) + 1;
        for (int step = 0; step < 30; step++) {
            una = Math.min(nxt, una + (rnd.nextInt(4) == 0 ? rnd.nextInt(6) : 0));
            nxt = Math.min(W, nxt + rnd.nextInt(6));
            int k = rnd.nextInt(5);
            int[] l = new int[k];
            int[] r = new int[k];
            long expectAdded = 0;
            for (int i = 0; i < una; i++) {
                m.sacked[i] = false;
            }
            for (int i = 0; i < k; i++) {
                int a = rnd.nextInt(W + 8) - 4;
                int b = a + rnd.nextInt(12) - 1;
                l[i] = base + a;
                r[i] = base + b;
                if (una <= a && a < b && b <= nxt) {
                    for (int x = a; x < b; x++) {
                        if (!m.sacked[x]) {
                            m.sacked[x] = true;
                            expectAdded++;
                        }
                    }
                }
            }
            assertThat(sb.update(base + una, base + nxt, l, r, k)).isEqualTo(expectAdded);
            check(sb, m, base, una, nxt, rnd);
        }
    }

    private static void check(SackScoreboard sb, Model m, int base, int una, int nxt, Random rnd) {
        int total = 0;
        int highest = -1;
        for (int x = 0; x < W; x++) {
            total += m.sacked[x] ? 1 : 0;
            if (m.sacked[x]) {
                highest = x;
            }
        }
        assertThat(sb.sackedBytes()).isEqualTo(total);
        assertThat(sb.ranges()).isEqualTo(m.runs());
        assertThat(sb.highestSacked(base + una)).isEqualTo(highest < 0 ? base + una : base + highest + 1);
        for (int x = -4; x < W + 4; x++) {
            boolean expected = x >= 0 && x < W && m.sacked[x];
            assertThat(sb.isSacked(base + x)).as("isSacked(%d)", x).isEqualTo(expected);
        }
        int smss = 1 + rnd.nextInt(5);
        int dupThresh = 1 + rnd.nextInt(4);
        for (int x = una; x < nxt; x++) {
            assertThat(sb.isLost(base + x, smss, dupThresh))
                    .as("isLost(%d, %d, %d)", x, smss, dupThresh)
                    .isEqualTo(m.isLost(x, smss, dupThresh));
        }
        // SetPipe
        int highRxt = una + rnd.nextInt(nxt - una + 1);
        long pipe = 0;
        for (int x = una; x < nxt; x++) {
            if (!m.sacked[x]) {
                pipe += m.isLost(x, smss, dupThresh) ? 0 : 1;
                pipe += x < highRxt ? 1 : 0;
            }
        }
        assertThat(sb.pipe(base + una, base + nxt, base + highRxt, smss, dupThresh))
                .as("pipe(highRxt %d, smss %d, dupThresh %d)", highRxt, smss, dupThresh)
                .isEqualTo(pipe);
        // NextSeg rules (1) and (3)
        int from = una + rnd.nextInt(nxt - una + 1);
        int bound = from + rnd.nextInt(nxt - from + 1);
        Hole unsacked = null;
        Hole lost = null;
        for (int x = from; x < bound; x++) {
            if (!m.sacked[x]) {
                int end = x;
                while (end < bound && !m.sacked[end] && end - x < smss) {
                    end++;
                }
                Hole h = new Hole(base + x, end - x);
                if (unsacked == null) {
                    unsacked = h;
                }
                if (lost == null && m.isLost(x, smss, dupThresh)) {
                    lost = h;
                }
            }
        }
        assertThat(sb.nextUnsacked(base + from, base + bound, smss)).isEqualTo(unsacked);
        assertThat(sb.nextLost(base + from, base + bound, smss, dupThresh)).isEqualTo(lost);
    }
}
