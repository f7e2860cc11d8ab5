package dev.strata.trace;

/** Formats trace times: nanoseconds since the start of a run as seconds with nine decimals, e.g. {@code 0.001234567}. */
public final class TraceTime {

    private TraceTime() {}

    /** Appends {@code nanos} as {@code S.NNNNNNNNN} (negative times get a leading minus). */
    public static StringBuilder append(StringBuilder sb, long nanos) {
        if (nanos < 0) {
            sb.append('-');
            if (nanos == Long.MIN_VALUE) {
                // -9223372036.854775808 s: the one value whose magnitude does not fit.
                return sb.append("9223372036.854775808");
            }
            nanos = -nanos;
        }
        sb.append(nanos / 1_000_000_000L).append('.');
        long frac = nanos % 1_000_000_000L;
        for (long div = 100_000_000L; div > 0; div /= 10) {
            sb.append((char) ('0' + (frac / div) % 10));
        }
        return sb;
    }

    /** {@code nanos} as {@code S.NNNNNNNNN}. */
    public static String format(long nanos) {
        return append(new StringBuilder(20), nanos).toString();
    }
}
