package dev.strata.tcp;

import dev.strata.time.Timer;
import java.nio.ByteBuffer;

/**
 * The receiving half of a connection: RCV.NXT and the receive window (with receiver-side silly window avoidance,
 * RFC 9293 §3.8.6.2.2, and a right edge that never moves left), the receive buffer and out-of-order queue, the SACK
 * blocks to report (RFC 2018), and when to acknowledge (delayed ACKs, RFC 9293 §3.8.6.3 and RFC 5681 §4.2).
 */
final class TcpReceiver {

    private final TcpConnection c;
    final ReceiveBuffer buffer;
    private ReassemblyQueue outOfOrder;
    private final Timer delayedAck;

    /** RCV.NXT. */
    int rcvNxt;
    /** The right edge of the window last advertised (RCV.NXT + RCV.WND when it was sent). */
    int rcvAdv;
    /** The shift applied to the windows we advertise (Rcv.Wind.Shift, RFC 7323 §2.2). */
    int rcvScale;
    /** A FIN arrived out of order: its sequence number, valid when {@link #finPending}. */
    int finSeq;

    boolean finPending;
    /** The peer's FIN has been taken in (RCV.NXT passed it). */
    boolean finReceived;
    /** Octets received since the last ACK we sent, for "every second full-sized segment". */
    private int unackedBytes;

    TcpReceiver(TcpConnection c, TcpConfig config) {
        this.c = c;
        this.buffer = new ReceiveBuffer(config.receiveBuffer());
        this.delayedAck = c.scheduler().newTimer(this::delayedAckFired);
    }

    /** Sets RCV.NXT after the peer's SYN (IRS + 1). */
    void init(int irs) {
        rcvNxt = irs + 1;
        // The window on a SYN is never scaled (RFC 7323 §2.2), so a SYN offered at most 65535 octets.
        rcvAdv = rcvNxt + (int) Math.min(available(), 0xFFFF);
    }

    /** The window scale to offer: the smallest shift that lets the buffer be advertised (at most 14). */
    static int scaleFor(int bufferSize) {
        int shift = 0;
        while (shift < 14 && (bufferSize >> shift) > 0xFFFF) {
            shift++;
        }
        return shift;
    }

    // ---- the window ---------------------------------------------------------------------------------------------

    /** The receive window right now: free buffer space, less what the out-of-order queue holds. */
    private long available() {
        long free = (long) buffer.free() - (outOfOrder == null ? 0 : outOfOrder.bytes());
        return Math.max(0, free);
    }

    /** RCV.WND as it stands: what remains of the window last advertised (RCV.ADV - RCV.NXT), never negative. */
    int window() {
        int w = rcvAdv - rcvNxt;
        return Math.max(w, 0);
    }

    /**
     * The window field for a segment we send now, updating the advertised right edge. The right edge never moves
     * left (RFC 9293 §3.8.6: shrinking the window is strongly discouraged), and moves right only by at least
     * min(buffer/2, MSS) at a time (receiver SWS avoidance, §3.8.6.2.2).
     */
    int windowField(boolean syn) {
        long avail = available();
        int scale = syn ? 0 : rcvScale;
        long right = (rcvNxt & 0xFFFF_FFFFL) + avail;
        long oldRight = rcvAdv & 0xFFFF_FFFFL;
        long grow = right - oldRight;
        if (grow < -(1L << 31)) {
            grow += 1L << 32;
        }
        int threshold = Math.min(buffer.capacity() / 2, Math.max(1, c.smss));
        long wnd;
        if (grow >= threshold || Seq.le(rcvAdv, rcvNxt) && avail >= threshold) {
            wnd = avail;
        } else {
            wnd = window(); // keep the old right edge
        }
        long field = Math.min(wnd >> scale, 0xFFFF);
        rcvAdv = rcvNxt + (int) (field << scale);
        return (int) field;
    }

