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
 * @param lostRetransmissions in SACK recovery, take a retransmission as lost when data sent after it is SACKed
 *     (the idea of RACK, RFC 8985 §6.2, for retransmissions only) and send it again, instead of waiting for the
 *     retransmission timer; off, recovery is RFC 6675's alone (as in ns-3)
 * @param tailLossProbe send a tail loss probe (RFC 8985 §7) when a flight gets no ACK for about two round trips,
 *     so that a loss at the end of a flight is found by SACK instead of the retransmission timer
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
        boolean lostRetransmissions,
        boolean tailLossProbe,
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
        return toBuilder().fixedIsn(isn).build();
    }

    /** These options with other buffer sizes. */
    public TcpConfig withBuffers(int send, int receive) {
        return toBuilder().sendBuffer(send).receiveBuffer(receive).build();
    }

    /** These options with Nagle's algorithm off ({@code true}) or on. */
    public TcpConfig withNoDelay(boolean on) {
        return toBuilder().noDelay(on).build();
    }

    /** These options with another congestion control ({@code newreno} or {@code cubic}). */
    public TcpConfig withCongestionControl(String name) {
        return toBuilder().congestionControl(name).build();
    }

    /** These options with the given TCP extensions on or off. */
    public TcpConfig withExtensions(boolean scaling, boolean ts, boolean sackOn) {
        return toBuilder().windowScaling(scaling).timestamps(ts).sack(sackOn).build();
    }

    /** These options with another MSS (0: from the route). */
    public TcpConfig withMss(int octets) {
        return toBuilder().mss(octets).build();
    }

    /** These options with other retransmission timer bounds. */
    public TcpConfig withRto(long initial, long min, long max) {
        return toBuilder()
                .initialRtoNanos(initial)
                .minRtoNanos(min)
                .maxRtoNanos(max)
                .build();
    }

    /** These options with another delayed-ACK timeout and segment count. */
    public TcpConfig withDelayedAck(long nanos, int segments) {
        return toBuilder().delayedAckNanos(nanos).delayedAckSegments(segments).build();
    }

    /** These options with another MSL (TIME-WAIT lasts twice this). */
    public TcpConfig withMsl(long nanos) {
        return toBuilder().mslNanos(nanos).build();
    }

    /** These options with keep-alives on or off and their timing. */
    public TcpConfig withKeepAlive(boolean on, long idle, long interval, int probes) {
        return toBuilder()
                .keepAlive(on)
                .keepAliveIdleNanos(idle)
                .keepAliveIntervalNanos(interval)
                .keepAliveProbes(probes)
                .build();
    }

    /** These options with a user timeout (RFC 5482; 0 to use the retransmission count). */
    public TcpConfig withUserTimeout(long nanos) {
        return toBuilder().userTimeoutNanos(nanos).build();
    }

    /** These options with other retransmission limits: SYN retries and retransmissions of one segment. */
    public TcpConfig withRetries(int syn, int data) {
        return toBuilder().synRetries(syn).maxRetransmissions(data).build();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** A mutable copy of a {@link TcpConfig}, for changing several options at once. */
    public static final class Builder {
        private int sendBuffer;
        private int receiveBuffer;
        private boolean noDelay;
        private int mss;
        private boolean windowScaling;
        private boolean timestamps;
        private boolean sack;
        private boolean lostRetransmissions;
        private boolean tailLossProbe;
        private String congestionControl;
        private long initialRtoNanos;
        private long minRtoNanos;
        private long maxRtoNanos;
        private long delayedAckNanos;
        private int delayedAckSegments;
        private long mslNanos;
        private boolean keepAlive;
        private long keepAliveIdleNanos;
        private long keepAliveIntervalNanos;
        private int keepAliveProbes;
        private long userTimeoutNanos;
        private int maxRetransmissions;
        private int synRetries;
        private long fixedIsn;

        private Builder(TcpConfig c) {
            sendBuffer = c.sendBuffer;
            receiveBuffer = c.receiveBuffer;
            noDelay = c.noDelay;
            mss = c.mss;
            windowScaling = c.windowScaling;
            timestamps = c.timestamps;
            sack = c.sack;
            lostRetransmissions = c.lostRetransmissions;
            tailLossProbe = c.tailLossProbe;
            congestionControl = c.congestionControl;
            initialRtoNanos = c.initialRtoNanos;
            minRtoNanos = c.minRtoNanos;
            maxRtoNanos = c.maxRtoNanos;
            delayedAckNanos = c.delayedAckNanos;
            delayedAckSegments = c.delayedAckSegments;
            mslNanos = c.mslNanos;
            keepAlive = c.keepAlive;
            keepAliveIdleNanos = c.keepAliveIdleNanos;
            keepAliveIntervalNanos = c.keepAliveIntervalNanos;
            keepAliveProbes = c.keepAliveProbes;
            userTimeoutNanos = c.userTimeoutNanos;
            maxRetransmissions = c.maxRetransmissions;
            synRetries = c.synRetries;
            fixedIsn = c.fixedIsn;
        }

        /** Sets {@link TcpConfig#sendBuffer()}. */
        public Builder sendBuffer(int value) {
            sendBuffer = value;
            return this;
        }

        /** Sets {@link TcpConfig#receiveBuffer()}. */
        public Builder receiveBuffer(int value) {
            receiveBuffer = value;
            return this;
        }

        /** Sets {@link TcpConfig#noDelay()}. */
        public Builder noDelay(boolean value) {
            noDelay = value;
            return this;
        }

        /** Sets {@link TcpConfig#mss()}. */
        public Builder mss(int value) {
            mss = value;
            return this;
        }

        /** Sets {@link TcpConfig#windowScaling()}. */
        public Builder windowScaling(boolean value) {
            windowScaling = value;
            return this;
        }

        /** Sets {@link TcpConfig#timestamps()}. */
        public Builder timestamps(boolean value) {
            timestamps = value;
            return this;
        }

        /** Sets {@link TcpConfig#sack()}. */
        public Builder sack(boolean value) {
            sack = value;
            return this;
        }

        /** Sets {@link TcpConfig#congestionControl()}. */
        public Builder congestionControl(String value) {
            congestionControl = value;
            return this;
        }

        /** Sets {@link TcpConfig#initialRtoNanos()}. */
        public Builder initialRtoNanos(long value) {
            initialRtoNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#minRtoNanos()}. */
        public Builder minRtoNanos(long value) {
            minRtoNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#maxRtoNanos()}. */
        public Builder maxRtoNanos(long value) {
            maxRtoNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#delayedAckNanos()}. */
        public Builder delayedAckNanos(long value) {
            delayedAckNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#delayedAckSegments()}. */
        public Builder delayedAckSegments(int value) {
            delayedAckSegments = value;
            return this;
        }

        /** Sets {@link TcpConfig#mslNanos()}. */
        public Builder mslNanos(long value) {
            mslNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#keepAlive()}. */
        public Builder keepAlive(boolean value) {
            keepAlive = value;
            return this;
        }

        /** Sets {@link TcpConfig#keepAliveIdleNanos()}. */
        public Builder keepAliveIdleNanos(long value) {
            keepAliveIdleNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#keepAliveIntervalNanos()}. */
        public Builder keepAliveIntervalNanos(long value) {
            keepAliveIntervalNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#keepAliveProbes()}. */
        public Builder keepAliveProbes(int value) {
            keepAliveProbes = value;
            return this;
        }

        /** Sets {@link TcpConfig#userTimeoutNanos()}. */
        public Builder userTimeoutNanos(long value) {
            userTimeoutNanos = value;
            return this;
        }

        /** Sets {@link TcpConfig#maxRetransmissions()}. */
        public Builder maxRetransmissions(int value) {
            maxRetransmissions = value;
            return this;
        }

        /** Sets {@link TcpConfig#synRetries()}. */
        public Builder synRetries(int value) {
            synRetries = value;
            return this;
        }

        /** Sets {@link TcpConfig#lostRetransmissions()}. */
        public Builder lostRetransmissions(boolean value) {
            lostRetransmissions = value;
            return this;
        }

        /** Sets {@link TcpConfig#tailLossProbe()}. */
        public Builder tailLossProbe(boolean value) {
            tailLossProbe = value;
            return this;
        }

        /** Sets {@link TcpConfig#fixedIsn()}. */
        public Builder fixedIsn(long value) {
            fixedIsn = value;
            return this;
        }

        /** The options, validated. */
        public TcpConfig build() {
            return new TcpConfig(
                    sendBuffer,
                    receiveBuffer,
                    noDelay,
                    mss,
                    windowScaling,
                    timestamps,
                    sack,
                    lostRetransmissions,
                    tailLossProbe,
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
    }
}
