package dev.strata.bench;

import dev.strata.bench.tcp.KernelBulk;
import dev.strata.bench.tcp.KernelConnectionRate;
import dev.strata.bench.tcp.StrataBulk;
import dev.strata.bench.tcp.StrataConnectionRate;
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
 * The figures of {@code strata bench tcp} under JMH (warmed up, steady state): bulk transfer between two Strata hosts
 * over an ideal link by MTU, and the same through the kernel's loopback; connections per second (open, 64-octet
 * request and response, close) in the simulator and through the kernel. The {@code octets} and {@code connections}
 * rates are per second of wall time (octets/s x 8 / 1e9 = Gbit/s).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC"})
public class TcpBenchmark {

    /** Octets per bulk invocation. */
    static final long BULK = 64L * 1024 * 1024;

    /** Connections per invocation. */
    static final int CONNECTIONS = 2000;

    /** Payload octets delivered, as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Octets {
        /** Payload octets delivered. */
        public long octets;

        /** The JMH state; JMH creates it. */
        public Octets() {}
    }

    /** Connections completed, as a rate. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Connections {
        /** Connections completed. */
        public long connections;

        /** The JMH state; JMH creates it. */
        public Connections() {}
    }

    /** The link of the Strata bulk transfer (a state of its own, so that only that benchmark runs per MTU). */
    @State(Scope.Thread)
    public static class Link {
        /** The MTU at both ends. */
        @Param({"1500", "9000", "65535"})
        public int mtu;

        /** The JMH state; JMH creates it. */
        public Link() {}
    }

    /** The JMH state; JMH creates it. */
    public TcpBenchmark() {}

    /** Strata to Strata over an ideal simulated link with the MTU of {@code link}. */
    @Benchmark
    public long strataBulk(Link link, Octets rates) {
        StrataBulk.Result r = StrataBulk.run(link.mtu, BULK);
        rates.octets += r.bytes();
        return r.wallNanos();
    }

    /** The JDK's SocketChannels over the kernel's loopback. */
    @Benchmark
    public long kernelBulk(Octets rates) {
        KernelBulk.Result r = KernelBulk.run(BULK);
        rates.octets += r.bytes();
        return r.wallNanos();
    }

    /** Request-response connections in Strata's simulator, 16 at a time. */
    @Benchmark
    public long strataConnections(Connections rates) {
        StrataConnectionRate.Result r = StrataConnectionRate.run(CONNECTIONS, 16);
        rates.connections += r.connections();
        return r.wallNanos();
    }

    /** Request-response connections through the kernel's loopback, two client threads. */
    @Benchmark
    public long kernelConnections(Connections rates) {
        StrataConnectionRate.Result r = KernelConnectionRate.run(CONNECTIONS, 2);
        rates.connections += r.connections();
        return r.wallNanos();
    }
}
