package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynCookiesTest {

    private static final long S = 1_000_000_000L;
    private static final int LOCAL = 0xCB00_7105; // 203.0.113.5
    private static final int REMOTE = 0xC633_6409; // 198.51.100.9
    private static final int CLIENT_ISN = 0x8633_0000;

    private long now = 1000 * S;
    private final SynCookies cookies = new SynCookies(key(1), () -> now);

    private static byte[] key(int seed) {
        byte[] k = new byte[16];
        new Random(seed).nextBytes(k);
        return k;
    }

    private int encode(int mss) {
        return cookies.encode(LOCAL, 80, REMOTE, 51_000, CLIENT_ISN, mss);
    }

    private int decode(int cookie) {
        return cookies.decode(LOCAL, 80, REMOTE, 51_000, CLIENT_ISN, cookie);
    }

    @ParameterizedTest
    @CsvSource({
        "1460, 1460",
        "9000, 1460",
        "1459, 1440",
        "1440, 1440",
        "1400, 1300",
        "1300, 1300",
        "1000, 536",
        "536, 536",
        "200, 536"
    })
    void roundTripRoundsTheMssDown(int offered, int encoded) {
        assertThat(decode(encode(offered))).isEqualTo(encoded);
    }

    @Test
    void theCookieIsBoundToTheIdentifierAndTheClientIsn() {
        int cookie = encode(1460);
        assertThat(cookies.decode(LOCAL + 1, 80, REMOTE, 51_000, CLIENT_ISN, cookie))
                .isEqualTo(-1);
        assertThat(cookies.decode(LOCAL, 81, REMOTE, 51_000, CLIENT_ISN, cookie))
                .isEqualTo(-1);
        assertThat(cookies.decode(LOCAL, 80, REMOTE ^ 0x100, 51_000, CLIENT_ISN, cookie))
                .isEqualTo(-1);
        assertThat(cookies.decode(LOCAL, 80, REMOTE, 51_001, CLIENT_ISN, cookie))
                .isEqualTo(-1);
        assertThat(cookies.decode(LOCAL, 80, REMOTE, 51_000, CLIENT_ISN + 1, cookie))
                .isEqualTo(-1);
        assertThat(cookies.decode(LOCAL, 80, REMOTE, 51_000, CLIENT_ISN, cookie + 1))
                .isEqualTo(-1);
        // The MSS bits are covered by the hash: a cookie cannot be upgraded.
        int otherMss = cookie ^ (1 << 24);
        assertThat(decode(otherMss)).isEqualTo(-1);
        // Another key
        SynCookies other = new SynCookies(key(2), () -> now);
        assertThat(other.decode(LOCAL, 80, REMOTE, 51_000, CLIENT_ISN, cookie)).isEqualTo(-1);
    }

    @Test
    void cookiesExpireAfterTheNextTick() {
        now = 64 * S * 100; // the start of tick 100
        int cookie = encode(1460);
        now += 64 * S - 1;
        assertThat(decode(cookie)).isEqualTo(1460);
        now += 64 * S; // the last nanosecond of tick 101
        assertThat(decode(cookie)).isEqualTo(1460);
        now += 1; // tick 102
        assertThat(decode(cookie)).isEqualTo(-1);
        // 64 ticks later the counter bits repeat, but the hash covers the whole counter.
        now = 64 * S * 164;
        assertThat(decode(cookie)).isEqualTo(-1);
        // A cookie from the future (the clock went back) is no good either.
        now = 64 * S * 99;
        assertThat(decode(cookie)).isEqualTo(-1);
    }

    @Test
    void cookiesMadeNearTheStartOfTheClockWork() {
        now = 0;
        int cookie = encode(1300);
        assertThat(decode(cookie)).isEqualTo(1300);
        now = 127 * S;
        assertThat(decode(cookie)).isEqualTo(1300);
    }

    @Test
    void theSameSynGetsTheSameCookieWithinATick() {
        assertThat(encode(1460)).isEqualTo(encode(1460));
        int a = encode(1460);
        now += 64 * S;
        assertThat(encode(1460)).isNotEqualTo(a);
    }

    @Test
    void forgedCookiesAreRejected() {
        Random rnd = new Random(42);
        int passed = 0;
        for (int i = 0; i < 100_000; i++) {
            if (decode(rnd.nextInt()) != -1) {
                passed++;
            }
        }
        // Expected about 100,000 * 2/64 * 2^-24 = 0.0002.
        assertThat(passed).isLessThan(10);
        // Forgeries with the right time bits: 100,000 * 2^-24 = 0.006 expected.
        int timeBits = encode(1460) & 0xFC00_0000;
        passed = 0;
        for (int i = 0; i < 100_000; i++) {
            if (decode(timeBits | (rnd.nextInt() & 0x03FF_FFFF)) != -1) {
                passed++;
            }
        }
        assertThat(passed).isLessThan(10);
    }

    @Test
    void mssIndexTable() {
        assertThat(SynCookies.mssIndex(0)).isZero();
        assertThat(SynCookies.mssIndex(1299)).isZero();
        assertThat(SynCookies.mssIndex(1300)).isEqualTo(1);
        assertThat(SynCookies.mssIndex(1440)).isEqualTo(2);
        assertThat(SynCookies.mssIndex(65_535)).isEqualTo(3);
    }
}
