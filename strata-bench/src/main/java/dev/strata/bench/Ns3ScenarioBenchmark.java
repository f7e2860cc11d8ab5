package dev.strata.bench;

import dev.strata.bench.sim.ResultLine;
import dev.strata.bench.sim.StrataScenarios;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ns-3 reference scenarios of {@code strata bench sim} at their quick sizes, warmed up: how fast Strata's
 * simulator runs them in steady state, as link packets (frames put on a link, both directions) and simulator events
 * per second of wall time. {@code strata bench sim} measures cold runs side by side with ns-3; this is the JIT's
 * best case.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:-UseParallelGC", "-XX:+UseSerialGC", "-Xms96m", "-Xmn64m"})
public class Ns3ScenarioBenchmark {

    /** Counters JMH reports as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Frames put on links. */
        public long linkPackets;
        /** Simulator events run. */
        public long events;
    }

    /** A: 50 MB bulk; A-loss: 10 MB with 1% loss; B: 10 hosts x 1 MB; C: 100,000 echoes. */
    @Param({"A", "A-loss", "B", "C"})
    public String scenario;

    /** The JMH state; JMH creates it. */
    public Ns3ScenarioBenchmark() {}

    /** One run of the scenario. */
    @Benchmark
    public double run(Rates rates) {
        ResultLine r = switch (scenario) {
            case "A" -> StrataScenarios.bulk(50_000_000L, 0, 1);
            case "A-loss" -> StrataScenarios.bulk(10_000_000L, 0.01, 1);
            case "B" -> StrataScenarios.star(10, 1_000_000L, 1);
            case "C" -> StrataScenarios.udpEcho(100_000, 1);
            default -> throw new IllegalArgumentException(scenario);
        };
        double pkts = r.get("link_tx_pkts") != null
                ? r.number("link_tx_pkts")
                : r.number("data_dir_tx_pkts") + r.number("ack_dir_tx_pkts");
        rates.linkPackets += (long) pkts;
        rates.events += (long) r.number("events");
        return r.number("sim_end_s");
    }
}
