package dev.strata.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.link.LinkParams;
import dev.strata.link.LossModel;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For many seeds, random payloads cross a link with random loss (up to 20%), reordering, duplication, corruption,
 * delay and bandwidth, in both directions at once, and must arrive byte-exact within a bounded virtual time; both
 * connections then close cleanly. A failure names the seed that replays it.
 */
class TcpRandomNetworkTest {

    static final int SEEDS = Integer.getInteger("strata.tcp.seeds", 1000);

    static LongStream seeds() {
        Long one = Long.getLong("strata.tcp.seed");
        return one != null ? LongStream.of(one) : LongStream.rangeClosed(1, SEEDS);
    }

    /** A payload size between 1 octet and 2 MiB, log-uniform, so most are small and some are large. */
    static int size(SplittableRandom r) {
        return (int) Math.round(Math.exp(r.nextDouble(0, Math.log(2 << 20))));
    }

    static LinkParams params(SplittableRandom r) {
        long rate = r.nextLong(1_000_000, 1_000_000_000L);
        return LinkParams.GIGABIT
                .withRate(rate)
                .withDelay(r.nextLong(10_000, 20_000_000))
                .withJitter(r.nextLong(0, 2_000_000))
                .withQueue(r.nextInt(20, 1000))
                .withLoss(
                        r.nextBoolean()
                                ? new LossModel.Bernoulli(r.nextDouble(0, 0.2))
                                : new LossModel.GilbertElliott(
                                        r.nextDouble(0, 0.05), r.nextDouble(0.2, 0.8), 0, r.nextDouble(0.2, 0.9)))
                .withImpairments(
                        r.nextDouble(0, 0.05), r.nextDouble(0, 0.05), r.nextLong(0, 5_000_000), r.nextDouble(0, 0.02));
    }

    /** Gilbert-Elliott loss with a mean of at most 20%: bursts of 1.25 to 5 frames. */
    static LossModel burstyLoss(SplittableRandom r) {
        double toGood = r.nextDouble(0.2, 0.8);
        double lossBad = r.nextDouble(0.3, 0.9);
        double meanTarget = r.nextDouble(0, 0.2);
        // mean = lossBad * p / (p + r)  =>  p = mean * r / (lossBad - mean)
        double toBad = Math.min(1, meanTarget * toGood / (lossBad - meanTarget));
        return new LossModel.GilbertElliott(toBad, toGood, 0, lossBad);
    }

    static TcpConfig config(SplittableRandom r) {
        return TcpConfig.DEFAULT
                .withCongestionControl(r.nextBoolean() ? "cubic" : "newreno")
                .withExtensions(r.nextInt(4) != 0, r.nextInt(4) != 0, r.nextInt(4) != 0)
                .withNoDelay(r.nextBoolean())
                .withBuffers(r.nextInt(4_096, 1 << 20), r.nextInt(4_096, 1 << 20))
                // At 20% loss each way a handshake fails 7 times in a row once in ~1,200 connections; allow more
                // tries so that every seed must succeed.
                .withRetries(15, 20);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void payloadsArriveIntactBothWays(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        LinkParams ab = params(r);
        LinkParams ba = params(r);
        byte[] up = new byte[size(r)];
        byte[] down = new byte[size(r)];
        new Random(seed).nextBytes(up);
        new Random(~seed).nextBytes(down);
        TcpPair p = new TcpPair(seed, ab, ba, config(r), config(r));
        p.clientSide.send(up, true);
        p.sim.runUntil(() -> p.serverSide.connected || p.clientSide.closed != null, 600_000_000_000L);
        p.serverSide.send(down, true);
        String context = "seed " + seed + " (replay: -Dtest=TcpRandomNetworkTest -Dstrata.tcp.seed=" + seed + "), up "
                + up.length + " B, down " + down.length + " B, a->b " + ab + ", b->a " + ba;
        boolean closed = p.runUntilClosed(3_600_000_000_000L);
        context += "; ended " + p.clientSide.closed + "/" + p.serverSide.closed + " at " + p.sim.now() + " ns; client "
                + p.clientSide.conn + " " + p.client.tcp().counters + "; server " + p.serverSide.conn + " "
                + p.server.tcp().counters;
        assertThat(p.serverSide.connected).as("connected: " + context).isTrue();
        assertThat(TcpPair.sha256(p.serverSide.received.toByteArray()))
                .as("client->server bytes: " + context + " got " + p.serverSide.received.size())
                .isEqualTo(TcpPair.sha256(up));
        assertThat(TcpPair.sha256(p.clientSide.received.toByteArray()))
                .as("server->client bytes: " + context + " got " + p.clientSide.received.size())
                .isEqualTo(TcpPair.sha256(down));
        assertThat(closed)
                .as("both closed: " + context + " client " + p.clientSide.conn + " server " + p.serverSide.conn)
                .isTrue();
        assertThat(p.clientSide.closed).as(context).isEqualTo(CloseReason.NORMAL);
        assertThat(p.serverSide.closed).as(context).isEqualTo(CloseReason.NORMAL);
    }
}
