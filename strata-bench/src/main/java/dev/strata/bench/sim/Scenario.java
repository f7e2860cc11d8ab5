package dev.strata.bench.sim;

import dev.strata.sim.Simulation;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The four ns-3 reference scenarios: what each is, its ns-3 program and arguments, how Strata runs it, its full and
 * quick sizes, the figures to compare, and ns-3's own recorded speed on a 2-vCPU EPYC VM (the reference's README),
 * used as an estimate when ns-3 is not installed.
 */
public enum Scenario {
    /** 1 GB NewReno bulk transfer over one 10 Gbit/s, 10 µs link. */
    A("A", "tcp_bulk", "NewReno bulk over one 10 Gbit/s, 10 us link", "1000000000", "50000000", 90_250) {
        @Override
        List<String> ns3Args(String size) {
            return List.of("--maxBytes=" + size);
        }

        @Override
        ResultLine runStrata(String size, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
            return StrataScenarios.bulk(Long.parseLong(size), 0, seed, matchAckOrder, instrument);
        }

        @Override
        String describeSize(String size) {
            return bytes(Long.parseLong(size));
        }
    },
    /** 100 MB with 1% packet loss on the receiving side of the data direction. */
    A_LOSS(
            "A-loss",
            "tcp_bulk",
            "the same with 1% loss at the receiver (data direction)",
            "100000000",
            "10000000",
            96_819) {
        @Override
        List<String> ns3Args(String size) {
            return List.of("--maxBytes=" + size, "--lossRate=" + LOSS);
        }

        @Override
        ResultLine runStrata(String size, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
            return StrataScenarios.bulk(Long.parseLong(size), LOSS, seed, matchAckOrder, instrument);
        }

        @Override
        String describeSize(String size) {
            return bytes(Long.parseLong(size));
        }
    },
    /** A star of 100 hosts around a router, 100 flows of 10 MB over 1 Gbit/s, 1 ms links. */
    B(
            "B",
            "star_many",
            "star of hosts around a router, flow i -> i+1, 1 Gbit/s 1 ms links",
            "10000000/100",
            "1000000/10",
            48_573) {
        @Override
        List<String> ns3Args(String size) {
            String[] s = size.split("/");
            return List.of("--nHosts=" + s[1], "--maxBytes=" + s[0]);
        }

        @Override
        ResultLine runStrata(String size, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
            String[] s = size.split("/");
            return StrataScenarios.star(Integer.parseInt(s[1]), Long.parseLong(s[0]), seed, matchAckOrder, instrument);
        }

        @Override
        String describeSize(String size) {
            String[] s = size.split("/");
            return s[1] + " flows x " + bytes(Long.parseLong(s[0]));
        }
    },
    /** One million 64-octet UDP echoes over one 10 Gbit/s, 10 µs link, just under line rate. */
    C(
            "C",
            "udp_echo_many",
            "64-octet UDP echoes every 76 ns over one 10 Gbit/s, 10 us link",
            "1000000",
            "100000",
            175_287) {
        @Override
        List<String> ns3Args(String size) {
            return List.of("--nPackets=" + size);
        }

        @Override
        ResultLine runStrata(String size, long seed, boolean matchAckOrder, Consumer<Simulation> instrument) {
            return StrataScenarios.udpEcho(Integer.parseInt(size), seed, instrument);
        }

        @Override
        String describeSize(String size) {
            return String.format(Locale.ROOT, "%,d echoes", Long.parseLong(size));
        }
    };

    /** A-loss's packet error rate. */
    static final double LOSS = 0.01;

    private final String label;
    private final String program;
    private final String description;
    private final String fullSize;
    private final String quickSize;
    private final double ns3LinkPacketsPerSecond;

    Scenario(
            String label,
            String program,
            String description,
            String fullSize,
            String quickSize,
            double ns3LinkPacketsPerSecond) {
        this.label = label;
        this.program = program;
        this.description = description;
        this.fullSize = fullSize;
        this.quickSize = quickSize;
        this.ns3LinkPacketsPerSecond = ns3LinkPacketsPerSecond;
    }

    /** The scenario called {@code name} (A, A-loss, B, C; case-insensitive). */
    public static Scenario named(String name) {
        for (Scenario s : values()) {
            if (s.label.equalsIgnoreCase(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario '" + name + "' (A, A-loss, B, C)");
    }

    /** The scenario's name: A, A-loss, B or C. */
    public String label() {
        return label;
    }

    /** The ns-3 program that runs it. */
    public String program() {
        return program;
    }

    /** One line saying what it is. */
    public String description() {
        return description;
    }

    /** A small size (a fifth of the quick one) for a training run. */
    String trainingSize() {
        String[] parts = quickSize.split("/");
        String first = Long.toString(Long.parseLong(parts[0]) / 5);
        return parts.length == 1 ? first : first + "/" + parts[1];
    }

    /** The size argument: the README's full size, or a smaller one for a quick run. */
    public String size(boolean quick) {
        return quick ? quickSize : fullSize;
    }

    /**
     * Link packets per wall second that ns-3 reached in the README's runs (2 vCPU EPYC, medians of 3): the basis of
     * an estimate when ns-3 is not installed.
     */
    public double ns3LinkPacketsPerSecond() {
        return ns3LinkPacketsPerSecond;
    }

    /** The ns-3 program's arguments for {@code size}. */
    abstract List<String> ns3Args(String size);

    /**
     * Runs the scenario in Strata's simulator in this JVM, {@code instrument} applied before the run.
     *
     * @param matchAckOrder give TCP sinks the window ns-3's advertise ({@link Ns3Model#sink}); UDP ignores it
     */
    abstract ResultLine runStrata(String size, long seed, boolean matchAckOrder, Consumer<Simulation> instrument);

    /** The size in words, e.g. {@code 1 GB} or {@code 100 flows x 10 MB}. */
    abstract String describeSize(String size);

    private static String bytes(long n) {
        if (n % 1_000_000_000L == 0) {
            return n / 1_000_000_000L + " GB";
        }
        if (n % 1_000_000L == 0) {
            return n / 1_000_000L + " MB";
        }
        return n + " B";
    }
}
