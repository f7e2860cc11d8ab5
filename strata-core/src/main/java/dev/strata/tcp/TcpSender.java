package dev.strata.tcp;

import dev.strata.time.Timer;
import dev.strata.wire.TcpFlags;

/**
 * The sending half of a connection: the send buffer, the output decision (windows, Nagle and sender-side silly
 * window avoidance), the retransmission timer (RFC 6298) and persist timer (RFC 9293 §3.8.6.1), fast retransmit and
 * loss recovery (RFC 6675 with SACK, RFC 6582 NewReno without, RFC 6937 PRR for the window), and congestion control.
 *
 * <p>Sequence space: the SYN is ISS; data octet {@code i} of the stream is ISS + 1 + i; the FIN follows the last
 * octet. {@code sndNxt} only moves forward (it is HighData + 1); retransmissions are sent explicitly from
 * {@code highRxt}.
 */
final class TcpSender {

    /** RFC 5681 §3.2 / RFC 6675 DupThresh. */
    static final int DUP_THRESH = 3;

    /** RFC 8985 §7.2 WCDelAckT: the longest a receiver is assumed to delay an ACK. */
    private static final long WORST_CASE_DELAYED_ACK = 200_000_000L;

    private enum TimerMode {
        NONE,
        RETRANSMIT,
        /** RFC 8985 §7: the probe timeout, armed in place of the RTO. */
        PROBE,
        PERSIST
    }

    private final TcpConnection c;
    final SendBuffer buffer;
    /** Sequence number of the buffer's first octet. */
    int bufferSeq;
    /** The user closed or shut down sending: a FIN follows the data. */
    boolean finQueued;

    final CongestionControl cc;
    long cwnd;
    long ssthresh = Long.MAX_VALUE / 4;
    final RttEstimator rtt;
    private SackScoreboard scoreboard;
    private Prr prr;

    /** In fast recovery (RFC 6675 §5 / RFC 6582). */
    boolean inRecovery;
    /** Recovering from a retransmission timeout (go-back-N over the unSACKed octets). */
    boolean rtoRecovery;

    int recoveryPoint;
    int highRxt;
    /**
     * SND.NXT when the current round of SACK retransmissions began: every octet at or above it was sent after the
     * retransmission of the hole at SND.UNA, so SACKs for such octets with that hole still open mean the
     * retransmission was lost ({@link TcpConfig#lostRetransmissions()}).
     */
    private int rxtRoundNxt;
    /** A tail loss probe is out, not yet acknowledged (RFC 8985 §7: TLP.end_seq is set). */
    private boolean probeOut;
    /** SND.NXT after the last tail loss probe (TLP.end_seq). */
    private int probeEndSeq;

    int dupAcks;

    private boolean timing;
    /** End of the last short (sub-MSS) segment sent, for Minshall's Nagle. */
    private int lastShortEnd;

    private int timedSeq;
    private long timedAt;

    private final Timer timer;
    private TimerMode timerMode = TimerMode.NONE;
    /** Consecutive expiries of the retransmission or persist timer without progress. */
    int backoffs;
    /** When the oldest unacknowledged octet was first sent, for the user timeout. */
    private long oldestSentAt = -1;

    private long lastSendAt;
    /** Octets of sequence space sent, retransmissions included (for PRR's prr_out). */
    private long sentBytes;

    TcpSender(TcpConnection c, TcpConfig config) {
        this.c = c;
        this.buffer = new SendBuffer(config.sendBuffer());
        this.cc = CongestionControl.named(config.congestionControl());
        this.rtt = new RttEstimator(config.initialRtoNanos(), config.minRtoNanos(), config.maxRtoNanos(), 1_000);
        this.timer = c.scheduler().newTimer(this::timerFired);
    }

    /** Sets up the sequence space once ISS is known. */
    void init(int iss) {
        bufferSeq = iss + 1;
        lastShortEnd = iss;
        highRxt = iss;
        recoveryPoint = iss;
    }

    /** Sets the congestion window to the initial window once the MSS is known (RFC 6928). */
    void initWindow(int smss) {
        cwnd = CongestionControl.initialWindow(smss);
    }

    // ---- user side ----------------------------------------------------------------------------------------------

    /** Octets queued and not yet sent. */
    int unsent() {
        int u = bufferSeq + buffer.size() - c.sndNxt;
        return Math.max(u, 0);
    }

