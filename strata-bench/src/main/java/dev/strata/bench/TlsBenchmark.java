package dev.strata.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
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
 * TLS 1.3 in memory, both ends in one thread: Strata's engine, the JDK's SSLEngine and BouncyCastle's BCJSSE.
 * {@code full*}: full handshakes (X25519, ECDSA P-256 certificate checked against its CA and the host name);
 * {@code resumed*}: PSK resumption with a session ticket; {@code bulk*}: one 16 KiB AES-128-GCM record sealed at the
 * client and opened at the server (multiply ops/s by 16,384 for bytes/s). Same configuration as
 * {@code strata bench tls}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-XX:+UseParallelGC"})
public class TlsBenchmark {

    private StrataTlsPair strata;
    private JsseTlsPair jdk;
    private JsseTlsPair bc;
    private JcaBound bound;
    private final ByteBuffer record = ByteBuffer.allocate(TlsComparison.RECORD);

    /** Makes the certificates and the three pairs, primes resumption and connects the bulk pairs. */
    @Setup(Level.Trial)
    public void setUp() throws SSLException {
        TlsComparison.quietBouncyCastle();
        TlsBenchPki pki = new TlsBenchPki();
        strata = new StrataTlsPair(pki);
        bound = new JcaBound(pki);
        jdk = new JsseTlsPair("SSLEngine", null, pki);
        bc = new JsseTlsPair("BCJSSE", new BouncyCastleJsseProvider(), pki);
        strata.primeResumption();
        jdk.primeResumption();
        strata.connectBulk();
        jdk.connectBulk();
        bc.connectBulk();
    }

    /** A Strata full handshake. */
    @Benchmark
    public int fullStrata() {
        return strata.fullHandshake();
    }

    /** An SSLEngine full handshake. */
    @Benchmark
    public int fullSslEngine() throws SSLException {
        return jdk.fullHandshake();
    }

    /** A BCJSSE full handshake. */
    @Benchmark
    public int fullBcjsse() throws SSLException {
        return bc.fullHandshake();
    }

    /** The JCA's public-key work of one full handshake alone: the ceiling of the three above. */
    @Benchmark
    public int fullJcaBound() {
        return bound.handshakeCrypto();
    }

    /** A Strata resumed handshake. */
    @Benchmark
    public int resumedStrata() {
        return strata.resumedHandshake();
    }

    /** An SSLEngine resumed handshake. */
    @Benchmark
    public int resumedSslEngine() throws SSLException {
        return jdk.resumedHandshake();
    }

    /** Strata: seal and open one 16 KiB record. */
    @Benchmark
    public int bulkStrata() {
        return strata.sealOpen(record);
    }

    /** SSLEngine: wrap and unwrap one 16 KiB record. */
    @Benchmark
    public int bulkSslEngine() throws SSLException {
        return jdk.sealOpen(record);
    }

    /** BCJSSE: wrap and unwrap one 16 KiB record. */
    @Benchmark
    public int bulkBcjsse() throws SSLException {
        return bc.sealOpen(record);
    }
}
