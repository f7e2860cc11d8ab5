package dev.strata.tcp;

/**
 * The options of one TCP socket, with defaults taken from the RFCs (and from Linux where an RFC leaves a choice).
 *
 * @param sendBuffer send buffer size in octets (SO_SNDBUF)
 * @param receiveBuffer receive buffer size in octets (SO_RCVBUF); also bounds the out-of-order queue
 * @param noDelay disable Nagle's algorithm (TCP_NODELAY, RFC 9293 §3.7.4)
 * @param mss the MSS to advertise and use at most, or 0 to derive it from the route MTU (RFC 9293 §3.7.1)
 * @param windowScaling offer window scaling (RFC 7323 §2)
 * @param timestamps offer timestamps (RFC 7323 §3) for PAWS
 * @param sack offer SACK (RFC 2018) and recover losses by RFC 6675
 * @param congestionControl {@code newreno} or {@code cubic}
 * @param initialRtoNanos RTO before the first RTT sample (RFC 6298 §2.1: 1 s)
 * @param minRtoNanos lower bound of the RTO (RFC 6298 §2.4: 1 s; Linux: 200 ms)
 * @param maxRtoNanos upper bound of the RTO (RFC 6298 §2.5: at least 60 s)
 * @param delayedAckNanos longest delay of an ACK (RFC 9293 §3.8.6.3: under 0.5 s)
 * @param delayedAckSegments ACK at least every this many full-sized segments (RFC 5681 §4.2: 2)
 * @param mslNanos maximum segment lifetime; TIME-WAIT lasts 2*MSL (RFC 9293 §3.4.2)
 * @param keepAlive send keep-alives when idle (SO_KEEPALIVE, RFC 1122 §4.2.3.6)
 * @param keepAliveIdleNanos idle time before the first keep-alive (at least 2 hours by default)
 * @param keepAliveIntervalNanos time between unanswered keep-alives
 * @param keepAliveProbes unanswered keep-alives before the connection is dropped
 * @param userTimeoutNanos how long sent data may stay unacknowledged before the connection is aborted (RFC 9293
 *     §3.8.3, RFC 5482), or 0 to use {@code maxRetransmissions} (R2 of RFC 1122 §4.2.3.5)
 * @param maxRetransmissions retransmissions of one segment before giving up (Linux's tcp_retries2: 15)
 * @param synRetries retransmissions of a SYN before the open fails (Linux's tcp_syn_retries: 6)
 * @param fixedIsn the ISN to use (for teaching and tests), or -1 for RFC 6528 ISNs
 */
public record TcpConfig(
        int sendBuffer,
        int receiveBuffer,
        boolean noDelay,
        int mss,
        boolean windowScaling,
        boolean timestamps,
        boolean sack,
        String congestionControl,
        long initialRtoNanos,
        long minRtoNanos,
        long maxRtoNanos,
        long delayedAckNanos,
        int delayedAckSegments,
        long mslNanos,
        boolean keepAlive,
        long keepAliveIdleNanos,
        long keepAliveIntervalNanos,
        int keepAliveProbes,
        long userTimeoutNanos,
        int maxRetransmissions,
        int synRetries,
        long fixedIsn) {

    private static final long MS = 1_000_000L;
    private static final long S = 1_000_000_000L;

    /** The defaults: 128 KiB buffers, all options on, CUBIC, RFC 6298 timers, 200 ms delayed ACKs, MSL 30 s. */
    public static final TcpConfig DEFAULT = new TcpConfig(
            128 * 1024,
            128 * 1024,
            false,
            0,
            true,
            true,
            true,
            "cubic",
            1 * S,
            1 * S,
            60 * S,
            200 * MS,
            2,
            30 * S,
            false,
            7200 * S,
            75 * S,
            9,
            0,
            15,
            6,
            -1);

    /** Validates ranges. */
    public TcpConfig {
        if (sendBuffer < 1 || receiveBuffer < 1 || sendBuffer > (1 << 30) || receiveBuffer > (1 << 30)) {
            throw new IllegalArgumentException("TCP buffer sizes must be 1 octet .. 1 GiB");
        }
        if (mss != 0 && (mss < 64 || mss > 65495)) {
            throw new IllegalArgumentException("TCP MSS must be 64..65495 or 0 (from the route), not " + mss);
        }
        if (initialRtoNanos <= 0
                || minRtoNanos <= 0
                || maxRtoNanos < minRtoNanos
                || delayedAckNanos < 0
                || delayedAckSegments < 1
                || mslNanos < 0
                || keepAliveIdleNanos <= 0
                || keepAliveIntervalNanos <= 0
                || keepAliveProbes < 1
                || userTimeoutNanos < 0
                || maxRetransmissions < 1
                || synRetries < 1) {
            throw new IllegalArgumentException("TCP timers and counts must be positive");
        }
        if (fixedIsn < -1 || fixedIsn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("ISN must be 0..2^32-1, or -1 for RFC 6528");
        }
        CongestionControl.named(congestionControl); // fails on unknown names
    }

    /** These options with another ISN ({@code -1}: RFC 6528). */
    public TcpConfig withIsn(long isn) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                isn);
    }

    /** These options with other buffer sizes. */
    public TcpConfig withBuffers(int send, int receive) {
        return new TcpConfig(
                send,
                receive,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with Nagle's algorithm off ({@code true}) or on. */
    public TcpConfig withNoDelay(boolean on) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                on,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with another congestion control ({@code newreno} or {@code cubic}). */
    public TcpConfig withCongestionControl(String name) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                name,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with the given TCP extensions on or off. */
    public TcpConfig withExtensions(boolean scaling, boolean ts, boolean sackOn) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                scaling,
                ts,
                sackOn,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with another MSS (0: from the route). */
    public TcpConfig withMss(int octets) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                octets,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with other retransmission timer bounds. */
    public TcpConfig withRto(long initial, long min, long max) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initial,
                min,
                max,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with another delayed-ACK timeout and segment count. */
    public TcpConfig withDelayedAck(long nanos, int segments) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                nanos,
                segments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with another MSL (TIME-WAIT lasts twice this). */
    public TcpConfig withMsl(long nanos) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                nanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with keep-alives on or off and their timing. */
    public TcpConfig withKeepAlive(boolean on, long idle, long interval, int probes) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                on,
                idle,
                interval,
                probes,
                userTimeoutNanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with a user timeout (RFC 5482; 0 to use the retransmission count). */
    public TcpConfig withUserTimeout(long nanos) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                nanos,
                maxRetransmissions,
                synRetries,
                fixedIsn);
    }

    /** These options with other retransmission limits: SYN retries and retransmissions of one segment. */
    public TcpConfig withRetries(int syn, int data) {
        return new TcpConfig(
                sendBuffer,
                receiveBuffer,
                noDelay,
                mss,
                windowScaling,
                timestamps,
                sack,
                congestionControl,
                initialRtoNanos,
                minRtoNanos,
                maxRtoNanos,
                delayedAckNanos,
                delayedAckSegments,
                mslNanos,
                keepAlive,
                keepAliveIdleNanos,
                keepAliveIntervalNanos,
                keepAliveProbes,
                userTimeoutNanos,
                data,
                syn,
                fixedIsn);
    }
}
