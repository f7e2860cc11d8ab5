package dev.strata.tcp;

import dev.strata.ip.Frames;
import dev.strata.ip.SendOptions;
import dev.strata.time.Scheduler;
import dev.strata.time.Timer;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.TcpFlags;
import java.nio.ByteBuffer;

/**
 * A TCP connection: the transmission control block (RFC 9293 §3.3.1, with the RFC's variable names) and its state
 * machine (§3.10), with the non-blocking socket API its user calls on the host's event loop.
 *
 * <p>Segment arrival follows §3.10.7 step by step, with the RFC 7323 PAWS check, the RFC 5961 defences against
 * blind RST, SYN and data injection, and RFC 1337's protection of TIME-WAIT. The sending side lives in
 * {@link TcpSender}, the receiving side in {@link TcpReceiver}.
 */
public final class TcpConnection {

    final TcpLayer layer;
    final TcpConfig config;
    private final Ip4 localAddress;
    private final int localPort;
    private final Ip4 remoteAddress;
    private final int remotePort;
    final TcpSender snd;
    final TcpReceiver rcv;
    private final Timer lifeTimer;
    private TcpHandler handler = new TcpHandler() {};

    TcpState state = TcpState.CLOSED;

    // RFC 9293 §3.3.1 send sequence variables.
    int iss;
    int sndUna;
    int sndNxt;
    /** SND.WND, already scaled (up to 2^30). */
    long sndWnd;

    int sndWl1;
    int sndWl2;
    /** The largest window the peer has offered (MAX.SND.WND of RFC 5961). */
    long maxSndWnd;
    /** Snd.Wind.Shift (RFC 7323 §2.2). */
    int sndScale;

    // RFC 9293 §3.3.1 receive sequence variables (RCV.NXT and RCV.WND live in the receiver).
    int irs;

    /** Effective send MSS: data octets per full-sized segment (RFC 9293 §3.7.1). */
    int smss = 536;

    private int peerMss = 536;
    /** The interface's segmentation offload size, looked up at the first data segment; -1 before. */
    private int offloadSize = -1;

    boolean wsOk;
    boolean tsOk;
    boolean sackOk;
    // RFC 7323 §4.3 and §5.
    private int tsRecent;
    private long tsRecentAt;
    private int lastAckSent;
    private int tsOffset;

    /** The listener that made this connection, until it is accepted. */
    TcpListener listener;

    private boolean passive;
    private boolean userClosed;
    private boolean wantWritable;
    private int keepAlivesSent;
    private long bytesReceived;

    TcpConnection(
            TcpLayer layer, TcpConfig config, Ip4 localAddress, int localPort, Ip4 remoteAddress, int remotePort) {
        this.layer = layer;
        this.config = config;
        this.localAddress = localAddress;
        this.localPort = localPort;
        this.remoteAddress = remoteAddress;
        this.remotePort = remotePort;
        this.snd = new TcpSender(this, config);
        this.rcv = new TcpReceiver(this, config);
        this.lifeTimer = layer.scheduler().newTimer(this::lifeTimerFired);
    }

    // ---- identity and state -------------------------------------------------------------------------------------

    /** This end's address. */
    public Ip4 localAddress() {
        return localAddress;
    }

    /** This end's port. */
    public int localPort() {
        return localPort;
    }

    /** The peer's address. */
    public Ip4 remoteAddress() {
        return remoteAddress;
    }

    /** The peer's port. */
    public int remotePort() {
        return remotePort;
    }

    /** The current state. */
    public TcpState state() {
        return state;
    }

    /** The socket options this connection runs with. */
    public TcpConfig config() {
        return config;
    }

    /** Sets the callbacks; data or a close that arrived before is announced at once. */
    public TcpConnection setHandler(TcpHandler h) {
        this.handler = h == null ? new TcpHandler() {} : h;
        if (rcv.buffer.size() > 0 || rcv.finReceived) {
            scheduler().execute(() -> {
                if (state != TcpState.CLOSED) {
                    handler.readable(this);
                }
            });
        }
        return this;
    }

    /** ISS: our initial sequence number. */
    public long iss() {
        return iss & 0xFFFF_FFFFL;
    }

    /** IRS: the peer's initial sequence number. */
    public long irs() {
        return irs & 0xFFFF_FFFFL;
    }

    /** SND.UNA. */
    public long sndUna() {
        return sndUna & 0xFFFF_FFFFL;
    }

    /** SND.NXT. */
    public long sndNxt() {
        return sndNxt & 0xFFFF_FFFFL;
    }

