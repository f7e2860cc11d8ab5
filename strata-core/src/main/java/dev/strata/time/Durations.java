package dev.strata.time;

import java.util.Locale;

/** Conversions between nanoseconds, the unit of every Strata clock, and the units people write. */
public final class Durations {

    /** Nanoseconds per microsecond. */
    public static final long MICROS = 1_000L;
    /** Nanoseconds per millisecond. */
    public static final long MILLIS = 1_000_000L;
    /** Nanoseconds per second. */
    public static final long SECONDS = 1_000_000_000L;

    private Durations() {}

    /** {@code ms} milliseconds in nanoseconds. */
    public static long millis(long ms) {
        return ms * MILLIS;
    }

    /** {@code us} microseconds in nanoseconds. */
    public static long micros(long us) {
        return us * MICROS;
    }

    /** {@code s} seconds in nanoseconds. */
    public static long seconds(long s) {
        return s * SECONDS;
    }

    /**
     * Parses a duration such as {@code 20ms}, {@code 1.5s}, {@code 250us}, {@code 100ns} or {@code 2m}; a bare
     * number is taken as milliseconds.
     *
     * @throws IllegalArgumentException naming the text when it is not a duration
     */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        long unit;
        String num;
        if (t.endsWith("ns")) {
            unit = 1;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("us") || t.endsWith("µs")) {
            unit = MICROS;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("ms")) {
            unit = MILLIS;
            num = t.substring(0, t.length() - 2);
        } else if (t.endsWith("s")) {
            unit = SECONDS;
            num = t.substring(0, t.length() - 1);
        } else if (t.endsWith("m")) {
            unit = 60 * SECONDS;
            num = t.substring(0, t.length() - 1);
        } else {
            unit = MILLIS;
            num = t;
        }
        try {
            double v = Double.parseDouble(num);
            if (v < 0 || Double.isNaN(v) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("not a duration: " + text);
            }
            return Math.round(v * unit);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: " + text, e);
        }
    }

    /** A short human form: {@code 1.234567s}, {@code 12.5ms}, {@code 40us}, {@code 17ns}. */
    public static String format(long nanos) {
        if (nanos >= SECONDS) {
            return String.format(Locale.ROOT, "%.6fs", nanos / 1e9);
        } else if (nanos >= MILLIS) {
            return trim(String.format(Locale.ROOT, "%.3f", nanos / 1e6)) + "ms";
        } else if (nanos >= MICROS) {
            return trim(String.format(Locale.ROOT, "%.3f", nanos / 1e3)) + "us";
        }
        return nanos + "ns";
    }

    private static String trim(String s) {
        if (s.indexOf('.') < 0) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
