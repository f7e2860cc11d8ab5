package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IsnGeneratorTest {

    private static final long S = 1_000_000_000L;
    private static final int LOCAL = 0xC000_0201; // 192.0.2.1
    private static final int REMOTE = 0xC633_6407; // 198.51.100.7

    private long now;
    private final byte[] key = key(1);
    private final IsnGenerator gen = new IsnGenerator(key, () -> now);

    private static byte[] key(int seed) {
        byte[] k = new byte[16];
        new Random(seed).nextBytes(k);
        return k;
    }

    @Test
    void isTheClockPlusTheKeyedHashOfTheIdentifier() {
        // F over the documented 16-octet message, M = 0 at time 0.
        ByteBuffer m = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        m.putInt(LOCAL).putInt(REMOTE).putShort((short) 80).putShort((short) 40_000);
        long f = SipHash.hash(SipHash.keyHalf(key, 0), SipHash.keyHalf(key, 1), m.array(), 0, 16);
        assertThat(gen.isn(LOCAL, 80, REMOTE, 40_000)).isEqualTo((int) f);
        // M ticks every 4 µs (RFC 6528 §3).
        now = 4_000 * 1234L + 3_999;
        assertThat(gen.isn(LOCAL, 80, REMOTE, 40_000)).isEqualTo((int) f + 1234);
    }

    @Test
    void theSameIdentifierAdvances250000PerSecond() {
        now = 17 * S;
        int a = gen.isn(LOCAL, 443, REMOTE, 50_000);
        assertThat(gen.isn(LOCAL, 443, REMOTE, 50_000)).isEqualTo(a);
        now += S;
        assertThat(gen.isn(LOCAL, 443, REMOTE, 50_000) - a).isEqualTo(250_000);
        // ... and wraps around 2^32 after 4.77 hours like the RFC 793 clock.
        now += 17_180 * S;
        assertThat(gen.isn(LOCAL, 443, REMOTE, 50_000) - a).isEqualTo((int) (17_181L * 250_000));
    }

    @Test
    void differentIdentifiersGiveUnrelatedIsns() {
        now = 5 * S;
        int n = 10_000;
        int[] bitCounts = new int[32];
        Set<Integer> seen = new HashSet<>();
        int previous = gen.isn(LOCAL, 80, REMOTE, 0);
        int smallSteps = 0;
        for (int port = 1; port <= n; port++) {
            int isn = gen.isn(LOCAL, 80, REMOTE, port);
            seen.add(isn);
            for (int b = 0; b < 32; b++) {
                bitCounts[b] += (isn >>> b) & 1;
            }
            if (Math.abs((long) isn - previous) < 1 << 16) {
                smallSteps++;
            }
            previous = isn;
        }
        assertThat(seen.size()).isGreaterThanOrEqualTo(n - 1);
        // Every bit is set about half the time (10,000 samples: 0.5 +- 0.005 per standard deviation).
        for (int b = 0; b < 32; b++) {
            assertThat(bitCounts[b]).as("bit %d", b).isBetween(n / 2 - 500, n / 2 + 500);
        }
        // Neighbouring identifiers do not give neighbouring ISNs (chance 2^-15 each).
        assertThat(smallSteps).isLessThan(5);
        // Every field of the identifier matters.
        int base = gen.isn(LOCAL, 80, REMOTE, 1234);
        assertThat(gen.isn(LOCAL + 1, 80, REMOTE, 1234)).isNotEqualTo(base);
        assertThat(gen.isn(LOCAL, 81, REMOTE, 1234)).isNotEqualTo(base);
        assertThat(gen.isn(LOCAL, 80, REMOTE + 1, 1234)).isNotEqualTo(base);
        assertThat(gen.isn(REMOTE, 1234, LOCAL, 80)).isNotEqualTo(base); // the reverse direction
    }

    @Test
    void theKeyMatters() {
        IsnGenerator other = new IsnGenerator(key(2), () -> now);
        int same = 0;
        for (int port = 0; port < 1000; port++) {
            if (gen.isn(LOCAL, 80, REMOTE, port) == other.isn(LOCAL, 80, REMOTE, port)) {
                same++;
            }
        }
        assertThat(same).isLessThanOrEqualTo(1);
        // Only the first 16 octets are the key.
        byte[] longer = java.util.Arrays.copyOf(key, 32);
        longer[20] = 99;
        assertThat(new IsnGenerator(longer, () -> now).isn(LOCAL, 80, REMOTE, 7))
                .isEqualTo(gen.isn(LOCAL, 80, REMOTE, 7));
        assertThatThrownBy(() -> new IsnGenerator(new byte[8], () -> 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void doesNotAllocate() {
        int[] acc = {0};
        assertThat(Allocations.perCall(() -> acc[0] += gen.isn(LOCAL, 80, REMOTE, acc[0] & 0xFFFF)))
                .isZero();
    }
}
