package dev.strata.trace;

import java.lang.reflect.Method;

/**
 * Measures the bytes the current thread allocates, through HotSpot's per-thread allocation counter
 * ({@code com.sun.management.ThreadMXBean}).
 *
 * <p>Reached by reflection: test sources compile inside the {@code dev.strata.core} module, which does not read the
 * management modules, while tests run on the class path, where they are visible.
 */
final class Allocations {

    private static final Object BEAN;
    private static final Method ALLOCATED;

    static {
        try {
            BEAN = Class.forName("java.lang.management.ManagementFactory")
                    .getMethod("getThreadMXBean")
                    .invoke(null);
            ALLOCATED = Class.forName("com.sun.management.ThreadMXBean").getMethod("getCurrentThreadAllocatedBytes");
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocations() {}

    private static long allocated() {
        try {
            return (long) ALLOCATED.invoke(BEAN);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes allocated by the current thread while {@code work} ran, after running it once to warm up. */
    static long bytesAllocatedBy(Runnable work) {
        work.run();
        long before = allocated();
        work.run();
        return allocated() - before;
    }
}