    /** RCV.NXT. */
    public long rcvNxt() {
        return rcv.rcvNxt & 0xFFFF_FFFFL;
    }

    /** SND.WND: the peer's window, scaled, in octets. */
    public long sendWindow() {
        return sndWnd;
    }

    /** The congestion window in octets. */
    public long cwnd() {
        return snd.cwnd;
    }

    /** The slow-start threshold in octets. */
    public long ssthresh() {
        return snd.ssthresh;
    }

    /** The smoothed RTT in nanoseconds (0 before the first sample). */
    public long srtt() {
        return snd.rtt.srtt();
    }

    /** The effective send MSS. */
    public int mss() {
        return smss;
    }

    /** True when window scaling, timestamps and SACK were agreed, as a short string like {@code ws,ts,sack}. */
    public String options() {
        StringBuilder sb = new StringBuilder();
        if (wsOk) {
            sb.append("ws");
        }
        if (tsOk) {
            sb.append(sb.isEmpty() ? "" : ",").append("ts");
        }
        if (sackOk) {
            sb.append(sb.isEmpty() ? "" : ",").append("sack");
        }
        return sb.toString();
    }

    /** Octets of data the user may read now. */
    public int available() {
        return rcv.buffer.size();
    }

    /** Room in the send buffer. */
    public int writable() {
        return snd.buffer.free();
    }

    /** Octets written by the user and not yet acknowledged by the peer. */
    public int unacknowledged() {
        return snd.buffer.size();
    }

    /** Octets the user has received in total. */
    public long bytesReceived() {
        return bytesReceived;
    }

    Scheduler scheduler() {
        return layer.scheduler();
    }

    private void setState(TcpState to) {
        TcpState from = state;
        if (from == to) {
            return;
        }
        state = to;
        boolean wasEstab = from == TcpState.ESTABLISHED || from == TcpState.CLOSE_WAIT;
        boolean isEstab = to == TcpState.ESTABLISHED || to == TcpState.CLOSE_WAIT;
        if (wasEstab != isEstab) {
            layer.counters.currEstab += isEstab ? 1 : -1;
        }
        layer.stateChanged(this, from, to);
        handler.stateChanged(this, from, to);
    }

    // ---- opening ------------------------------------------------------------------------------------------------

    /** OPEN active (RFC 9293 §3.10.1): choose ISS, send SYN, enter SYN-SENT. */
    void openActive() {
        iss = layer.chooseIss(this);
        snd.init(iss);
        sndUna = iss;
        sndNxt = iss + 1;
        tsOffset = layer.random().nextInt();
        smss = initialSmss();
        setState(TcpState.SYN_SENT);
        layer.counters.activeOpens++;
        sendSyn(false, false);
        snd.startRetransmitTimer();
    }

    /** A SYN arrived at a listener (RFC 9293 §3.10.7.2 third check): enter SYN-RECEIVED and answer SYN,ACK. */
    void openPassive(TcpListener from, Segment seg, int isn) {
        passive = true;
        listener = from;
        irs = seg.seq;
        rcv.init(irs);
        iss = isn;
        snd.init(iss);
        sndUna = iss;
        sndNxt = iss + 1;
        tsOffset = layer.random().nextInt();
        takeSynOptions(seg);
        sndWnd = seg.window; // never scaled in a SYN (RFC 7323 §2.2)
        maxSndWnd = sndWnd;
        sndWl1 = seg.seq;
        sndWl2 = iss;
        setState(TcpState.SYN_RECEIVED);
        layer.counters.passiveOpens++;
        sendSyn(true, false);
        snd.startRetransmitTimer();
    }

    /** Completes a handshake validated by a SYN cookie: the connection starts ESTABLISHED. */
    void openFromCookie(TcpListener from, Segment ack, int mss) {
        passive = true;
        listener = from;
        irs = ack.seq - 1;
        rcv.init(irs);
        iss = ack.ack - 1;
        snd.init(iss);
        sndUna = ack.ack;
        sndNxt = ack.ack;
        peerMss = mss;
        smss = effectiveSmss();
        snd.initWindow(smss);
        sndWnd = ack.window; // no window scaling: the cookie could not remember it
        maxSndWnd = sndWnd;
        sndWl1 = ack.seq;
        sndWl2 = ack.ack;
        layer.counters.passiveOpens++;
        setState(TcpState.SYN_RECEIVED);
        established();
    }

    private int initialSmss() {
        int mtu = layer.mtuFor(remoteAddress);
        int own = mtu > 0 ? mtu - 40 : 536;
        return config.mss() > 0 ? Math.min(config.mss(), own) : own;
    }

