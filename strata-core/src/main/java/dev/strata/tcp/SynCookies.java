package dev.strata.tcp;

import dev.strata.time.Clock;

/**
 * SYN cookies (RFC 4987 §3.6): when the SYN queue is full, the listener keeps no state and encodes what it needs in
 * its ISN instead: a coarse time counter, an index into a table of MSS values, and a keyed hash over the connection
 * identifier and the client's ISN. The ACK that completes the handshake carries the cookie back as ACK - 1.
 *
 * <p>Layout of the 32-bit cookie: bits 31-26 the time counter modulo 64 (one tick per 64 s), bits 25-24 the MSS index,
 * bits 23-0 the low 24 bits of SipHash-2-4 over (addresses, ports, client ISN, full counter, MSS index). A cookie is
 * accepted in the tick it was made and the next (64 to 128 s). The key is derived from the secret with SipHash so
 * that the same secret may also key the {@link IsnGenerator}. A random cookie passes with probability about
 * 2/64 * 2^-24 (one in 500 million); a blind attacker must also guess the client ISN it did not see.
 *
 * <p>Options that a cookie cannot carry (window scale, SACK-permitted, timestamps) are lost for connections made by
 * cookie, as in RFC 4987 §3.6; only the MSS survives, rounded down to {@link #MSS_TABLE}.
 */
public final class SynCookies {

    /** The MSS values a cookie can encode, as Linux's table; a SYN's MSS is rounded down to one of these. */
    public static final int[] MSS_TABLE = {536, 1300, 1440, 1460};

    /** One counter tick: 64 seconds. */
    static final long TICK_NANOS = 64_000_000_000L;

    private static final int COUNTER_SHIFT = 26;
    private static final int COUNTER_MASK = 0x3F;
    private static final int MAC_MASK = 0xFF_FFFF;

    /** The label "syncooki" as a little-endian word; with 0 and 1 it derives the two halves of the cookie key. */
    private static final long LABEL = 0x696b6f6f636e7973L;

    private final long k0;
    private final long k1;
    private final Clock clock;

    /** Cookies made with {@code secretKey} (at least 16 random octets), reading time from {@code clock}. */
    public SynCookies(byte[] secretKey, Clock clock) {
        long s0 = SipHash.keyHalf(secretKey, 0);
        long s1 = SipHash.keyHalf(secretKey, 1);
        this.k0 = SipHash.hash(s0, s1, LABEL, 0, 0, 2);
        this.k1 = SipHash.hash(s0, s1, LABEL, 1, 0, 2);
        this.clock = clock;
    }

    /** The cookie (our ISN) for a SYN from the remote end with ISN {@code clientIsn} offering {@code mss}. */
    public int encode(int localAddress, int localPort, int remoteAddress, int remotePort, int clientIsn, int mss) {
        long counter = counter();
        int index = mssIndex(mss);
        int mac = mac(localAddress, localPort, remoteAddress, remotePort, clientIsn, counter, index);
        return (int) (counter & COUNTER_MASK) << COUNTER_SHIFT | index << 24 | mac;
    }

    /**
     * Checks the cookie returned in an ACK ({@code cookie} = SEG.ACK - 1, {@code clientIsn} = SEG.SEQ - 1).
     *
     * @return the MSS the cookie encodes, or -1 when it is not a valid, recent cookie (older than about two minutes)
     */
    public int decode(int localAddress, int localPort, int remoteAddress, int remotePort, int clientIsn, int cookie) {
        int counterBits = cookie >>> COUNTER_SHIFT;
        int index = (cookie >>> 24) & 3;
        int mac = cookie & MAC_MASK;
        long now = counter();
        for (long counter = now; counter >= now - 1 && counter >= 0; counter--) {
            if ((counter & COUNTER_MASK) == counterBits
                    && mac(localAddress, localPort, remoteAddress, remotePort, clientIsn, counter, index) == mac) {
                return MSS_TABLE[index];
            }
        }
        return -1;
    }

    /** The index of the largest table entry not above {@code mss} (0 when {@code mss} is below them all, as Linux). */
    static int mssIndex(int mss) {
        for (int i = MSS_TABLE.length - 1; i > 0; i--) {
            if (mss >= MSS_TABLE[i]) {
                return i;
            }
        }
        return 0;
    }

    private long counter() {
        return Math.floorDiv(clock.nanos(), TICK_NANOS);
    }

    private int mac(
            int localAddress,
            int localPort,
            int remoteAddress,
            int remotePort,
            int clientIsn,
            long counter,
            int index) {
        long h = SipHash.hash(
                k0,
                k1,
                (localAddress & 0xFFFF_FFFFL) | ((long) remoteAddress << 32),
                (localPort & 0xFFFFL) | ((remotePort & 0xFFFFL) << 16) | ((long) clientIsn << 32),
                counter << 2 | index,
                3);
        return (int) h & MAC_MASK;
    }
}