    /** Sequence number of the FIN (valid when {@link #finQueued}). */
    int finSeq() {
        return bufferSeq + buffer.size();
    }

    /** True once our FIN has been sent. */
    boolean finSent() {
        return finQueued && Seq.gt(c.sndNxt, finSeq());
    }

    /** True when everything we sent, FIN included, is acknowledged. */
    boolean allAcked() {
        return c.sndUna == c.sndNxt;
    }

    /** Octets sent and not yet acknowledged (SYN and FIN included). */
    int flightSize() {
        return c.sndNxt - c.sndUna;
    }

    // ---- output -------------------------------------------------------------------------------------------------

    /** Sends what the windows allow; called after writes, ACKs and timer events. */
    void output() {
        TcpState s = c.state;
        if (s != TcpState.ESTABLISHED
                && s != TcpState.CLOSE_WAIT
                && s != TcpState.FIN_WAIT_1
                && s != TcpState.CLOSING
                && s != TcpState.LAST_ACK) {
            return;
        }
        int smss = c.smss;
        long now = c.scheduler().nanos();
        if (flightSize() == 0 && lastSendAt > 0 && !inRecovery && !rtoRecovery) {
            long idle = now - lastSendAt;
            if (idle > rtt.rto()) {
                cwnd = cc.cwndAfterIdle(cwnd, idle, rtt.rto(), smss, now); // RFC 5681 §4.1
            }
        }
        long flight = inFlight();
        for (int guard = 0; guard < 1 << 16; guard++) {
            long room = cwnd - flight;
            if (room <= 0) {
                break;
            }
            // 1. Retransmit what is lost (RFC 6675 NextSeg rule 1, or go-back-N after a timeout).
            if (inRecovery || rtoRecovery) {
                SackScoreboard.Hole hole = nextRetransmission(smss);
                if (hole != null) {
                    retransmit(hole.seq(), hole.length());
                    highRxt = hole.seq() + hole.length();
                    flight += hole.length();
                    continue;
                }
            }
            // 2. New data within the peer's window, with Nagle and silly window avoidance.
            int sent = sendNewData(smss, room, flight);
            if (sent > 0) {
                flight += sent;
                continue;
            }
            // 3. RFC 6675 NextSeg rule 3: any unSACKed octet, when nothing else can go.
            if (inRecovery && scoreboard != null) {
                // Bounded by HighSACK, RFC 6675 NextSeg (3) with (1.b).
                SackScoreboard.Hole h =
                        scoreboard.nextUnsacked(Seq.max(highRxt, c.sndUna), scoreboard.highestSacked(c.sndUna), smss);
                if (h != null) {
                    retransmit(h.seq(), h.length());
                    highRxt = h.seq() + h.length();
                    flight += h.length();
                    continue;
                }
            }
            break;
        }
        if (flightSize() > 0 && timerMode != TimerMode.RETRANSMIT && timerMode != TimerMode.PROBE) {
            startRetransmitTimer();
        } else if (flightSize() == 0 && unsentWaitingForWindow()) {
            startPersistTimer();
        }
    }

    /** Octets believed in flight: RFC 6675's pipe with SACK, else SND.NXT - SND.UNA. */
    private long inFlight() {
        if (rtoRecovery) {
            return Seq.distance(c.sndUna, Seq.max(highRxt, c.sndUna))
                    + Math.max(0, c.sndNxt - Seq.max(recoveryPoint, c.sndUna));
        }
        if (c.sackOk && scoreboard != null && scoreboard.ranges() > 0) {
            return scoreboard.pipe(c.sndUna, c.sndNxt, highRxt, c.smss, DUP_THRESH);
        }
        return flightSize();
    }

    /**
     * The next run of octets to retransmit: after a timeout, the next unSACKed octets below the recovery point (go
     * back N, skipping what the peer holds); in SACK recovery, RFC 6675 NextSeg rule (1); else none.
     */
    private SackScoreboard.Hole nextRetransmission(int smss) {
        int from = Seq.max(highRxt, c.sndUna);
        if (rtoRecovery) {
            int end = recoveryPoint;
            if (!Seq.lt(from, end)) {
                return null;
            }
            if (scoreboard != null && scoreboard.ranges() > 0) {
                return scoreboard.nextUnsacked(from, end, smss);
            }
            return new SackScoreboard.Hole(from, Math.min(smss, end - from));
        }
        if (scoreboard != null && c.sackOk) {
            return scoreboard.nextLost(from, recoveryPoint, smss, DUP_THRESH);
        }
        return null;
    }