    /** The MSS we advertise: from the route MTU (RFC 9293 §3.7.1), or the configured one. */
    private int advertisedMss() {
        return initialSmss();
    }

    private void takeSynOptions(Segment seg) {
        peerMss = seg.mss > 0 ? seg.mss : 536; // RFC 9293 §3.7.1: 536 when the option is absent
        wsOk = config.windowScaling() && seg.windowScale >= 0;
        if (wsOk) {
            sndScale = Math.min(seg.windowScale, 14); // RFC 7323 §2.3
            rcv.rcvScale = TcpReceiver.scaleFor(config.receiveBuffer());
        } else {
            sndScale = 0;
            rcv.rcvScale = 0;
        }
        tsOk = config.timestamps() && seg.hasTimestamps;
        if (tsOk) {
            tsRecent = seg.tsVal;
            tsRecentAt = scheduler().nanos();
        }
        sackOk = config.sack() && seg.sackPermitted;
        smss = effectiveSmss();
        snd.initWindow(smss);
    }

    /**
     * The most payload octets one segment handed to IP may carry: the MSS, or, when the interface cuts segments
     * itself (TCP segmentation offload, {@link dev.strata.ip.IpLayer#segmentOffloadFor}), the largest multiple of the MSS that fits
     * its largest packet with the largest IP and TCP headers. Segments on the wire never exceed the MSS either way.
     */
    int maxSegmentPayload() {
        if (offloadSize < 0) {
            offloadSize = layer.ip().segmentOffloadFor(remoteAddress); // once: the interface does not change
        }
        int offload = offloadSize - 20 - 60;
        return offload < 2 * smss ? smss : offload / smss * smss;
    }

    /** RFC 9293 §3.7.1: Eff.snd.MSS = min(SendMSS + 20, MMS_S) - TCP header - IP options. */
    private int effectiveSmss() {
        int mms = Math.min(peerMss, initialSmss());
        return Math.max(64, mms - (tsOk ? 12 : 0));
    }

    private void sendSyn(boolean withAck, boolean retransmission) {
        SegmentEncoder e = layer.encoder();
        e.reset();
        e.mss = advertisedMss();
        boolean offerWs = withAck ? wsOk : config.windowScaling();
        boolean offerTs = withAck ? tsOk : config.timestamps();
        boolean offerSack = withAck ? sackOk : config.sack();
        if (offerWs) {
            e.windowScale = TcpReceiver.scaleFor(config.receiveBuffer());
        }
        e.sackPermitted = offerSack;
        if (offerTs) {
            e.timestamps = true;
            e.tsVal = tsValue();
            e.tsEcr = withAck ? tsRecent : 0;
        }
        int flags = TcpFlags.SYN_BIT | (withAck ? TcpFlags.ACK_BIT : 0);
        emit(e, iss, flags, null, 0, 0, retransmission);
    }

    /** Retransmits our SYN (SYN-SENT) or SYN,ACK (SYN-RECEIVED). */
    void retransmitSyn() {
        layer.counters.retransSegs++;
        sendSyn(state == TcpState.SYN_RECEIVED, true);
    }

    private void established() {
        enterEstablished();
        announceEstablished();
    }

    private void enterEstablished() {
        setState(TcpState.ESTABLISHED);
        if (config.keepAlive()) {
            lifeTimer.setAfter(config.keepAliveIdleNanos());
        }
    }

    private void announceEstablished() {
        if (listener != null) {
            listener.established(this);
        } else {
            handler.connected(this);
        }
    }

    // ---- user calls ---------------------------------------------------------------------------------------------

    /**
     * SEND (RFC 9293 §3.10.2): queues as much of {@code src} as the send buffer takes and sends what the windows
     * allow. Never blocks.
     *
     * @return octets taken (0 when the buffer is full: {@link TcpHandler#writable} follows when room opens)
     * @throws IllegalStateException when the connection is closing or closed ("connection closing")
     */
    public int write(ByteBuffer src) {
        if (snd.finQueued || state == TcpState.CLOSED || state == TcpState.LISTEN) {
            throw new IllegalStateException("connection closing");
        }
        int n = snd.buffer.write(src);
        if (src.hasRemaining()) {
            wantWritable = true;
        }
        if (n > 0) {
            snd.output();
        }
        return n;
    }

