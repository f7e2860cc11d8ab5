package dev.strata.bench.tcp;

import dev.strata.bench.Samples;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * {@code strata bench tcp}: Strata's TCP against the kernel's in one run. Bulk throughput over an ideal link at MTU
 * 1500, 9000 and 65535 against the JDK's sockets over loopback; connections per second against the same; and the
 * heap an idle established connection holds. Wall-time figures are what the goals speak of; CPU-time figures (the
 * whole process: every thread, the kernel's work in system calls included) are printed beside them because they
 * vary less on a shared machine. The last line, {@code ratio=X.XX}, is the geometric mean of Strata's wall-time
 * ratios to the kernel (the three MTUs and connections per second).
 */
public final class TcpBench {

    /**
     * What to run.
     *
     * @param quick smaller sizes for a smoke run
     * @param runs measured runs of each figure (after one warm-up); median and spread are reported
     */
    public record Options(boolean quick, int runs) {
        /** Validates the count. */
        public Options {
            if (runs < 1) {
                throw new IllegalArgumentException("runs must be at least 1");
            }
        }

        long bulkBytes() {
            return quick ? 50_000_000L : 2_000_000_000L;
        }

        int connections() {
            return quick ? 2_000 : 50_000;
        }

        int idleConnections() {
            return quick ? 10_000 : 100_000;
        }
    }

    /** The MTUs of the bulk transfers. */
    static final int[] MTUS = {1500, 9000, 65535};

    /** Strata connections in progress at a time, and kernel client threads. */
    static final int CONCURRENCY = 16;

    static final int KERNEL_CLIENTS = 2;

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final Options options;
    private final PrintStream out;

    /** A benchmark with {@code options} printing to {@code out}. */
    public TcpBench(Options options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** A figure measured as wall time and as process CPU time. */
    private record Timed<T>(T value, long wallNanos, long cpuNanos) {}

    private static <T> Timed<T> timed(Supplier<T> work) {
        long c0 = OS.getProcessCpuTime();
        long w0 = System.nanoTime();
        T v = work.get();
        return new Timed<>(v, System.nanoTime() - w0, OS.getProcessCpuTime() - c0);
    }

    /**
     * Runs everything and prints the report.
     *
     * @return 0
     */
    public int run() {
        out.printf(
                Locale.ROOT,
                "machine: %d cores available, %s %s; runs per figure: %d after one warm-up%s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                options.runs(),
                options.quick() ? " (quick sizes)" : "");
        double product = 1;
        int ratios = 0;

        long bytes = options.bulkBytes();
        out.printf(Locale.ROOT, "%n== bulk transfer, %,d octets, payload Gbit/s (median (min-max))%n", bytes);
        out.println("   Strata: two hosts in one JVM over an ideal simulated link, 256 KiB socket buffers,"
                + " window scaling; one thread");
        out.println("   kernel: JDK SocketChannels over 127.0.0.1, one writer and one reader thread, 256 KiB direct"
                + " buffers");
        Samples kernelWall = new Samples();
        Samples kernelCpu = new Samples();
        KernelBulk.run(bytes / 4);
        for (int i = 0; i < options.runs(); i++) {
            Timed<KernelBulk.Result> t = timed(() -> KernelBulk.run(bytes));
            kernelWall.add(t.value().gbps());
            kernelCpu.add(bytes * 8.0 / t.cpuNanos());
        }
        row("", "wall Gbit/s", "CPU Gbit/s", "Strata/kernel (wall, CPU)");
        row("kernel loopback", kernelWall.format(2), kernelCpu.format(2), "");
        for (int mtu : MTUS) {
            Samples wall = new Samples();
            Samples cpu = new Samples();
            StrataBulk.run(mtu, bytes / 4);
            int mss = 0;
            for (int i = 0; i < options.runs(); i++) {
                Timed<StrataBulk.Result> t = timed(() -> StrataBulk.run(mtu, bytes));
                wall.add(t.value().gbps());
                cpu.add(bytes * 8.0 / t.cpuNanos());
                mss = t.value().mss();
            }
            double r = wall.median() / kernelWall.median();
            product *= r;
            ratios++;
            row(
                    "Strata MTU " + mtu + " (MSS " + mss + ")",
                    wall.format(2),
                    cpu.format(2),
                    String.format(Locale.ROOT, "%.2f, %.2f", r, cpu.median() / kernelCpu.median()));
            out.printf(Locale.ROOT, "bulk_mtu%d_ratio=%.2f%n", mtu, r);
        }

        int n = options.connections();
        out.printf(
                Locale.ROOT,
                "%n== connections per second: open, 64-octet request, 64-octet response, close (%,d connections)%n",
                n);
        out.printf(
                Locale.ROOT,
                "   Strata: simulator, ideal link, %d connections in progress at a time; kernel: %d client threads,"
                        + " one server thread%n",
                CONCURRENCY,
                KERNEL_CLIENTS);
        Samples kc = new Samples();
        Samples kcCpu = new Samples();
        KernelConnectionRate.run(n / 4, KERNEL_CLIENTS);
        for (int i = 0; i < options.runs(); i++) {
            Timed<StrataConnectionRate.Result> t = timed(() -> KernelConnectionRate.run(n, KERNEL_CLIENTS));
            kc.add(t.value().perSecond());
            kcCpu.add(n * 1e9 / t.cpuNanos());
        }
        Samples sc = new Samples();
        Samples scCpu = new Samples();
        StrataConnectionRate.run(n / 4, CONCURRENCY);
        for (int i = 0; i < options.runs(); i++) {
            Timed<StrataConnectionRate.Result> t = timed(() -> StrataConnectionRate.run(n, CONCURRENCY));
            sc.add(t.value().perSecond());
            scCpu.add(n * 1e9 / t.cpuNanos());
        }
        double cr = sc.median() / kc.median();
        product *= cr;
        ratios++;
        row("", "wall conn/s", "CPU conn/s", "Strata/kernel (wall, CPU)");
        row("kernel loopback", kc.format(0), kcCpu.format(0), "");
        row(
                "Strata simulator",
                sc.format(0),
                scCpu.format(0),
                String.format(Locale.ROOT, "%.2f, %.2f", cr, scCpu.median() / kcCpu.median()));
        out.printf(Locale.ROOT, "conn_ratio=%.2f%n", cr);

        int idle = options.idleConnections();
        out.printf(
                Locale.ROOT, "%n== heap per idle established connection (%,d connections, after one request)%n", idle);
        Samples perTcb = new Samples();
        Samples perConn = new Samples();
        for (int i = 0; i < options.runs(); i++) {
            IdleConnectionMemory.Result m = IdleConnectionMemory.run(idle);
            perTcb.add(m.bytesPerTcb());
            perConn.add(m.bytesPerConnection());
        }
        row("", "octets", "", "");
        row("per TCB (one end)", perTcb.format(0), "", "goal < 2048");
        row("per connection (both ends)", perConn.format(0), "", "");
        out.printf(Locale.ROOT, "idle_tcb_bytes=%.0f%n", perTcb.median());

        out.println();
        out.println("ratio: geometric mean of Strata/kernel wall-time ratios (bulk at 3 MTUs, connections per second)");
        out.printf(Locale.ROOT, "ratio=%.2f%n", Math.pow(product, 1.0 / ratios));
        return 0;
    }

    private void row(String name, String a, String b, String c) {
        out.printf(Locale.ROOT, "  %-28s %22s %22s  %s%n", name, a, b, c).flush();
    }
}