    /**
     * True when data waits and nothing is in flight to bring an ACK: the window is zero, or too small for silly
     * window avoidance to send into. The persist timer then probes (RFC 9293 §3.8.6.1) or, for a small open window,
     * fires the override timeout of §3.8.6.2.1 (4).
     */
    private boolean unsentWaitingForWindow() {
        return unsent() > 0 || (finQueued && !finSent() && c.sndWnd == 0);
    }

    private int sendNewData(int smss, long cwndRoom, long flight) {
        int unsent = unsent();
        boolean finPending = finQueued && !finSent() && unsent == 0;
        if (unsent == 0 && !finPending) {
            return 0;
        }
        long wndRight = (c.sndUna & 0xFFFF_FFFFL) + c.sndWnd;
        long usable = wndRight - (c.sndNxt & 0xFFFF_FFFFL);
        if (usable < -(1L << 31)) {
            usable += 1L << 32; // the window's right edge wrapped past 2^32
        } else if (usable > 1L << 31) {
            usable -= 1L << 32;
        }
        if (finPending) {
            // The FIN takes one sequence number; send it once the data is out (RFC 9293 §3.10.4 CLOSE).
            sendSegment(c.sndNxt, 0, TcpFlags.FIN_BIT | TcpFlags.ACK_BIT, false);
            c.sndNxt++;
            return 1;
        }
        long room = Math.min(usable, cwndRoom);
        // One segment of at most the MSS, or a super-segment of several for a device that cuts them (TSO).
        int len = (int) Math.min(Math.min(c.maxSegmentPayload(), unsent), Math.max(0, room));
        if (len <= 0) {
            return 0;
        }
        if (len > smss && len % smss != 0) {
            // The super-segment's last piece would be short: it goes now only when a short segment alone could
            // (the same rules as below), else the super-segment ends at the last full-sized piece.
            int tail = len % smss;
            boolean allData = len == unsent;
            boolean nagleOk = c.config.noDelay() || !Seq.gt(lastShortEnd, c.sndUna);
            boolean halfWindow = tail >= c.maxSndWnd / 2 && c.maxSndWnd > 0;
            if (!(allData && nagleOk) && !halfWindow) {
                len -= tail;
            }
        }
        if (len < smss) {
            // RFC 9293 §3.8.6.2.1 (sender SWS avoidance) with Nagle (§3.7.4): a short segment goes only when it
            // carries all queued data and nothing is unacknowledged (or Nagle is off), or when it fills half the
            // largest window the peer ever offered.
            boolean allData = len == unsent;
            // Nagle, in Minshall's form (as Linux): a short segment waits only while another short one is unacked.
            boolean nagleOk = c.config.noDelay() || flight == 0 || !Seq.gt(lastShortEnd, c.sndUna);
            boolean halfWindow = len >= c.maxSndWnd / 2 && c.maxSndWnd > 0;
            if (!(allData && nagleOk) && !halfWindow) {
                return 0;
            }
        }
        int flags = TcpFlags.ACK_BIT;
        if (len == unsent) {
            flags |= TcpFlags.PSH_BIT;
            if (finQueued && len < usable && len < cwndRoom) {
                flags |= TcpFlags.FIN_BIT; // piggyback the FIN on the last data
            }
        }
        int seq = c.sndNxt;
        if (!timing) {
            timing = true;
            timedSeq = seq;
            timedAt = c.scheduler().nanos();
        }
        sendSegment(seq, len, flags, false);
        c.sndNxt = seq + len + ((flags & TcpFlags.FIN_BIT) != 0 ? 1 : 0);
        if (len % smss != 0) {
            lastShortEnd = seq + len; // a short segment, or a super-segment whose last piece is short
        }
        return len;
    }

    private void retransmit(int seq, int len) {
        timing = false; // Karn's algorithm (RFC 6298 §3)
        int dataEnd = bufferSeq + buffer.size();
        int flags = TcpFlags.ACK_BIT;
        int dataLen = len;
        if (finQueued && Seq.ge(seq + len, dataEnd + 1) && Seq.le(seq, dataEnd)) {
            flags |= TcpFlags.FIN_BIT;
            dataLen = dataEnd - seq;
        }
        if (dataLen > 0 && seq + dataLen == dataEnd) {
            flags |= TcpFlags.PSH_BIT;
        }
        c.layer.counters.retransSegs++;
        sendSegment(seq, Math.max(0, dataLen), flags, true);
    }

