package dev.strata.tcp;

import dev.strata.time.Clock;

/**
 * SYN cookies (RFC 4987 §3.6): when the SYN queue is full, the listener keeps no state and encodes what it needs in
 * its ISN instead: a coarse time counter, an index into a table of MSS values, and a keyed hash over the connection
 * identifier and the client's ISN. The ACK that completes the handshake carries the cookie back as ACK - 1.
 */
public final class SynCookies {

    /** The MSS values a cookie can encode, as Linux's table; a SYN's MSS is rounded down to one of these. */
    public static final int[] MSS_TABLE = {536, 1300, 1440, 1460};

    /** Cookies made with {@code secretKey} (at least 16 random octets), reading time from {@code clock}. */
    public SynCookies(byte[] secretKey, Clock clock) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** The cookie (our ISN) for a SYN from the remote end with ISN {@code clientIsn} offering {@code mss}. */
    public int encode(int localAddress, int localPort, int remoteAddress, int remotePort, int clientIsn, int mss) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Checks the cookie returned in an ACK ({@code cookie} = SEG.ACK - 1, {@code clientIsn} = SEG.SEQ - 1).
     *
     * @return the MSS the cookie encodes, or -1 when it is not a valid, recent cookie (older than about two minutes)
     */
    public int decode(int localAddress, int localPort, int remoteAddress, int remotePort, int clientIsn, int cookie) {
        throw new UnsupportedOperationException("to be implemented");
    }
}
