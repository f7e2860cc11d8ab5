package dev.strata.link;

import dev.strata.time.Durations;
import java.util.Locale;

/**
 * The behaviour of one direction of a link: bandwidth with a bounded transmit queue, propagation delay and jitter,
 * and the impairments (loss, duplication, reordering, corruption), all drawn from a seeded random source.
 *
 * @param rateBitsPerSecond bandwidth; frames are serialized at this rate, 0 means unlimited (no serialization delay)
 * @param delayNanos one-way propagation delay
 * @param jitterNanos each frame's delay varies uniformly in [-jitter, +jitter] (clamped at zero); jitter alone never
 *     reorders frames, as on a real wire
 * @param queuePackets frames that may wait for the transmitter; more are tail-dropped and counted
 * @param loss how frames are lost on the wire
 * @param duplicate probability that a frame is delivered twice
 * @param reorder probability that a frame is held back by {@code reorderDelayNanos}, letting later frames pass it
 * @param reorderDelayNanos extra delay of a reordered frame
 * @param corrupt probability that one random bit of a frame is flipped on the wire
 * @param overheadBytes octets each frame costs on the wire beyond its bytes (Ethernet preamble, SFD, FCS and
 *     inter-frame gap: 24); negative down to {@value #MIN_OVERHEAD} to model a link layer whose header is shorter
 *     than Ethernet's 14 octets (-12 for PPP's 2-octet framing, as ns-3's point-to-point links have)
 */
