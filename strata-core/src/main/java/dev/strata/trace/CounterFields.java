package dev.strata.trace;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a layer's counters, which are public {@code long} fields named as in the layer's MIB (RFC 4293 IP-MIB,
 * RFC 4022 TCP-MIB, RFC 4113 UDP-MIB), the way {@code netstat -s} lists them.
 */
public final class CounterFields {

    private CounterFields() {}

    /** The non-zero counters of {@code counters} as {@code name=value}, in declaration order. */
    public static List<String> nonZero(Object counters) {
        List<String> out = new ArrayList<>();
        for (Field f : counters.getClass().getDeclaredFields()) {
            if (f.getType() != long.class
                    || !Modifier.isPublic(f.getModifiers())
                    || Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            try {
                long v = f.getLong(counters);
                if (v != 0) {
                    out.add(f.getName() + "=" + v);
                }
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("counter " + f.getName() + " is not readable", e);
            }
        }
        return out;
    }

    /** The non-zero counters on one line, separated by spaces. */
    public static String format(Object counters) {
        return String.join(" ", nonZero(counters));
    }
}
