package dev.strata.bench;

import dev.strata.host.Host;
import dev.strata.ip.EchoListener;
import dev.strata.ip.SendOptions;
import dev.strata.link.LinkParams;
import dev.strata.link.Switch;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Simulator speed: a ping flood from alice through a switch and a router to carol (the ping demo's network), run on
 * one thread. Each invocation sends 1,000 echo requests 1 µs apart over 10 Gbit/s links and runs until every reply
 * is back. JMH's {@code events} and {@code echoes} rates are per second of wall time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC"})
public class SimBenchmark {

    /** Echoes per invocation. */
    static final int BURST = 1000;

    /** Counters JMH reports as rates. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Rates {
        /** Simulator events run. */
        public long events;
        /** Echo replies received. */
        public long echoes;
    }

    private Simulation sim;
    private Host alice;
    private Ip4 carol;
    private int replies;
    private int seq;
    private final ByteBuffer data = ByteBuffer.allocate(56);

    /** Builds the two-subnet network and warms the ARP caches. */
    @Setup(Level.Iteration)
    public void network() {
        sim = new Simulation(1);
        LinkParams tenGig =
                LinkParams.GIGABIT.withRate(10_000_000_000L).withDelay(1_000).withQueue(10_000);
        Switch sw = sim.addSwitch("sw1");
        alice = sim.addHost("alice");
        Host router = sim.addRouter("r");
        Host c = sim.addHost("carol");
        sim.connect(alice, "eth0", "192.0.2.10/24", sw, tenGig);
        sim.connect(router, "eth0", "192.0.2.1/24", sw, tenGig);
        sim.connect(router, "eth1", "198.51.100.1/24", c, "eth0", "198.51.100.20/24", tenGig);
        alice.setDefaultGateway(Ip4.parse("192.0.2.1"));
        c.setDefaultGateway(Ip4.parse("198.51.100.1"));
        carol = Ip4.parse("198.51.100.20");
        alice.icmp().bindEcho(7, new EchoListener() {
            @Override
            public void echoReply(Ip4 from, int sequence, int ttl, ByteBuffer d) {
                replies++;
            }
        });
        alice.icmp().sendEcho(carol, 7, 0, data, SendOptions.DEFAULT);
        sim.run();
        replies = 0;
    }

    /** Sends a burst of echo requests and runs the simulation until it is idle. */
    @Benchmark
    public int flood(Rates rates) {
        long before = sim.events().executed();
        int start = replies;
        long t0 = sim.now();
        for (int i = 0; i < BURST; i++) {
            sim.events()
                    .scheduleAt(
                            t0 + i * 1_000L,
                            () -> alice.icmp().sendEcho(carol, 7, ++seq & 0xFFFF, data, SendOptions.DEFAULT));
        }
        sim.run();
        rates.events += sim.events().executed() - before;
        rates.echoes += replies - start;
        return replies;
    }
}