    /**
     * RECEIVE (RFC 9293 §3.10.3): moves received data into {@code dst}.
     *
     * @return octets read; 0 when nothing is waiting; -1 at the end of the stream (the peer's FIN was read to)
     */
    public int read(ByteBuffer dst) {
        int n = rcv.buffer.read(dst);
        if (n == 0 && rcv.finReceived && rcv.buffer.size() == 0) {
            return -1;
        }
        if (n > 0 && state.isSynchronized() && !rcv.finReceived && rcv.windowUpdateWorthSending()) {
            sendAck(); // a window update, so the sender need not wait for a probe
        }
        return n;
    }

    /** Half-close: no more data will be written; a FIN follows the queued data (shutdown(SHUT_WR)). */
    public void shutdownOutput() {
        switch (state) {
            case SYN_SENT -> closeNow(CloseReason.ABORTED, false);
            case SYN_RECEIVED, ESTABLISHED -> {
                snd.finQueued = true;
                setState(TcpState.FIN_WAIT_1);
                snd.output();
            }
            case CLOSE_WAIT -> {
                snd.finQueued = true;
                setState(TcpState.LAST_ACK);
                snd.output();
            }
            default -> {}
        }
    }

    /**
     * CLOSE (RFC 9293 §3.10.4): no more writes or reads; queued data is still sent, then a FIN. Unread received data
     * makes it an abort instead (RST), as RFC 2525 §2.17 recommends.
     */
    public void close() {
        if (userClosed) {
            return;
        }
        userClosed = true;
        if (rcv.buffer.size() > 0 && state.isSynchronized()) {
            abort();
            return;
        }
        shutdownOutput();
        if (state == TcpState.FIN_WAIT_2) {
            lifeTimer.setAfter(2 * config.mslNanos()); // an orphaned FIN-WAIT-2 does not wait forever
        }
    }

    /** ABORT (RFC 9293 §3.10.5): send RST if synchronized, drop everything, enter CLOSED. */
    public void abort() {
        switch (state) {
            case SYN_RECEIVED, ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> {
                sendReset(sndNxt);
                closeNow(CloseReason.ABORTED, state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT);
            }
            case CLOSED -> {}
            default -> closeNow(CloseReason.ABORTED, false);
        }
    }

    // ---- segment arrival (RFC 9293 §3.10.7) ----------------------------------------------------------------------

    /** Processes a segment for this connection (any state but CLOSED and LISTEN). */
    void segmentArrives(Segment seg) {
        if (state == TcpState.SYN_SENT) {
            synSent(seg);
        } else if (state != TcpState.CLOSED) {
            synchronizedArrival(seg);
        }
    }

    /** RFC 9293 §3.10.7.3: SYN-SENT. */
    private void synSent(Segment seg) {
        boolean ackOk = false;
        if (seg.ackFlag()) {
            // First: if SEG.ACK =< ISS or SEG.ACK > SND.NXT, send a reset (unless the RST bit is set).
            if (Seq.le(seg.ack, iss) || Seq.gt(seg.ack, sndNxt)) {
                if (!seg.rst()) {
                    sendReset(seg.ack);
                }
                return;
            }
            ackOk = Seq.lt(sndUna, seg.ack) && Seq.le(seg.ack, sndNxt);
        }
        if (seg.rst()) {
            // Second: a RST is acceptable only if it acknowledges our SYN (RFC 5961 §3.2 leaves SYN-SENT as is).
            if (ackOk) {
                layer.counters.attemptFails++;
                closeNow(CloseReason.REFUSED, false);
            }
            return;
        }
        if (!seg.syn) {
            return; // Fifth: neither SYN nor RST: drop
        }
        // Fourth: the SYN.
        irs = seg.seq;
        rcv.init(irs);
        takeSynOptions(seg);
        if (ackOk) {
            snd.onAck(seg, false); // acknowledges the SYN: SND.UNA advances, the timer stops, the RTT is sampled
        }
        sndWnd = seg.window; // the window in a SYN is never scaled
        maxSndWnd = sndWnd;
        sndWl1 = seg.seq;
        sndWl2 = seg.ack;
        if (Seq.gt(sndUna, iss)) {
            enterEstablished();
            sendAck(); // the third segment of the handshake, before any data the user writes on "connected"
            announceEstablished();
            seg.trimFront(1); // the SYN is consumed; data or FIN continue at the sixth step
            if (seg.dataLength > 0 || seg.fin) {
                text(seg);
            }
            snd.output();
        } else {
            // Simultaneous open (RFC 9293 §3.5, Figure 8): SYN-RECEIVED, answer SYN,ACK with our ISS.
            setState(TcpState.SYN_RECEIVED);
            sendSyn(true, false);
        }
    }