    /** Sends one segment carrying {@code len} octets of buffered data starting at {@code seq}. */
    private void sendSegment(int seq, int len, int flags, boolean retransmission) {
        lastSendAt = c.scheduler().nanos();
        sentBytes += len + ((flags & TcpFlags.FIN_BIT) != 0 ? 1 : 0);
        if (oldestSentAt < 0) {
            oldestSentAt = lastSendAt;
        }
        c.transmit(seq, flags, buffer, seq - bufferSeq, len, retransmission);
    }

    // ---- ACK processing -----------------------------------------------------------------------------------------

    /**
     * Processes the acknowledgment of an acceptable segment (SND.UNA < SEG.ACK =< SND.NXT, or a duplicate), per RFC
     * 9293 §3.10.7.4 fifth check, with RTT measurement, congestion control and loss recovery.
     *
     * @return octets newly acknowledged (SYN and FIN count one each)
     */
    int onAck(Segment seg, boolean windowChanged) {
        int ack = seg.ack;
        long now = c.scheduler().nanos();
        int acked = ack - c.sndUna;
        long newlySacked = 0;
        if (c.sackOk && seg.sackBlocks > 0) {
            if (scoreboard == null) {
                scoreboard = new SackScoreboard();
            }
            newlySacked =
                    scoreboard.update(Seq.max(ack, c.sndUna), c.sndNxt, seg.sackLeft, seg.sackRight, seg.sackBlocks);
        } else if (scoreboard != null && acked > 0) {
            scoreboard.update(ack, c.sndNxt, seg.sackLeft, seg.sackRight, 0);
        }
        long priorFlight = flightSize();
        if (acked > 0) {
            // RFC 6298 §2: one RTT sample per flight, never from a retransmitted segment (Karn).
            if (timing && Seq.gt(ack, timedSeq)) {
                rtt.sample(now - timedAt);
                timing = false;
            }
            backoffs = 0;
            if (probeOut && Seq.ge(ack, probeEndSeq)) {
                probeOut = false; // RFC 8985 §7.4: the probe's flight is acknowledged
            }
            consume(ack);
            c.sndUna = ack;
            if (Seq.lt(highRxt, ack)) {
                highRxt = ack;
            }
            oldestSentAt = flightSize() == 0 ? -1 : now;
            if (rtoRecovery && Seq.ge(ack, recoveryPoint)) {
                rtoRecovery = false;
            }
            if (inRecovery) {
                if (Seq.ge(ack, recoveryPoint)) {
                    exitRecovery(now);
                } else {
                    partialAck(acked, newlySacked, now);
                }
            } else {
                growWindow(acked, priorFlight, now);
            }
            dupAcks = 0;
            // RFC 6298 §5.2-5.3: stop the timer when all is acknowledged, else restart it.
            if (flightSize() == 0) {
                stopTimer();
            } else {
                startRetransmitTimer();
            }
        } else if (acked == 0 && seg.dataLength == 0 && !seg.syn && !seg.fin && !windowChanged && flightSize() > 0) {
            // RFC 5681 §2 "duplicate acknowledgment" (or a SACK-bearing one).
            dupAcks++;
            if (inRecovery) {
                partialAck(0, newlySacked, now);
            } else if (!rtoRecovery) {
                maybeEnterRecovery(newlySacked, now);
            }
        }
        if (!inRecovery
                && !rtoRecovery
                && c.sackOk
                && scoreboard != null
                && scoreboard.ranges() > 0
                && dupAcks < DUP_THRESH
                && scoreboard.isLost(c.sndUna, c.smss, DUP_THRESH)) {
            maybeEnterRecovery(newlySacked, now);
        }
        return acked;
    }

    private void growWindow(int acked, long priorFlight, long now) {
        // Grow only when the window was the limit (RFC 7661 spirit): not while the application kept it idle.
        if (priorFlight + c.smss < cwnd && cwnd >= ssthresh) {
            return;
        }
        if (priorFlight * 2 < cwnd && cwnd < ssthresh) {
            return;
        }
        cwnd = cc.onAck(
                cwnd,
                ssthresh,
                acked,
                c.smss,
                rtt.hasSample() ? rtt.latestRtt() : -1,
                rtt.hasSample() ? rtt.minRtt() : -1,
                now);
    }

