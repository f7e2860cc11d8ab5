package dev.strata.tcp;

import dev.strata.trace.CounterFields;
import java.util.List;

/**
 * TCP counters named as in the TCP-MIB (RFC 4022 §3, the names {@code netstat -s} shows), plus the drops and
 * defences Strata explains (Linux's TcpExt names where one exists).
 */
public final class TcpCounters {
    /** Transitions CLOSED -> SYN-SENT. */
    public long activeOpens;
    /** Transitions LISTEN -> SYN-RECEIVED. */
    public long passiveOpens;
    /** Opens that failed (SYN-SENT/SYN-RECEIVED -> CLOSED, or SYN-RECEIVED -> LISTEN). */
    public long attemptFails;
    /** Resets of ESTABLISHED or CLOSE-WAIT connections. */
    public long estabResets;
    /** Connections now in ESTABLISHED or CLOSE-WAIT. */
    public long currEstab;
    /** Segments received, including those in error. */
    public long inSegs;
    /** Segments sent, excluding retransmissions. */
    public long outSegs;
    /** Segments retransmitted. */
    public long retransSegs;
    /** Segments received in error (bad checksum, malformed). */
    public long inErrs;
    /** Segments sent with RST. */
    public long outRsts;
    /** Segments not acceptable for the receive window (RFC 9293 §3.10.7.4 first check). */
    public long outOfWindow;
    /** Segments dropped by PAWS (RFC 7323 §5). */
    public long pawsRejected;
    /** Challenge ACKs sent (RFC 5961). */
    public long challengeAcks;
    /** Challenge ACKs not sent because of the rate limit (RFC 5961 §7). */
    public long challengeAcksLimited;
    /** SYN cookies sent. */
    public long syncookiesSent;
    /** Valid SYN cookies received. */
    public long syncookiesRecv;
    /** Invalid SYN cookies received. */
    public long syncookiesFailed;
    /** Handshakes not completed because the accept queue was full. */
    public long listenOverflows;
    /** Segments to a listener dropped (overflows, bad ACKs). */
    public long listenDrops;
    /** Fast retransmits (loss recovery entered on duplicate ACKs or SACK). */
    public long fastRetransmits;
    /** Retransmissions found lost in SACK recovery and sent again without a timeout. */
    public long lostRetransmissions;
    /** Tail loss probes sent (RFC 8985 §7). */
    public long tailLossProbes;
    /** Retransmission timeouts. */
    public long timeouts;
    /** Out-of-order segments refused because the reassembly queue was full. */
    public long ofoDrops;
    /** Connections aborted by the user timeout or retransmission limit. */
    public long timeoutAborts;
    /** Zero-window probes sent (RFC 9293 §3.8.6.1). */
    public long windowProbes;
    /** Keep-alives sent (RFC 1122 §4.2.3.6). */
    public long keepAlives;
    /** Segments whose checksum the device vouched for (offloaded frames), taken without verifying it. */
    public long inCsumOffloaded;
    /** Segments received longer than our MSS: the peer's segments never cut (GSO) or merged (GRO). */
    public long inLargeSegs;
    /** Super-segments sent for the device to cut into segments of the MSS (TCP segmentation offload). */
    public long outLargeSegs;

    TcpCounters() {}

    /** The non-zero counters as {@code name=value} strings, in declaration order. */
    public List<String> nonZero() {
        return CounterFields.nonZero(this);
    }

    @Override
    public String toString() {
        return CounterFields.format(this);
    }
}