    /** RFC 9293 §3.10.7.4: SYN-RECEIVED and the synchronized states. */
    private void synchronizedArrival(Segment seg) {
        // A retransmitted SYN while we wait for the handshake's ACK: our SYN,ACK was lost; send it again.
        if (state == TcpState.SYN_RECEIVED && seg.syn && !seg.ackFlag() && seg.seq == irs) {
            retransmitSyn();
            return;
        }
        // RFC 7323 §5.3 PAWS: an old timestamp marks an old duplicate.
        if (tsOk && seg.hasTimestamps && !seg.rst() && Seq.lt(seg.tsVal, tsRecent) && !tsRecentExpired()) {
            layer.counters.pawsRejected++;
            sendAck();
            return;
        }
        // A peer that closed and then got data resets with the sequence number of its FIN, taken from the ACK field of
        // our segment, which had not yet acknowledged that FIN: SEG.SEQ = RCV.NXT - 1. Linux accepts such a RST once
        // the FIN is in (CLOSE-WAIT, LAST-ACK, CLOSING); without this we keep sending into a closed socket until a
        // segment with the newer ACK draws a RST we take (RFC 5961 §3.2 otherwise drops it as out of window).
        if (seg.rst()
                && rcv.finReceived
                && seg.seq == rcv.rcvNxt - 1
                && (state == TcpState.CLOSE_WAIT || state == TcpState.LAST_ACK || state == TcpState.CLOSING)) {
            resetArrived();
            return;
        }
        // First: the sequence number.
        if (!acceptable(seg)) {
            layer.counters.outOfWindow++;
            if (!seg.rst()) {
                if (state == TcpState.TIME_WAIT && seg.fin) {
                    lifeTimer.setAfter(2 * config.mslNanos()); // a retransmitted FIN restarts the 2 MSL wait
                }
                sendAck();
            }
            return;
        }
        // RFC 7323 §5.3 R3 (§4.3): TS.Recent follows the segment that holds the left window edge, whether it carries
        // data or is a bare ACK; otherwise a sender of bulk data would echo the same old TSecr for ever.
        if (tsOk && seg.hasTimestamps && !seg.rst() && Seq.le(seg.seq, lastAckSent) && Seq.ge(seg.tsVal, tsRecent)) {
            tsRecent = seg.tsVal;
            tsRecentAt = scheduler().nanos();
        }
        trimToWindow(seg);
        // Second: the RST bit, with RFC 5961 §3.2: only an exact RCV.NXT match resets; others get a challenge.
        if (seg.rst()) {
            if (seg.seq != rcv.rcvNxt) {
                challengeAck();
                return;
            }
            resetArrived();
            return;
        }
        // Fourth: a SYN in a synchronized state: RFC 5961 §4.2 challenge ACK instead of a reset.
        if (seg.syn) {
            if (state == TcpState.SYN_RECEIVED && passive) {
                layer.counters.attemptFails++;
                closeNow(CloseReason.RESET, false); // RFC 9293: return to LISTEN
                return;
            }
            challengeAck();
            return;
        }
        // Fifth: the ACK field.
        if (!seg.ackFlag()) {
            return;
        }
        // SYN-RECEIVED: the ACK must acknowledge our SYN, else <SEQ=SEG.ACK><CTL=RST>.
        if (state == TcpState.SYN_RECEIVED) {
            if (Seq.lt(sndUna, seg.ack) && Seq.le(seg.ack, sndNxt)) {
                sndWnd = (long) seg.window << sndScale;
                maxSndWnd = Math.max(maxSndWnd, sndWnd);
                sndWl1 = seg.seq;
                sndWl2 = seg.ack;
                if (listener != null && !listener.hasRoom()) {
                    layer.counters.listenOverflows++;
                    return; // the accept queue is full: act as if the ACK was lost; SYN,ACK will be resent
                }
                established();
            } else {
                sendReset(seg.ack);
                return;
            }
        }
        // RFC 5961 §5.2: acceptable only if SND.UNA - MAX.SND.WND =< SEG.ACK =< SND.NXT.
        if (Seq.gt(seg.ack, sndNxt)) {
            challengeAck();
            return;
        }
        if (Seq.lt(seg.ack, sndUna - (int) Math.min(maxSndWnd, Integer.MAX_VALUE))) {
            challengeAck();
            return;
        }
        if (!processAck(seg)) {
            if (state == TcpState.CLOSING || state == TcpState.LAST_ACK) {
                snd.output(); // text is ignored here, but data and our FIN may still be waiting to go
            }
            return;
        }
        // Sixth: URG is not supported as urgent data (RFC 6093); the octets are delivered in line.
        // Seventh and eighth: text and FIN.
        text(seg);
        if (state != TcpState.CLOSED) {
            snd.output();
        }
    }

