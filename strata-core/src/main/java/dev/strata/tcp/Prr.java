package dev.strata.tcp;

/**
 * Proportional Rate Reduction (RFC 6937): how many octets may be sent on each ACK during loss recovery, so that the
 * window falls smoothly to ssthresh instead of stalling, with the slow-start reduction bound (PRR-SSRB).
 *
 * <p>RFC 6937 §3's pseudocode, with RFC 6937's variable names. Usage: {@link #start} on entering recovery; on each
 * ACK during recovery, {@code sndcnt = onAck(DeliveredData, pipe, smss)} and send at most that much (the connection
 * may use cwnd = pipe + sndcnt, RFC 6937 §3); {@link #sent} after every (re)transmission; {@link #end} when recovery
 * ends. DeliveredData is change_in(SND.UNA) + change_in(SACKed octets) for this ACK (see {@link SackScoreboard}).
 *
 * <p>Octets, not segments: RFC 6937 states the algorithm in octets but its examples count segments, and a CEIL in
 * octets would allow half a segment on Reno's first ACK of recovery (CEIL(1 * 10 / 20) segments = 1, but 500 octets
 * of a 1000-octet SMSS). The proportional part therefore rounds up to whole SMSS, which gives the RFC's behaviour
 * for full-size segments (the fast retransmit on the first ACK, then one segment per two delivered for Reno) and
 * equals Linux's per-packet accounting. The connection sends whole segments within sndcnt.
 *
 * <p>RFC 9937 (2025) obsoletes RFC 6937 with refinements (e.g. choosing between SSRB and CRB per ACK); this is the
 * RFC 6937 algorithm with SSRB, plus RFC 9937's rule that the fast retransmit is never held back.
 */
public final class Prr {

    private boolean active;
    private long ssthresh;
    private long recoverFs;
    private long prrDelivered;
    private long prrOut;

    /** A PRR state machine, idle until {@link #start}. */
    public Prr() {}

    /**
     * Enters recovery (RFC 6937 §3 "on entering recovery").
     *
     * @param ssthresh the new slow-start threshold from the congestion control
     * @param recoverFs octets in flight when recovery started (RecoverFS)
     */
    public void start(long ssthresh, long recoverFs) {
        this.active = true;
        this.ssthresh = ssthresh;
        // RecoverFS = snd.nxt - snd.una; at least 1 so that the proportion below is defined.
        this.recoverFs = Math.max(recoverFs, 1);
        this.prrDelivered = 0;
        this.prrOut = 0;
    }

    /**
     * On an ACK during recovery: the octets the sender may send now (sndcnt), given {@code deliveredData} octets
     * newly delivered (cumulatively ACKed plus newly SACKed) by this ACK and the current {@code pipe}.
     *
     * @return sndcnt, never negative
     * @throws IllegalStateException when recovery was not started
     */
    public long onAck(long deliveredData, long pipe, int smss) {
        if (!active) {
            throw new IllegalStateException("PRR used outside recovery");
        }
        long delivered = Math.max(deliveredData, 0);
        prrDelivered += delivered;
        long sndcnt;
        if (pipe > ssthresh) {
            // RFC 6937 §3, proportional rate reduction: CEIL(prr_delivered * ssthresh / RecoverFS) - prr_out, the
            // CEIL taken in whole segments as in the RFC's examples (see the class comment).
            long allowed = Math.ceilDiv(prrDelivered * ssthresh, recoverFs);
            sndcnt = Math.ceilDiv(allowed, smss) * smss - prrOut;
        } else {
            // RFC 6937 §3, slow start reduction bound: limit = MAX(prr_delivered - prr_out, DeliveredData) + MSS
            long limit = Math.max(prrDelivered - prrOut, delivered) + smss;
            // attempt to catch up, as permitted by limit
            sndcnt = Math.min(ssthresh - pipe, limit);
        }
        sndcnt = Math.max(sndcnt, 0);
        if (prrOut == 0 && sndcnt == 0) {
            // RFC 9937 §6 (and Linux): the fast retransmit goes out on entering recovery whatever the reduction says.
            sndcnt = smss;
        }
        return sndcnt;
    }

    /** Records that {@code bytes} octets were sent during recovery (prr_out). */
    public void sent(long bytes) {
        prrOut += bytes;
    }

    /** Leaves recovery; {@link #onAck} is refused until the next {@link #start}. */
    public void end() {
        active = false;
    }

    /** True between {@link #start} and {@link #end}. */
    public boolean active() {
        return active;
    }

    /** Total octets delivered since recovery started (prr_delivered). */
    public long delivered() {
        return prrDelivered;
    }

    /** Total octets sent since recovery started (prr_out). */
    public long out() {
        return prrOut;
    }

    /** The ssthresh recovery aims at. */
    public long ssthresh() {
        return ssthresh;
    }

    /** RecoverFS: the flight size when recovery started. */
    public long recoverFs() {
        return recoverFs;
    }
}
