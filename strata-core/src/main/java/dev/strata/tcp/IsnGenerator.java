package dev.strata.tcp;

import dev.strata.time.Clock;

/**
 * Initial sequence numbers by RFC 6528 §3: ISN = M + F(localip, localport, remoteip, remoteport, secretkey), where M
 * is a timer ticking every 4 microseconds and F a keyed pseudo-random function, so that ISNs of one connection
 * identifier advance like the RFC 793 clock but cannot be guessed across identifiers.
 */
public final class IsnGenerator {

    /** A generator keyed with {@code secretKey} (at least 16 random octets), reading time from {@code clock}. */
    public IsnGenerator(byte[] secretKey, Clock clock) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The ISN for the connection identifier (addresses as 32-bit values, ports 0..65535). */
    public int isn(int localAddress, int localPort, int remoteAddress, int remotePort) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