    private void maybeEnterRecovery(long newlySacked, long now) {
        boolean lossSeen = dupAcks >= DUP_THRESH
                || (c.sackOk && scoreboard != null && scoreboard.isLost(c.sndUna, c.smss, DUP_THRESH));
        // RFC 6582 §3.2 step 1 / RFC 6675 §5: no new recovery until SND.UNA passes the last recovery point.
        if (!lossSeen || Seq.lt(c.sndUna, recoveryPoint)) {
            if (!lossSeen && !c.sackOk && dupAcks > 0 && dupAcks < DUP_THRESH) {
                output(); // RFC 3042 limited transmit: the window is not inflated, but new data may go
            }
            return;
        }
        c.layer.counters.fastRetransmits++;
        inRecovery = true;
        recoveryPoint = c.sndNxt;
        long flight = flightSize();
        ssthresh = cc.ssthreshAfterLoss(cwnd, flight, c.smss, now);
        if (c.sackOk && scoreboard != null) {
            if (prr == null) {
                prr = new Prr();
            }
            long pipe = scoreboard.pipe(c.sndUna, c.sndNxt, highRxt, c.smss, DUP_THRESH);
            prr.start(ssthresh, pipe);
            highRxt = c.sndUna;
            long sndcnt = prr.onAck(Math.max(newlySacked, 0), pipe, c.smss);
            cwnd = pipe + Math.max(sndcnt, c.smss);
            rxtRoundNxt = c.sndNxt;
            long before = sentBytes;
            SackScoreboard.Hole hole = nextRetransmission(c.smss);
            if (hole == null) {
                hole = new SackScoreboard.Hole(c.sndUna, Math.min(c.smss, flightSize()));
            }
            retransmit(hole.seq(), hole.length());
            highRxt = hole.seq() + hole.length();
            c.layer.congestion(c, "fast retransmit (SACK)", ssthresh, ssthresh);
            output();
            prr.sent(sentBytes - before);
            startRetransmitTimer();
            return;
        } else {
            // RFC 6582 §3.2 step 2-3: retransmit the first unacknowledged segment, inflate by three segments.
            int len = Math.min(c.smss, flightSize());
            retransmit(c.sndUna, len);
            highRxt = c.sndUna + len;
            cwnd = ssthresh + (long) DUP_THRESH * c.smss;
        }
        c.layer.congestion(c, "fast retransmit", cwnd, ssthresh);
        startRetransmitTimer();
        output();
    }

    private void partialAck(int acked, long newlySacked, long now) {
        if (c.sackOk && scoreboard != null && prr != null) {
            long pipe = scoreboard.pipe(c.sndUna, c.sndNxt, highRxt, c.smss, DUP_THRESH);
            long delivered = Math.max(0, acked + newlySacked);
            if (retransmissionLost()) {
                // Send the unSACKed holes again from SND.UNA: a new round, marked before its first retransmission.
                c.layer.counters.lostRetransmissions++;
                highRxt = c.sndUna;
                rxtRoundNxt = c.sndNxt;
                pipe = scoreboard.pipe(c.sndUna, c.sndNxt, highRxt, c.smss, DUP_THRESH);
                c.layer.congestion(c, "lost retransmission", cwnd, ssthresh);
            }
            long sndcnt = prr.onAck(delivered, pipe, c.smss);
            cwnd = pipe + sndcnt;
            long before = sentBytes;
            output();
            prr.sent(sentBytes - before); // RFC 6937: prr_out counts every octet sent during recovery
        } else if (acked > 0) {
            // RFC 6582 §3.2 step 5: partial ACK: retransmit the next unacknowledged segment, deflate.
            int len = Math.min(c.smss, flightSize());
            if (len > 0) {
                retransmit(c.sndUna, len);
            }
            cwnd = Math.max(c.smss, cwnd - acked + c.smss);
            output();
        } else {
            cwnd += c.smss; // RFC 6582 §3.2 step 4: inflate for each further duplicate ACK
            output();
        }
    }

