package dev.strata.tcp;

/**
 * Proportional Rate Reduction (RFC 6937): how many octets may be sent on each ACK during loss recovery, so that the
 * window falls smoothly to ssthresh instead of stalling, with the slow-start reduction bound (PRR-SSRB).
 */
public final class Prr {

    /** A PRR state machine, idle until {@link #start}. */
    public Prr() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * Enters recovery (RFC 6937 §3 "on entering recovery").
     *
     * @param ssthresh the new slow-start threshold from the congestion control
     * @param recoverFs octets in flight when recovery started (RecoverFS)
     */
    public void start(long ssthresh, long recoverFs) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /**
     * On an ACK during recovery: the octets the sender may send now (sndcnt), given {@code deliveredData} octets
     * newly delivered (cumulatively ACKed plus newly SACKed) by this ACK and the current {@code pipe}.
     */
    public long onAck(long deliveredData, long pipe, int smss) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Records that {@code bytes} octets were sent during recovery (prr_out). */
    public void sent(long bytes) {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Total octets delivered since recovery started (prr_delivered). */
    public long delivered() {
        throw new UnsupportedOperationException("to be implemented");
    }

    /** Total octets sent since recovery started (prr_out). */
    public long out() {
        throw new UnsupportedOperationException("to be implemented");
    }
}
