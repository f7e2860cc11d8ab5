package dev.strata.udp;

import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/** Ephemeral port selection shared by the transports (RFC 6056). */
public final class Ports {

    /** First ephemeral port, Linux's default {@code ip_local_port_range}. */
    public static final int EPHEMERAL_FIRST = 32768;
    /** Last ephemeral port. */
    public static final int EPHEMERAL_LAST = 60999;

    private Ports() {}

    /**
     * A free ephemeral port by RFC 6056 §3.3.1 (Algorithm 1, simple port randomization): start at a random port of
     * the range and search forward, wrapping around.
     *
     * @param inUse tells whether a port is taken
     * @return a free port, or -1 when every port of the range is taken
     */
    public static int ephemeral(RandomGenerator random, IntPredicate inUse) {
        int count = EPHEMERAL_LAST - EPHEMERAL_FIRST + 1;
        int next = random.nextInt(count);
        for (int i = 0; i < count; i++) {
            int port = EPHEMERAL_FIRST + (next + i) % count;
            if (!inUse.test(port)) {
                return port;
            }
        }
        return -1;
    }

    /** Throws unless {@code port} is 0..65535. */
    public static void check(int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }
}