    /**
     * True when a read opened the window enough to announce it at once: the advertised window had (nearly) closed,
     * below two segments, so the sender may be stalled, and it can now grow by at least min(buffer/2, MSS) (RFC
     * 9293 §3.8.6.2.2). Otherwise the next ACK carries the new window.
     */
    boolean windowUpdateWorthSending() {
        long grow = available() - window();
        return window() < 2L * c.smss && grow >= Math.min(buffer.capacity() / 2, c.smss);
    }

    // ---- segment text -------------------------------------------------------------------------------------------

    /**
     * Takes in the text and FIN of an acceptable, trimmed segment (RFC 9293 §3.10.7.4, seventh and eighth steps).
     *
     * @return true when the segment should be acknowledged at once (out of order, filled a hole, FIN)
     */
    boolean receive(Segment seg) {
        boolean immediate = false;
        if (seg.dataLength > 0) {
            if (seg.seq == rcvNxt) {
                if (seg.dataLength > buffer.free()) {
                    // Never expected (the window bounds what is accepted); trim rather than overrun the buffer.
                    seg.trimBack(buffer.free());
                }
                ByteBuffer data = seg.data();
                buffer.append(data);
                rcvNxt += seg.dataLength;
                unackedBytes += seg.dataLength;
                if (outOfOrder != null && !outOfOrder.isEmpty()) {
                    int n = outOfOrder.drain(rcvNxt, buffer::append);
                    rcvNxt += n;
                    immediate = true; // RFC 5681 §4.2: ACK at once when a segment fills (part of) a gap
                }
            } else {
                if (outOfOrder == null) {
                    outOfOrder = new ReassemblyQueue(buffer.capacity(), 64);
                }
                seg.kept = true; // the queue keeps the frame's buffer itself
                if (!outOfOrder.add(rcvNxt, seg.seq, seg.data())) {
                    c.layer.counters.ofoDrops++;
                }
                immediate = true; // RFC 5681 §4.2: an out-of-order segment gets an immediate duplicate ACK
            }
        }
        if (seg.fin) {
            finPending = true;
            finSeq = seg.seq + seg.dataLength;
        }
        if (finPending && !finReceived && finSeq == rcvNxt) {
            rcvNxt++;
            finReceived = true;
            immediate = true;
        }
        return immediate;
    }

    /** True when the out-of-order queue holds data (a gap is open). */
    boolean hasGap() {
        return outOfOrder != null && !outOfOrder.isEmpty();
    }

    /** Fills the encoder's SACK blocks (RFC 2018 §4), up to {@code max}. */
    void sackBlocks(SegmentEncoder enc, int max) {
        if (outOfOrder == null || outOfOrder.isEmpty()) {
            enc.sackBlocks = 0;
            return;
        }
        enc.sackBlocks = outOfOrder.sackBlocks(enc.sackLeft, enc.sackRight, max);
    }

    // ---- acknowledgment policy ----------------------------------------------------------------------------------

    /**
     * Decides how to acknowledge in-order data just received: at once every second full-sized segment (RFC 5681
     * §4.2), else within the delayed-ACK time.
     */
    void scheduleAck(boolean immediate) {
        if (immediate || unackedBytes >= c.config.delayedAckSegments() * c.smss || c.config.delayedAckNanos() == 0) {
            c.sendAck();
        } else if (!delayedAck.isPending()) {
            delayedAck.setAfter(c.config.delayedAckNanos());
        }
    }

    /** An ACK went out (alone or on data): nothing is waiting to be acknowledged. */
    void ackSent() {
        unackedBytes = 0;
        delayedAck.disarm(); // O(1): the timer is armed again by the next segment, usually at once
    }

    private void delayedAckFired() {
        if (c.state != TcpState.CLOSED) {
            c.sendAck();
        }
    }

    /**
     * Stops the timer and drops what can no longer be delivered; in-order data the user has not read yet stays
     * readable unless {@code discard} (a reset flushes every queue, RFC 9293 §3.10.7.4).
     */
    void shutdown(boolean discard) {
        delayedAck.cancel();
        if (discard) {
            buffer.clear();
        }
        if (outOfOrder != null) {
            outOfOrder.clear();
        }
    }
}