    /**
     * True when the retransmission of the hole at SND.UNA was lost: it was retransmitted in this round (it lies below
     * HighRxt) and octets sent after it, at or above the round's mark, are SACKed as RFC 6675's IsLost would count
     * them (DupThresh ranges, or more than (DupThresh - 1) * SMSS octets), while SND.UNA is still unacknowledged.
     * This is RACK's rule (RFC 8985 §6.2: a segment is lost when one sent after it was delivered) for retransmissions,
     * with a DupThresh of reordering tolerance in place of RACK's time window.
     */
    private boolean retransmissionLost() {
        return c.config.lostRetransmissions()
                && Seq.lt(c.sndUna, highRxt)
                && Seq.lt(c.sndUna, rxtRoundNxt)
                && !scoreboard.isSacked(c.sndUna)
                && scoreboard.isLost(rxtRoundNxt - 1, c.smss, DUP_THRESH);
    }

    private void exitRecovery(long now) {
        inRecovery = false;
        cwnd = c.sackOk && prr != null ? ssthresh : cc.cwndAfterRecovery(cwnd, ssthresh, flightSize(), c.smss, now);
        c.layer.congestion(c, "recovery done", cwnd, ssthresh);
        if (scoreboard != null && flightSize() == 0) {
            scoreboard.clear();
        }
    }

    private void consume(int ack) {
        // Octets of the buffer that this ACK covers (the SYN and FIN are not in the buffer).
        long covered = Seq.distance(bufferSeq, ack);
        if (covered > 0 && covered <= (long) buffer.size() + 1) {
            int n = (int) Math.min(covered, buffer.size());
            buffer.consume(n);
            bufferSeq += n;
        }
    }

    // ---- timers -------------------------------------------------------------------------------------------------

    /** Arms the retransmission timer, or the probe timeout in its place when a tail loss probe may go. */
    void startRetransmitTimer() {
        long pto = probeTimeout();
        if (pto > 0) {
            timerMode = TimerMode.PROBE;
            timer.setAfter(pto);
            return;
        }
        timerMode = TimerMode.RETRANSMIT;
        timer.setAfter(rtt.rto());
    }

    /**
     * RFC 8985 §7.2: the probe timeout, or 0 when no probe may be scheduled (no SACK, no RTT sample yet, in loss
     * recovery, a probe already out, nothing but the SYN or FIN in flight). PTO = 2 * SRTT, plus the worst-case
     * delayed ACK when one segment is in flight, never later than the RTO.
     */
    private long probeTimeout() {
        if (!c.config.tailLossProbe()
                || !c.sackOk
                || !rtt.hasSample()
                || inRecovery
                || rtoRecovery
                || probeOut
                || !c.state.isSynchronized()
                || flightSize() <= 1) {
            return 0;
        }
        long pto = 2 * rtt.srtt();
        if (flightSize() <= c.smss) {
            pto += WORST_CASE_DELAYED_ACK;
        }
        return Math.max(1, Math.min(pto, rtt.rto()));
    }

    /**
     * RFC 8985 §7.3: the probe timeout fired. Send one new segment if the peer's window allows (cwnd does not
     * limit a probe), else the last segment sent again; then arm the RTO.
     */
    private void sendProbe() {
        timerMode = TimerMode.NONE;
        if (flightSize() == 0) {
            return;
        }
        int sent = sendNewData(c.smss, c.smss, flightSize());
        if (sent == 0) {
            int seq = Seq.max(c.sndUna, c.sndNxt - c.smss);
            retransmit(seq, (int) Seq.distance(seq, c.sndNxt));
        }
        probeOut = true;
        probeEndSeq = c.sndNxt;
        c.layer.counters.tailLossProbes++;
        c.layer.congestion(c, "tail loss probe", cwnd, ssthresh);
        timerMode = TimerMode.RETRANSMIT;
        timer.setAfter(rtt.rto());
    }

    private void startPersistTimer() {
        if (timerMode == TimerMode.PERSIST) {
            return;
        }
        timerMode = TimerMode.PERSIST;
        timer.setAfter(Math.min(c.config.maxRtoNanos(), rtt.rto() << Math.min(backoffs, 16)));
    }

    void stopTimer() {
        timerMode = TimerMode.NONE;
        timer.disarm();
    }

    /** Stops everything (the connection is gone). */
    void shutdown() {
        stopTimer();
        timer.cancel();
        buffer.clear();
        if (scoreboard != null) {
            scoreboard.clear();
        }
    }