    private boolean tsRecentExpired() {
        // RFC 7323 §5.5: TS.Recent is invalid after 24 days of idleness.
        return scheduler().nanos() - tsRecentAt > 24L * 24 * 3600 * 1_000_000_000L;
    }

    /** RFC 9293 §3.10.7.4 first check: the four cases of segment acceptability. */
    private boolean acceptable(Segment seg) {
        int wnd = rcv.window();
        int nxt = rcv.rcvNxt;
        int len = seg.length();
        if (len == 0) {
            return wnd == 0 ? seg.seq == nxt : Seq.inRange(seg.seq, nxt, nxt + wnd);
        }
        if (wnd == 0) {
            // "special allowance should be made to accept valid ACKs, URGs, and RSTs": take the control part.
            if (seg.seq == nxt) {
                seg.dataLength = 0;
                seg.fin = false;
                return true;
            }
            return false;
        }
        return Seq.inRange(seg.seq, nxt, nxt + wnd) || Seq.inRange(seg.seq + len - 1, nxt, nxt + wnd);
    }

    private void trimToWindow(Segment seg) {
        int nxt = rcv.rcvNxt;
        if (Seq.lt(seg.seq, nxt)) {
            seg.trimFront(nxt - seg.seq);
        }
        int wnd = rcv.window();
        if (Seq.gt(seg.seq + seg.length(), nxt + wnd)) {
            seg.trimBack(nxt + wnd - seg.seq);
        }
    }

    private void resetArrived() {
        switch (state) {
            case SYN_RECEIVED -> {
                layer.counters.attemptFails++;
                closeNow(passive ? CloseReason.RESET : CloseReason.REFUSED, false);
            }
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, CLOSE_WAIT -> closeNow(CloseReason.RESET, true);
            case CLOSING, LAST_ACK -> closeNow(CloseReason.RESET, false);
            case TIME_WAIT -> {} // RFC 1337: ignore RSTs in TIME-WAIT (no TIME-WAIT assassination)
            default -> {}
        }
    }

    /** The fifth check for ESTABLISHED and later; returns false when the segment was consumed. */
    private boolean processAck(Segment seg) {
        boolean windowUpdate = Seq.lt(sndWl1, seg.seq) || (sndWl1 == seg.seq && Seq.le(sndWl2, seg.ack));
        long newWnd = (long) seg.window << sndScale;
        boolean windowChanged = windowUpdate && newWnd != sndWnd;
        if (Seq.ge(seg.ack, sndUna)) {
            int before = snd.buffer.free();
            snd.onAck(seg, windowChanged);
            if (windowUpdate) {
                boolean opened = sndWnd == 0 && newWnd > 0;
                sndWnd = newWnd;
                maxSndWnd = Math.max(maxSndWnd, sndWnd);
                sndWl1 = seg.seq;
                sndWl2 = seg.ack;
                if (opened) {
                    snd.windowOpened();
                }
            }
            if (wantWritable && snd.buffer.free() > before && snd.buffer.free() > 0) {
                wantWritable = false;
                handler.writable(this);
            }
        }
        boolean ourFinAcked = snd.finSent() && snd.allAcked();
        switch (state) {
            case FIN_WAIT_1 -> {
                if (ourFinAcked) {
                    setState(TcpState.FIN_WAIT_2);
                    if (userClosed) {
                        lifeTimer.setAfter(2 * config.mslNanos());
                    }
                }
            }
            case CLOSING -> {
                if (ourFinAcked) {
                    enterTimeWait();
                }
                return false;
            }
            case LAST_ACK -> {
                if (ourFinAcked) {
                    closeNow(CloseReason.NORMAL, false);
                }
                return false;
            }
            case TIME_WAIT -> {
                if (seg.fin) {
                    sendAck();
                    lifeTimer.setAfter(2 * config.mslNanos());
                }
                return false;
            }
            default -> {}
        }
        return true;
    }