public record LinkParams(
        long rateBitsPerSecond,
        long delayNanos,
        long jitterNanos,
        int queuePackets,
        LossModel loss,
        double duplicate,
        double reorder,
        long reorderDelayNanos,
        double corrupt,
        int overheadBytes) {

    /** Ethernet's per-frame wire overhead: 7 preamble + 1 SFD + 4 FCS + 12 inter-frame gap octets. */
    public static final int ETHERNET_OVERHEAD = 24;

    /** The lowest overhead: a frame costs at least its bytes less the 14-octet Ethernet header. */
    public static final int MIN_OVERHEAD = -14;

    /** A perfect link: unlimited rate, no delay, no impairment. */
    public static final LinkParams IDEAL = new LinkParams(0, 0, 0, 1000, LossModel.NONE, 0, 0, 0, 0, 0);

    /** A gigabit Ethernet cable of about 1 km: 1 Gbit/s, 5 µs, a 1000-frame queue, no impairment. */
    public static final LinkParams GIGABIT =
            new LinkParams(1_000_000_000L, 5_000, 0, 1000, LossModel.NONE, 0, 0, 0, 0, ETHERNET_OVERHEAD);

    /** Validates ranges. */
    public LinkParams {
        if (rateBitsPerSecond < 0 || delayNanos < 0 || jitterNanos < 0 || reorderDelayNanos < 0) {
            throw new IllegalArgumentException("link rate and delays must not be negative");
        }
        if (overheadBytes < MIN_OVERHEAD) {
            throw new IllegalArgumentException("link overhead must be at least " + MIN_OVERHEAD
                    + " octets (no Ethernet header), not " + overheadBytes);
        }
        if (queuePackets < 1) {
            throw new IllegalArgumentException("link queue must hold at least one frame, not " + queuePackets);
        }
        if (loss == null) {
            throw new IllegalArgumentException("loss model must not be null (use LossModel.NONE)");
        }
        LossModel.checkProbability("duplicate", duplicate);
        LossModel.checkProbability("reorder", reorder);
        LossModel.checkProbability("corrupt", corrupt);
    }

    /** These parameters with another rate. */
    public LinkParams withRate(long bitsPerSecond) {
        return with(b -> b.rateBitsPerSecond = bitsPerSecond);
    }

    /** These parameters with another propagation delay. */
    public LinkParams withDelay(long nanos) {
        return with(b -> b.delayNanos = nanos);
    }

    /** These parameters with another loss model. */
    public LinkParams withLoss(LossModel model) {
        return with(b -> b.loss = model);
    }

    /** These parameters with Bernoulli loss of probability {@code p}. */
    public LinkParams withLoss(double p) {
        return withLoss(new LossModel.Bernoulli(p));
    }

    /** These parameters with another queue limit. */
    public LinkParams withQueue(int packets) {
        return with(b -> b.queuePackets = packets);
    }

    /** These parameters with the given duplication, reordering and corruption probabilities. */
    public LinkParams withImpairments(double duplicate, double reorder, long reorderDelayNanos, double corrupt) {
        return with(b -> {
            b.duplicate = duplicate;
            b.reorder = reorder;
            b.reorderDelayNanos = reorderDelayNanos;
            b.corrupt = corrupt;
        });
    }

    /** These parameters with another jitter. */
    public LinkParams withJitter(long nanos) {
        return with(b -> b.jitterNanos = nanos);
    }

    /** These parameters with another per-frame wire overhead in octets. */
    public LinkParams withOverhead(int octets) {
        return with(b -> b.overheadBytes = octets);
    }

    /** These parameters with the changes {@code change} makes to a mutable copy. */
    public LinkParams with(java.util.function.Consumer<Mutable> change) {
        Mutable m = new Mutable(this);
        change.accept(m);
        return m.build();
    }

    /** A mutable copy of {@link LinkParams}, for {@link #with}. */
    public static final class Mutable {
        /** See {@link LinkParams#rateBitsPerSecond()}. */
        public long rateBitsPerSecond;

        /** See {@link LinkParams#delayNanos()}. */
        public long delayNanos;

        /** See {@link LinkParams#jitterNanos()}. */
        public long jitterNanos;

        /** See {@link LinkParams#queuePackets()}. */
        public int queuePackets;

        /** See {@link LinkParams#loss()}. */
        public LossModel loss;

        /** See {@link LinkParams#duplicate()}. */
        public double duplicate;

        /** See {@link LinkParams#reorder()}. */
        public double reorder;

        /** See {@link LinkParams#reorderDelayNanos()}. */
        public long reorderDelayNanos;

        /** See {@link LinkParams#corrupt()}. */
        public double corrupt;

        /** See {@link LinkParams#overheadBytes()}. */
        public int overheadBytes;

        private Mutable(LinkParams p) {
            rateBitsPerSecond = p.rateBitsPerSecond;
            delayNanos = p.delayNanos;
            jitterNanos = p.jitterNanos;
            queuePackets = p.queuePackets;
            loss = p.loss;
            duplicate = p.duplicate;
            reorder = p.reorder;
            reorderDelayNanos = p.reorderDelayNanos;
            corrupt = p.corrupt;
            overheadBytes = p.overheadBytes;
        }

        LinkParams build() {
            return new LinkParams(
                    rateBitsPerSecond,
                    delayNanos,
                    jitterNanos,
                    queuePackets,
                    loss,
                    duplicate,
                    reorder,
                    reorderDelayNanos,
                    corrupt,
                    overheadBytes);
        }
    }

    /** True when no impairment or delay applies and the rate is unlimited. */
    public boolean isIdeal() {
        return rateBitsPerSecond == 0
                && delayNanos == 0
                && jitterNanos == 0
                && loss.equals(LossModel.NONE)
                && duplicate == 0
                && reorder == 0
                && corrupt == 0;
    }

    /** Nanoseconds to serialize {@code frameBytes} octets (plus overhead) at the link rate; 0 when unlimited. */
    public long serializationNanos(int frameBytes) {
        if (rateBitsPerSecond == 0) {
            return 0;
        }
        long bits = 8L * Math.max(0, frameBytes + overheadBytes);
        return Math.ceilDiv(bits * 1_000_000_000L, rateBitsPerSecond);
    }

    /**
     * Parses an impairment spec such as {@code loss=2%,delay=20ms,jitter=5ms,rate=100mbit} on top of {@code base}.
     *
     * <p>Keys: {@code rate} (bit/s with k/m/g suffix and optional "bit"/"bps"), {@code delay}, {@code jitter},
     * {@code queue} (frames), {@code loss} (a probability like 2% or 0.02, or {@code ge:p/r/lossGood/lossBad} for
     * Gilbert-Elliott), {@code dup}/{@code duplicate}, {@code reorder} (probability, optionally {@code /delay}),
     * {@code corrupt}, {@code overhead} (octets).
     *
     * @throws IllegalArgumentException naming the offending part
     */
    public static LinkParams parse(String spec, LinkParams base) {
        LinkParams p = base;
        if (spec == null || spec.isBlank()) {
            return p;
        }
        for (String part : spec.split(",")) {
            String item = part.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("impairment '" + item + "' is not key=value");
            }
            String key = item.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = item.substring(eq + 1).trim();
            try {
                p = switch (key) {
                    case "rate", "bw", "bandwidth" -> p.withRate(parseRate(value));
                    case "delay", "latency" -> p.withDelay(Durations.parse(value));
                    case "jitter" -> p.withJitter(Durations.parse(value));
                    case "queue", "limit" -> p.withQueue(Integer.parseInt(value));
                    case "loss" -> p.withLoss(parseLoss(value));
                    case "dup", "duplicate" ->
                        p.withImpairments(parseProbability(value), p.reorder, p.reorderDelayNanos, p.corrupt);
                    case "reorder" -> {
                        String[] pr = value.split("/", 2);
                        long gap = pr.length == 2
                                ? Durations.parse(pr[1])
                                : Math.max(p.reorderDelayNanos, Durations.millis(1));
                        yield p.withImpairments(p.duplicate, parseProbability(pr[0]), gap, p.corrupt);
                    }
                    case "corrupt" ->
                        p.withImpairments(p.duplicate, p.reorder, p.reorderDelayNanos, parseProbability(value));
                    case "overhead" -> p.withOverhead(Integer.parseInt(value));
                    default -> throw new IllegalArgumentException("unknown impairment '" + key + "'");
                };
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad value in impairment '" + item + "'", e);
            }
        }
        return p;
    }

    /** Parses a probability written as {@code 2%} or {@code 0.02}. */
    public static double parseProbability(String text) {
        String t = text.trim();
        double v = t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
        LossModel.checkProbability("probability", v);
        return v;
    }

    private static LossModel parseLoss(String value) {
        if (value.toLowerCase(Locale.ROOT).startsWith("ge:")) {
            String[] f = value.substring(3).split("/");
            if (f.length != 4) {
                throw new IllegalArgumentException("Gilbert-Elliott loss is ge:p/r/lossGood/lossBad, not " + value);
            }
            return new LossModel.GilbertElliott(
                    parseProbability(f[0]), parseProbability(f[1]), parseProbability(f[2]), parseProbability(f[3]));
        }
        return new LossModel.Bernoulli(parseProbability(value));
    }

    /** Parses a rate such as {@code 100mbit}, {@code 1gbit}, {@code 10kbps} or {@code 56000} (bit/s). */
    public static long parseRate(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("bps")) {
            t = t.substring(0, t.length() - 3);
        } else if (t.endsWith("bit")) {
            t = t.substring(0, t.length() - 3);
        }
        long mult = 1;
        if (t.endsWith("k")) {
            mult = 1_000L;
        } else if (t.endsWith("m")) {
            mult = 1_000_000L;
        } else if (t.endsWith("g")) {
            mult = 1_000_000_000L;
        }
        if (mult != 1) {
            t = t.substring(0, t.length() - 1);
        }
        double v = Double.parseDouble(t);
        if (v < 0) {
            throw new IllegalArgumentException("negative rate " + text);
        }
        return Math.round(v * mult);
    }
}
