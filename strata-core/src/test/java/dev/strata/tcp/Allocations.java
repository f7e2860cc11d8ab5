package dev.strata.tcp;

import java.lang.reflect.Method;

/**
 * Measures heap allocation per call of a hot-path operation, after warming it up so the JIT has compiled it.
 *
 * <p>Uses {@code com.sun.management.ThreadMXBean} reflectively: the tests compile inside module dev.strata.core, which
 * does not read java.management, and run on the class path, where the bean is available.
 */
final class Allocations {

    private static final int WARM_UP = 20_000;
    private static final int MEASURED = 10_000;

    private Allocations() {}

    /** Octets allocated per call of {@code op} by this thread, rounded down (so an occasional stray object is 0). */
    static long perCall(Runnable op) {
        try {
            Object bean = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            Method allocated =
                    Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
            for (int i = 0; i < WARM_UP; i++) {
                op.run();
            }
            long before = (Long) allocated.invoke(bean);
            for (int i = 0; i < MEASURED; i++) {
                op.run();
            }
            long after = (Long) allocated.invoke(bean);
            return (after - before) / MEASURED;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("thread allocation counter unavailable", e);
        }
    }
}