    /** Seventh and eighth steps: segment text and FIN. */
    private void text(Segment seg) {
        if (seg.dataLength == 0 && !seg.fin) {
            return;
        }
        switch (state) {
            case ESTABLISHED, FIN_WAIT_1, FIN_WAIT_2, SYN_RECEIVED -> {}
            default -> {
                return; // the peer's FIN was already taken: any text is ignored
            }
        }
        if (userClosed && seg.dataLength > 0) {
            // Data for a user who closed and will never read it: reset, as Linux does.
            sendReset(sndNxt);
            closeNow(CloseReason.ABORTED, state == TcpState.ESTABLISHED);
            return;
        }
        boolean hadFin = rcv.finReceived;
        int before = rcv.buffer.size();
        boolean immediate = rcv.receive(seg);
        int added = rcv.buffer.size() - before;
        bytesReceived += added;
        if (rcv.finReceived && !hadFin) {
            switch (state) {
                case SYN_RECEIVED, ESTABLISHED -> setState(TcpState.CLOSE_WAIT);
                case FIN_WAIT_1 -> {
                    if (snd.finSent() && snd.allAcked()) {
                        enterTimeWait();
                    } else {
                        setState(TcpState.CLOSING);
                    }
                }
                case FIN_WAIT_2 -> enterTimeWait();
                default -> {}
            }
        }
        rcv.scheduleAck(immediate);
        if (added > 0 || (rcv.finReceived && !hadFin)) {
            handler.readable(this);
        }
    }

    private void enterTimeWait() {
        setState(TcpState.TIME_WAIT);
        snd.shutdown();
        rcv.shutdown(false);
        lifeTimer.setAfter(2 * config.mslNanos());
    }

    // ---- timers -------------------------------------------------------------------------------------------------

    private void lifeTimerFired() {
        switch (state) {
            case TIME_WAIT, FIN_WAIT_2 -> closeNow(CloseReason.NORMAL, false);
            case ESTABLISHED, CLOSE_WAIT -> keepAlive();
            default -> {}
        }
    }

    /** RFC 1122 §4.2.3.6: a keep-alive is a segment with SEG.SEQ = SND.NXT - 1 and no data. */
    private void keepAlive() {
        if (!config.keepAlive()) {
            return;
        }
        if (keepAlivesSent >= config.keepAliveProbes()) {
            layer.counters.timeoutAborts++;
            closeNow(CloseReason.TIMEOUT, true);
            return;
        }
        keepAlivesSent++;
        layer.counters.keepAlives++;
        transmit(sndNxt - 1, TcpFlags.ACK_BIT, null, 0, 0, false);
        lifeTimer.setAfter(config.keepAliveIntervalNanos());
    }

    /** Any segment from the peer shows it is alive. */
    void heardFromPeer() {
        if (config.keepAlive() && (state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT)) {
            keepAlivesSent = 0;
            lifeTimer.setAfter(config.keepAliveIdleNanos());
        }
    }

    /**
     * Checks the user timeout (RFC 9293 §3.8.3 / RFC 5482) and the retransmission limits (RFC 1122 §4.2.3.5 R2, and
     * the SYN retries); aborts the connection and returns true when they are exceeded.
     */
    boolean retransmissionsExhausted(int backoffs, long oldestSentAt, long now) {
        boolean handshake = state == TcpState.SYN_SENT || state == TcpState.SYN_RECEIVED;
        boolean exhausted;
        if (handshake) {
            exhausted = backoffs >= config.synRetries();
        } else if (config.userTimeoutNanos() > 0 && oldestSentAt >= 0) {
            exhausted = now - oldestSentAt >= config.userTimeoutNanos();
        } else {
            exhausted = backoffs >= config.maxRetransmissions();
        }
        if (!exhausted) {
            return false;
        }
        if (handshake) {
            layer.counters.attemptFails++;
        } else {
            layer.counters.timeoutAborts++;
        }
        closeNow(CloseReason.TIMEOUT, state == TcpState.ESTABLISHED || state == TcpState.CLOSE_WAIT);
        return true;
    }

    /** An ICMP error about this connection (RFC 1122 §4.2.3.9): hard errors end a handshake; soft ones are noted. */
    void icmpUnreachable(boolean hard) {
        if (hard && (state == TcpState.SYN_SENT)) {
            layer.counters.attemptFails++;
            closeNow(CloseReason.UNREACHABLE, false);
        }
    }

    /**
     * An ICMP "fragmentation needed" said the path takes at most {@code mtu} octets (RFC 1191 §6.3): shrink the
     * segments to fit and resend what was in flight, without treating it as congestion. A claim below RFC 791's
     * 68-octet minimum, or no larger than the current segments, changes nothing.
     */
    void pathMtuDropped(int mtu) {
        int mss = mtu - 40 - (tsOk ? 12 : 0);
        if (mtu < 68 || mss >= smss || !state.isSynchronized()) {
            return;
        }
        smss = Math.max(mss, 8);
        snd.resendAfterMtuDrop();
    }

