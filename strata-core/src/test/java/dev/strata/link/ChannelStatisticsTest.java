package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.time.EventQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Over many frames, the measured loss, duplication, reordering and corruption rates of a channel match the
 * configured probabilities within a few standard deviations; each case runs for several seeds.
 */
class ChannelStatisticsTest {

    private static final int FRAMES = 100_000;

    /** Sends numbered 100-octet frames 1 µs apart and records arrival order and contents. */
    private record Run(ChannelCounters counters, List<Integer> arrivals, int corruptedSeen) {}

    private static Run send(long seed, LinkParams params) {
        EventQueue q = new EventQueue();
        List<Integer> arrivals = new ArrayList<>(FRAMES * 2);
        int[] corrupted = {0};
        Channel ch = new Channel(q, new SplittableRandom(seed), params, f -> {
            int n = f.getInt(f.position());
            CRC32 crc = new CRC32();
            crc.update(f.duplicate().limit(f.position() + 96));
            if ((int) crc.getValue() != f.getInt(f.position() + 96)) {
                corrupted[0]++;
            } else {
                arrivals.add(n);
            }
        });
        for (int i = 0; i < FRAMES; i++) {
            int n = i;
            q.scheduleAt(i * 1_000L, () -> {
                ByteBuffer f = ByteBuffer.allocate(100);
                f.putInt(0, n);
                for (int k = 4; k < 96; k++) {
                    f.put(k, (byte) (n + k));
                }
                CRC32 crc = new CRC32();
                crc.update(f.duplicate().limit(96));
                f.putInt(96, (int) crc.getValue());
                ch.offer(f);
            });
        }
        while (q.runNext()) {}
        return new Run(ch.counters(), arrivals, corrupted[0]);
    }

    private static void assertRate(String what, double measured, double p, double sigmas) {
        double sd = Math.sqrt(p * (1 - p) / FRAMES);
        assertThat(measured)
                .as("%s rate %.5f vs configured %.5f (+-%.1f sd)", what, measured, p, sigmas)
                .isBetween(p - sigmas * sd, p + sigmas * sd);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 8633})
    void bernoulliLoss(long seed) {
        Run r = send(seed, LinkParams.IDEAL.withDelay(50_000).withLoss(0.05));
        assertRate("loss", (double) r.counters.lost / FRAMES, 0.05, 5);
        assertThat(r.arrivals).hasSize(FRAMES - (int) r.counters.lost).isSorted();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void gilbertElliottLossIsBurstyWithTheStationaryMean(long seed) {
        LossModel.GilbertElliott ge = new LossModel.GilbertElliott(0.01, 0.25, 0, 1);
        Run r = send(seed, LinkParams.IDEAL.withLoss(ge));
        double rate = (double) r.counters.lost / FRAMES;
        // Bursts inflate the variance; 25% relative tolerance around p/(p+r) = 3.85%.
        assertThat(rate).isBetween(ge.meanLoss() * 0.75, ge.meanLoss() * 1.25);
        // Mean burst length is 1/r = 4 frames.
        int bursts = 0;
        int prev = -1;
        for (int n : r.arrivals) {
            if (n != prev + 1) {
                bursts++;
            }
            prev = n;
        }
        double meanBurst = (double) r.counters.lost / bursts;
        assertThat(meanBurst).isBetween(3.0, 5.0);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void duplication(long seed) {
        Run r = send(seed, LinkParams.IDEAL.withImpairments(0.02, 0, 0, 0));
        assertRate("duplication", (double) r.counters.duplicated / FRAMES, 0.02, 5);
        assertThat(r.arrivals).hasSize(FRAMES + (int) r.counters.duplicated);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void reordering(long seed) {
        // Frames are 1 µs apart and a reordered frame is held 10 µs, so each one is overtaken.
        Run r = send(seed, LinkParams.IDEAL.withDelay(5_000).withImpairments(0, 0.03, 10_000, 0));
        int late = 0;
        int max = -1;
        for (int n : r.arrivals) {
            if (n < max) {
                late++;
            }
            max = Math.max(max, n);
        }
        assertRate("reorder", (double) late / FRAMES, 0.03, 5);
        assertThat(late).isEqualTo((int) r.counters.reordered);
        assertThat(r.arrivals).hasSize(FRAMES);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void corruptionFlipsOneBitInTheConfiguredShareOfFrames(long seed) {
        Run r = send(seed, LinkParams.IDEAL.withImpairments(0, 0, 0, 0.01));
        assertRate("corruption", (double) r.corruptedSeen / FRAMES, 0.01, 5);
        assertThat(r.corruptedSeen).isEqualTo((int) r.counters.corrupted);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2})
    void jitterAloneNeverReorders(long seed) {
        Run r = send(seed, LinkParams.IDEAL.withDelay(100_000).withJitter(50_000));
        assertThat(r.arrivals).hasSize(FRAMES).isSorted();
    }
}
