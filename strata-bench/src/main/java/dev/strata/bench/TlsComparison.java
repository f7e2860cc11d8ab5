package dev.strata.bench;

import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * {@code strata bench tls}: Strata's TLS engine against the JDK's SSLEngine and BouncyCastle's BCJSSE in one run,
 * both ends of each in one thread with the bytes moved in memory: full handshakes per second, resumed handshakes per
 * second and bulk AES-128-GCM (16 KiB records, seal at the client and open at the server). Each figure is the median
 * of several timed rounds, the implementations taking turns, after a warm-up: the machine is shared.
 */
public final class TlsComparison {

    /** The size of one bulk record's plaintext (the TLS maximum). */
    public static final int RECORD = 16 * 1024;

    private final long warmupMillis;
    private final long roundMillis;
    private final int rounds;

    /**
     * One figure of the comparison.
     *
     * @param name what was measured
     * @param unit its unit
     * @param values the median of each implementation, in the order of {@link #IMPLEMENTATIONS} (NaN: not
     *     supported)
     */
    public record Figure(String name, String unit, double[] values) {
        /** Strata's value divided by the implementation {@code i}'s. */
        public double ratio(int i) {
            return values[0] / values[i];
        }
    }

    /** The implementations, Strata first. */
    public static final List<String> IMPLEMENTATIONS = List.of("Strata", "SSLEngine", "BCJSSE");

    /** BCJSSE logs each connection at INFO through java.util.logging: held here, set to WARNING, while runs last. */
    private static final java.util.logging.Logger BC_LOG = java.util.logging.Logger.getLogger("org.bouncycastle");

    /** A comparison with the given timings. */
    public TlsComparison(long warmupMillis, long roundMillis, int rounds) {
        this.warmupMillis = warmupMillis;
        this.roundMillis = roundMillis;
        this.rounds = rounds;
    }

    /** The default timings (3 s warm-up, 5 rounds of 1 s each), or short ones for {@code quick}. */
    public static TlsComparison of(boolean quick) {
        return quick ? new TlsComparison(500, 300, 3) : new TlsComparison(3000, 1000, 5);
    }

    /** Runs the comparison, printing each figure and the ratios; returns the figures. */
    public List<Figure> run(PrintStream out) throws Exception {
        quietBouncyCastle();
        TlsBenchPki pki = new TlsBenchPki();
        Provider bc = new BouncyCastleJsseProvider();
        StrataTlsPair strata = new StrataTlsPair(pki);
        JsseTlsPair jdk = new JsseTlsPair("SSLEngine", null, pki);
        JsseTlsPair bcjsse = new JsseTlsPair("BCJSSE", bc, pki);

        out.println("strata bench tls: TLS 1.3, X25519, ECDSA P-256 certificate checked against its CA,"
                + " TLS_AES_128_GCM_SHA256;");
        out.println("client and server in one thread, in memory; median of " + rounds + " rounds of " + roundMillis
                + " ms after " + warmupMillis + " ms of warm-up (Java " + Runtime.version() + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs)");
        out.println();
        out.printf(
                Locale.ROOT,
                "%-32s %12s %12s %12s %17s %14s%n",
                "",
                "Strata",
                "SSLEngine",
                "BCJSSE",
                "Strata/SSLEngine",
                "Strata/BCJSSE");

        List<Figure> figures = new ArrayList<>();
        // The JCA's own cost of the handshake's public-key work takes turns with the three, as a fourth column.
        JcaBound bound = new JcaBound(pki);
        Figure full = measure(
                out,
                "full handshakes/s",
                "1/s",
                0,
                List.of(strata::fullHandshake, jdk::fullHandshake, bcjsse::fullHandshake, bound::handshakeCrypto));
        figures.add(full);
        double ceiling = full.values()[3];
        out.printf(
                Locale.ROOT,
                "%-32s %12s   (X25519 x4, ECDSA sign + verify alone: Strata at %.0f%%, SSLEngine %.0f%%, BCJSSE %.0f%%)%n",
                "  JCA bound, handshakes/s",
                fmt(ceiling),
                100 * full.values()[0] / ceiling,
                100 * full.values()[1] / ceiling,
                100 * full.values()[2] / ceiling);

        strata.primeResumption();
        jdk.primeResumption();
        bcjsse.primeResumption();
        int fullBytes = bcjsse.lastServerBytes();
        bcjsse.resumedHandshake();
        boolean bcResumes = bcjsse.lastServerBytes() < fullBytes / 2;
        jdk.resumedHandshake();
        figures.add(measure(
                out,
                "resumed handshakes/s (PSK)",
                "1/s",
                0,
                Arrays.asList(
                        strata::resumedHandshake, jdk::resumedHandshake, bcResumes ? bcjsse::resumedHandshake : null)));

        ByteBuffer strataRecord = ByteBuffer.allocate(strata.connectBulk());
        ByteBuffer jdkRecord = ByteBuffer.allocate(jdk.connectBulk());
        ByteBuffer bcRecord = ByteBuffer.allocate(bcjsse.connectBulk());
        Figure bulk = measure(
                out,
                "bulk seal+open 16 KiB, MB/s",
                "MB/s",
                1e-6,
                List.of(
                        () -> strata.sealOpen(strataRecord),
                        () -> jdk.sealOpen(jdkRecord),
                        () -> bcjsse.sealOpen(bcRecord)));
        figures.add(bulk);
        out.println();
        out.printf(Locale.ROOT, "ratio=%.2f%n", figures.getFirst().ratio(1));
        return figures;
    }

    /** Silences BCJSSE's per-connection INFO logging, which would cost it time and flood the output. */
    public static void quietBouncyCastle() {
        BC_LOG.setLevel(java.util.logging.Level.SEVERE);
    }

    private Figure measure(PrintStream out, String name, String unit, double scale, List<Callable<Integer>> ops)
            throws Exception {
        int n = ops.size();
        double[][] samples = new double[n][rounds];
        for (int i = 0; i < n; i++) {
            if (ops.get(i) != null) {
                rate(ops.get(i), warmupMillis, scale);
            }
        }
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                samples[i][r] = ops.get(i) == null ? Double.NaN : rate(ops.get(i), roundMillis, scale);
            }
        }
        double[] medians = new double[n];
        for (int i = 0; i < n; i++) {
            double[] s = samples[i].clone();
            Arrays.sort(s);
            medians[i] = s[s.length / 2];
        }
        Figure f = new Figure(name, unit, medians);
        out.printf(
                Locale.ROOT,
                "%-32s %12s %12s %12s %17s %14s%n",
                name,
                fmt(medians[0]),
                fmt(medians[1]),
                fmt(medians[2]),
                fmt(f.ratio(1)),
                fmt(f.ratio(2)));
        out.flush();
        return f;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    /**
     * Over about {@code millis} milliseconds: operations per second of {@code op} when {@code unitScale} is 0,
     * otherwise the sum of what {@code op} returned per second, times {@code unitScale} (octets to MB).
     */
    private static double rate(Callable<Integer> op, long millis, double unitScale) throws Exception {
        long sum = 0;
        long ops = 0;
        long start = System.nanoTime();
        long end = start + millis * 1_000_000L;
        long now;
        do {
            sum += op.call();
            ops++;
            now = System.nanoTime();
        } while (now < end);
        double seconds = (now - start) / 1e9;
        return unitScale == 0 ? ops / seconds : sum * unitScale / seconds;
    }
}