    // ---- output -------------------------------------------------------------------------------------------------

    /** Sends a bare ACK now (RFC 9293 <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>). */
    void sendAck() {
        if (state == TcpState.CLOSED || state == TcpState.SYN_SENT || state == TcpState.LISTEN) {
            return;
        }
        transmit(sndNxt, TcpFlags.ACK_BIT, null, 0, 0, false);
    }

    private void challengeAck() {
        if (layer.challengeAckAllowed()) {
            layer.counters.challengeAcks++;
            transmit(sndNxt, TcpFlags.ACK_BIT, null, 0, 0, false);
        } else {
            layer.counters.challengeAcksLimited++;
        }
    }

    private void sendReset(int seq) {
        layer.counters.outRsts++;
        SegmentEncoder e = layer.encoder();
        e.reset();
        ByteBuffer b = Frames.allocate(0);
        e.prepend(b, localPort, remotePort, seq, 0, TcpFlags.RST_BIT, 0, localAddress.bits(), remoteAddress.bits());
        layer.counters.outSegs++;
        layer.ip().send(localAddress, remoteAddress, IpProtocol.TCP, b, SendOptions.DONT_FRAGMENT);
    }

    /** Sends a data or control segment; the ACK field (when ACK is set), window, timestamps and SACK are filled in. */
    void transmit(int seq, int flags, SendBuffer data, int offset, int length, boolean retransmission) {
        SegmentEncoder e = layer.encoder();
        e.reset();
        if (tsOk) {
            e.timestamps = true;
            e.tsVal = tsValue();
            e.tsEcr = tsRecent;
        }
        emit(e, seq, flags, data, offset, length, retransmission);
    }

    private void emit(
            SegmentEncoder e, int seq, int flags, SendBuffer data, int offset, int length, boolean retransmission) {
        boolean syn = (flags & TcpFlags.SYN_BIT) != 0;
        boolean ackFlag = (flags & TcpFlags.ACK_BIT) != 0;
        // A segment longer than the MSS is a super-segment for the device to cut (TSO), with a partial checksum.
        int segmentSize = length > smss ? smss : 0;
        if (ackFlag && sackOk && !syn) {
            // SACK blocks share the MSS with data (RFC 2018 §3): send only as many as fit the packet (each one the
            // device cuts from a super-segment carries the same options).
            int room = initialSmss() - (segmentSize > 0 ? segmentSize : length) - (tsOk ? 12 : 0) - 4;
            int fit = Math.min(tsOk ? 3 : 4, room / 8);
            rcv.sackBlocks(e, Math.max(0, fit));
        }
        // Every octet of the frame is written below (payload, TCP, IP and Ethernet headers), so a reused one will do.
        ByteBuffer b = Frames.allocateForOverwrite(length);
        if (length > 0) {
            data.copy(offset, length, b.duplicate());
        }
        int ack = ackFlag ? rcv.rcvNxt : 0;
        int window = rcv.windowField(syn);
        e.partialChecksum = segmentSize > 0;
        e.prepend(b, localPort, remotePort, seq, ack, flags, window, localAddress.bits(), remoteAddress.bits());
        if (ackFlag) {
            lastAckSent = ack;
            rcv.ackSent();
        }
        if (!retransmission) {
            layer.counters.outSegs++;
        }
        if (segmentSize > 0) {
            layer.counters.outLargeSegs++;
        }
        layer.ip().send(localAddress, remoteAddress, IpProtocol.TCP, b, SendOptions.DONT_FRAGMENT, segmentSize);
    }

    private int tsValue() {
        // RFC 7323 §5.4: a timestamp clock of 1 ms per tick, with a random offset per connection.
        return (int) (scheduler().nanos() / 1_000_000L) + tsOffset;
    }

    // ---- the end ------------------------------------------------------------------------------------------------

    /** Enters CLOSED, deletes the TCB and tells the user why. */
    void closeNow(CloseReason reason, boolean countReset) {
        if (state == TcpState.CLOSED) {
            return;
        }
        if (countReset && reason == CloseReason.RESET) {
            layer.counters.estabResets++;
        }
        setState(TcpState.CLOSED);
        snd.shutdown();
        rcv.shutdown(reason != CloseReason.NORMAL);
        lifeTimer.cancel();
        layer.remove(this);
        if (listener != null) {
            listener.embryoGone(this);
        }
        handler.closed(this, reason);
    }

    @Override
    public String toString() {
        return localAddress + ":" + localPort + " > " + remoteAddress + ":" + remotePort + " " + state;
    }
}
