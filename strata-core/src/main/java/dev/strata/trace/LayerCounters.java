package dev.strata.trace;

import dev.strata.wire.ParseError;
import java.util.Locale;
import java.util.Objects;

/**
 * The counters of one protocol layer of one node, like a section of {@code netstat -s}: units in and out, and units
 * dropped, by reason.
 *
 * <p>Drop reasons are the layer's own enum (e.g. {@code NO_ROUTE}, {@code TTL_EXCEEDED}); units that failed to parse
 * are counted apart by their {@link ParseError}. Counting is an array increment: no allocation, no locking. The
 * counters belong to the node's event loop; another thread reading them may see slightly old values.
 *
 * @param <R> the layer's drop reasons
 */
public final class LayerCounters<R extends Enum<R>> {

    /** A reason type for layers whose drops all come from parsing. */
    public enum NoReason {}

    private static final ParseError[] PARSE_ERRORS = ParseError.values();

    private final String layer;
    private final R[] reasons;
    private final long[] dropped;
    private final long[] malformed = new long[PARSE_ERRORS.length];
    private long in;
    private long out;

    /**
     * Counters at zero for {@code layer} (e.g. {@code ip}) with drop reasons {@code reasonType}.
     *
     * @param layer the name printed as the heading
     * @param reasonType the enum of drop reasons
     */
    public LayerCounters(String layer, Class<R> reasonType) {
        this.layer = Objects.requireNonNull(layer, "layer");
        this.reasons = reasonType.getEnumConstants();
        this.dropped = new long[reasons.length];
    }

    /** Counts one unit received by the layer. */
    public void countIn() {
        in++;
    }

    /** Counts one unit sent by the layer. */
    public void countOut() {
        out++;
    }

    /** Counts one unit dropped for {@code reason}. */
    public void countDrop(R reason) {
        dropped[reason.ordinal()]++;
    }

    /** Counts one unit dropped because it did not parse, for {@code error}. */
    public void countMalformed(ParseError error) {
        malformed[error.ordinal()]++;
    }

    /** The layer's name. */
    public String layer() {
        return layer;
    }

    /** Units received. */
    public long in() {
        return in;
    }

    /** Units sent. */
    public long out() {
        return out;
    }

    /** Units dropped for {@code reason}. */
    public long dropped(R reason) {
        return dropped[reason.ordinal()];
    }

    /** Units dropped because they did not parse, for {@code error}. */
    public long malformed(ParseError error) {
        return malformed[error.ordinal()];
    }

    /** Units dropped for any reason, malformed ones included. */
    public long dropped() {
        long sum = 0;
        for (long d : dropped) {
            sum += d;
        }
        for (long m : malformed) {
            sum += m;
        }
        return sum;
    }

    /** Sets every counter back to zero. */
    public void reset() {
        in = 0;
        out = 0;
        java.util.Arrays.fill(dropped, 0);
        java.util.Arrays.fill(malformed, 0);
    }

    /**
     * Appends the counters in {@code netstat -s} style: a heading, then one indented line per non-zero counter, e.g.
     *
     * <pre>
     * ip:
     *     12 in
     *     10 out
     *     2 dropped
     *         1 no route
     *         1 malformed: bad checksum
     * </pre>
     */
    public StringBuilder format(StringBuilder sb) {
        sb.append(layer).append(":\n");
        if (in != 0) {
            sb.append("    ").append(in).append(" in\n");
        }
        if (out != 0) {
            sb.append("    ").append(out).append(" out\n");
        }
        long total = dropped();
        if (total != 0) {
            sb.append("    ").append(total).append(" dropped\n");
            for (int i = 0; i < reasons.length; i++) {
                if (dropped[i] != 0) {
                    sb.append("        ")
                            .append(dropped[i])
                            .append(' ')
                            .append(words(reasons[i]))
                            .append('\n');
                }
            }
            for (int i = 0; i < PARSE_ERRORS.length; i++) {
                if (malformed[i] != 0) {
                    sb.append("        ").append(malformed[i]).append(" malformed: ");
                    sb.append(words(PARSE_ERRORS[i])).append('\n');
                }
            }
        }
        return sb;
    }

    /** The counters in {@code netstat -s} style; see {@link #format(StringBuilder)}. */
    public String format() {
        return format(new StringBuilder()).toString();
    }

    /** One line of the non-zero counters, e.g. {@code ip: in 12 out 10 dropped 2 (no route 1, bad checksum 1)}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(layer)
                .append(": in ")
                .append(in)
                .append(" out ")
                .append(out);
        sb.append(" dropped ").append(dropped());
        String sep = " (";
        for (int i = 0; i < reasons.length; i++) {
            if (dropped[i] != 0) {
                sb.append(sep).append(words(reasons[i])).append(' ').append(dropped[i]);
                sep = ", ";
            }
        }
        for (int i = 0; i < PARSE_ERRORS.length; i++) {
            if (malformed[i] != 0) {
                sb.append(sep)
                        .append("malformed ")
                        .append(words(PARSE_ERRORS[i]))
                        .append(' ')
                        .append(malformed[i]);
                sep = ", ";
            }
        }
        return sep.equals(", ") ? sb.append(')').toString() : sb.toString();
    }

    private static String words(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
