package dev.strata.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Repeated measurements of one figure: the median and the spread (lowest and highest), as the benchmark reports
 * print them on a machine whose noise between runs is large.
 */
public final class Samples {

    private double[] values = new double[0];

    /** No samples yet. */
    public Samples() {}

    /** Samples holding {@code values}. */
    public static Samples of(double... values) {
        Samples s = new Samples();
        s.values = values.clone();
        return s;
    }

    /** Adds one measurement; NaN (a figure that was not measured) is ignored. */
    public Samples add(double value) {
        if (!Double.isNaN(value)) {
            values = Arrays.copyOf(values, values.length + 1);
            values[values.length - 1] = value;
        }
        return this;
    }

    /** The number of measurements. */
    public int count() {
        return values.length;
    }

    /** The median (the mean of the middle two for an even count), or NaN when empty. */
    public double median() {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int m = v.length / 2;
        return v.length % 2 == 1 ? v[m] : (v[m - 1] + v[m]) / 2;
    }

    /** The lowest value, or NaN when empty. */
    public double min() {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    /** The highest value, or NaN when empty. */
    public double max() {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }

    /**
     * The median with {@code decimals} digits, followed by the range when there is more than one sample: {@code 1.23
     * (1.10-1.40)}; {@code -} when empty.
     */
    public String format(int decimals) {
        if (values.length == 0) {
            return "-";
        }
        String f = "%." + decimals + "f";
        String m = String.format(Locale.ROOT, f, median());
        if (values.length == 1) {
            return m;
        }
        return m + " (" + String.format(Locale.ROOT, f, min()) + "-" + String.format(Locale.ROOT, f, max()) + ")";
    }
}