    private void timerFired() {
        switch (timerMode) {
            case RETRANSMIT -> retransmissionTimeout();
            case PROBE -> sendProbe();
            case PERSIST -> persistProbe();
            case NONE -> {}
        }
    }

    /** RFC 6298 §5.4-5.7 with RFC 5681 §3.1's window after a timeout. */
    private void retransmissionTimeout() {
        timerMode = TimerMode.NONE;
        long now = c.scheduler().nanos();
        if (c.retransmissionsExhausted(backoffs, oldestSentAt, now)) {
            return;
        }
        c.layer.counters.timeouts++;
        probeOut = false;
        backoffs++;
        rtt.backoff();
        timing = false;
        if (c.state == TcpState.SYN_SENT || c.state == TcpState.SYN_RECEIVED) {
            c.retransmitSyn();
            timerMode = TimerMode.RETRANSMIT;
            timer.setAfter(rtt.rto());
            return;
        }
        if (flightSize() == 0) {
            return;
        }
        if (backoffs == 1) {
            ssthresh = cc.ssthreshAfterTimeout(cwnd, flightSize(), c.smss, now);
        }
        cwnd = c.smss; // the loss window
        c.layer.congestion(c, "retransmission timeout, RTO " + rtt.rto() / 1_000_000 + " ms", cwnd, ssthresh);
        inRecovery = false;
        rtoRecovery = true;
        recoveryPoint = c.sndNxt;
        highRxt = c.sndUna;
        dupAcks = 0;
        // Retransmit the earliest unacknowledged segment now (RFC 6298 §5.4).
        int len = Math.min(c.smss, flightSize());
        if (c.sndUna == c.sndNxt - 1 && finQueued && finSent()) {
            len = 1; // only the FIN is outstanding
        }
        retransmit(c.sndUna, len);
        highRxt = c.sndUna + len;
        timerMode = TimerMode.RETRANSMIT;
        timer.setAfter(rtt.rto());
    }

    /** RFC 9293 §3.8.6.1: probe a zero window with one octet, backing off like the retransmission timer. */
    private void persistProbe() {
        timerMode = TimerMode.NONE;
        if (c.sndWnd > 0) {
            // RFC 9293 §3.8.6.2.1 (4): the override timeout: send what the small window takes, SWS or not.
            int usable = (int) Math.min(Integer.MAX_VALUE, Math.max(0, c.sndWnd - flightSize()));
            int len = Math.min(Math.min(unsent(), usable), c.smss);
            if (len > 0 && flightSize() == 0) {
                sendSegment(c.sndNxt, len, TcpFlags.ACK_BIT | (len == unsent() ? TcpFlags.PSH_BIT : 0), false);
                c.sndNxt += len;
                startRetransmitTimer();
                return;
            }
            output();
            return;
        }
        long now = c.scheduler().nanos();
        if (c.retransmissionsExhausted(backoffs, -1, now)) {
            return;
        }
        backoffs++;
        c.layer.counters.windowProbes++;
        if (flightSize() > 0) {
            retransmit(c.sndUna, 1);
        } else if (unsent() > 0) {
            sendSegment(c.sndNxt, 1, TcpFlags.ACK_BIT, false);
            c.sndNxt++;
        } else if (finQueued && !finSent()) {
            sendSegment(c.sndNxt, 0, TcpFlags.FIN_BIT | TcpFlags.ACK_BIT, false);
            c.sndNxt++;
        }
        timerMode = TimerMode.PERSIST;
        timer.setAfter(Math.min(c.config.maxRtoNanos(), rtt.rto() << Math.min(backoffs, 16)));
    }

    /**
     * The path MTU fell and the segments in flight were too big (RFC 1191): go back to SND.UNA and resend everything
     * unacknowledged in the new, smaller segments, leaving the congestion state alone (as Linux's
     * tcp_simple_retransmit).
     */
    void resendAfterMtuDrop() {
        if (flightSize() == 0) {
            return;
        }
        timing = false;
        rtoRecovery = true;
        recoveryPoint = c.sndNxt;
        highRxt = c.sndUna;
        output();
    }

    /** Called when the peer's window opens: leave persist mode and send. */
    void windowOpened() {
        if (timerMode == TimerMode.PERSIST) {
            stopTimer();
            backoffs = 0;
        }
    }
}
