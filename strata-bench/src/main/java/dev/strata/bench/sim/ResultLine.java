package dev.strata.bench.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One run's figures as the ns-3 scripts print them: {@code RESULT key=value key=value ...}. The Strata side prints
 * the same keys, so one parser and one table serve both.
 */
public final class ResultLine {

    /** The prefix of a result line. */
    public static final String PREFIX = "RESULT ";

    private final Map<String, String> values = new LinkedHashMap<>();

    /** An empty line. */
    public ResultLine() {}

    /** Parses a {@code RESULT k=v ...} line; empty when {@code line} is not one. */
    public static Optional<ResultLine> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        ResultLine r = new ResultLine();
        for (String part : line.substring(PREFIX.length()).trim().split("\\s+")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                r.values.put(part.substring(0, eq), part.substring(eq + 1));
            }
        }
        return Optional.of(r);
    }

    /** Adds a text value. */
    public ResultLine put(String key, String value) {
        values.put(key, value);
        return this;
    }

    /** Adds an integer value. */
    public ResultLine put(String key, long value) {
        return put(key, Long.toString(value));
    }

    /** Adds a decimal value with {@code decimals} digits after the point. */
    public ResultLine put(String key, double value, int decimals) {
        return put(key, String.format(Locale.ROOT, "%." + decimals + "f", value));
    }

    /** The value of {@code key}, or null. */
    public String get(String key) {
        return values.get(key);
    }

    /** The value of {@code key} as a number, or NaN when absent or not a number. */
    public double number(String key) {
        String v = values.get(key);
        if (v == null) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Every key and value, in the order they were added. */
    public Map<String, String> values() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(PREFIX.trim());
        values.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }
}
