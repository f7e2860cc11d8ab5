package dev.strata.tcp;

import dev.strata.ip.Frames;
import dev.strata.ip.IcmpError;
import dev.strata.ip.IpLayer;
import dev.strata.ip.NetInterface;
import dev.strata.ip.ProtocolHandler;
import dev.strata.ip.SendOptions;
import dev.strata.time.Scheduler;
import dev.strata.time.TokenBucket;
import dev.strata.udp.Ports;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Type;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Parsed;
import dev.strata.wire.TcpFlags;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * TCP for one host: demultiplexes segments to connections by their four-tuple and to listeners by port, answers
 * segments for no connection with RST (RFC 9293 §3.10.7.1), opens connections, and owns what connections share: the
 * ISN generator (RFC 6528), SYN cookies, the challenge-ACK rate limit (RFC 5961 §7) and the counters.
 */
public final class TcpLayer implements ProtocolHandler {

    private record Binding(int address, int port) {}

    private final IpLayer ip;
    private final RandomGenerator random;
    private final ConnectionTable connections = new ConnectionTable();
    private final Map<Binding, TcpListener> listeners = new HashMap<>();
    private final IsnGenerator isnGenerator;
    private final SynCookies cookies;
    private final TokenBucket challengeAcks;
    private final SegmentEncoder encoder = new SegmentEncoder();
    private final Segment scratch = new Segment();
    private final List<TcpObserver> observers = new ArrayList<>();
    private TcpConfig defaults = TcpConfig.DEFAULT;

    /** Counters per RFC 4022. */
    public final TcpCounters counters = new TcpCounters();

    /** TCP over {@code ip}; registers itself for protocol 6. Keys for ISNs and cookies come from {@code random}. */
    public TcpLayer(IpLayer ip, RandomGenerator random) {
        this.ip = ip;
        this.random = random;
        byte[] isnKey = new byte[16];
        byte[] cookieKey = new byte[16];
        random.nextBytes(isnKey);
        random.nextBytes(cookieKey);
        this.isnGenerator = new IsnGenerator(isnKey, ip.scheduler());
        this.cookies = new SynCookies(cookieKey, ip.scheduler());
        // RFC 5961 §7: limit challenge ACKs; Linux's historical default was 1000 per second.
        this.challengeAcks = new TokenBucket(ip.scheduler(), 1000, 100);
        ip.register(IpProtocol.TCP, this);
    }

    /** The IP layer under this TCP. */
    public IpLayer ip() {
        return ip;
    }

    Scheduler scheduler() {
        return ip.scheduler();
    }

    RandomGenerator random() {
        return random;
    }

    SegmentEncoder encoder() {
        return encoder;
    }

    SynCookies cookies() {
        return cookies;
    }

    /** The options new sockets get unless they say otherwise. */
    public TcpConfig defaults() {
        return defaults;
    }

    /** Sets the options new sockets get. */
    public void setDefaults(TcpConfig config) {
        this.defaults = config;
    }

    /** Adds an observer of every connection's state changes. */
    public void addObserver(TcpObserver o) {
        observers.add(o);
    }

    /** Connections that have a TCB (not CLOSED), including TIME-WAIT ones. */
    public int connectionCount() {
        return connections.size();
    }

    int mtuFor(Ip4 remote) {
        return ip.mtuFor(remote);
    }

    int chooseIss(TcpConnection c) {
        if (c.config.fixedIsn() >= 0) {
            return (int) c.config.fixedIsn();
        }
        return isnGenerator.isn(
                c.localAddress().bits(), c.localPort(), c.remoteAddress().bits(), c.remotePort());
    }

    boolean challengeAckAllowed() {
        return challengeAcks.tryTake();
    }

    void stateChanged(TcpConnection c, TcpState from, TcpState to) {
        for (TcpObserver o : observers) {
            o.stateChanged(c, from, to);
        }
    }

    void congestion(TcpConnection c, String event, long cwnd, long ssthresh) {
        for (TcpObserver o : observers) {
            o.congestion(c, event, cwnd, ssthresh);
        }
    }

    // ---- opening ------------------------------------------------------------------------------------------------

    /**
     * OPEN active: connects to {@code remote}:{@code port} from an ephemeral port, with {@code config}.
     *
     * @throws IllegalStateException when there is no route or no free port
     */
    public TcpConnection connect(Ip4 remote, int port, TcpConfig config, TcpHandler handler) {
        Ports.check(port);
        Ip4 local = ip.sourceFor(remote);
        if (local == null) {
            throw new IllegalStateException("no route to " + remote);
        }
        int lp = Ports.ephemeral(
                random,
                p -> connections.contains(local.bits(), p, remote.bits(), port)
                        || listeners.containsKey(new Binding(0, p))
                        || listeners.containsKey(new Binding(local.bits(), p)));
        if (lp < 0) {
            throw new IllegalStateException("no free local port towards " + remote + ":" + port);
        }
        return connect(local, lp, remote, port, config, handler);
    }

    /**
     * OPEN active from a chosen local address and port.
     *
     * @throws IllegalStateException when that four-tuple is in use
     */
    public TcpConnection connect(Ip4 local, int localPort, Ip4 remote, int port, TcpConfig config, TcpHandler handler) {
        if (connections.contains(local.bits(), localPort, remote.bits(), port)) {
            throw new IllegalStateException(
                    "connection " + local + ":" + localPort + " > " + remote + ":" + port + " exists");
        }
        TcpConnection c = newConnection(config, local, localPort, remote, port);
        c.setHandler(handler);
        c.openActive();
        return c;
    }

    /**
     * OPEN passive: listens on {@code address} ({@link Ip4#ANY} for all) and {@code port}.
     *
     * @param backlog bound on the SYN queue and on the accept queue
     * @throws IllegalStateException when the port is taken (EADDRINUSE)
     */
    public TcpListener listen(Ip4 address, int port, int backlog, TcpConfig config) {
        Ports.check(port);
        if (port == 0 || backlog < 1) {
            throw new IllegalArgumentException("listen needs a port and a backlog of at least 1");
        }
        Binding b = new Binding(address.bits(), port);
        if (listeners.containsKey(b) || listeners.containsKey(new Binding(0, port))) {
            throw new IllegalStateException("TCP port " + port + " is in use");
        }
        TcpListener l = new TcpListener(this, address, port, backlog, config);
        listeners.put(b, l);
        return l;
    }

    void unlisten(TcpListener l) {
        listeners.remove(new Binding(l.address().bits(), l.port()), l);
    }

    TcpConnection newConnection(TcpConfig config, Ip4 local, int localPort, Ip4 remote, int remotePort) {
        TcpConnection c = new TcpConnection(this, config, local, localPort, remote, remotePort);
        connections.put(c);
        return c;
    }

    void remove(TcpConnection c) {
        connections.remove(c);
    }

    // ---- input --------------------------------------------------------------------------------------------------

    @Override
    public void receive(NetInterface in, Ipv4Packet p) {
        receive(in, p, false);
    }

    /**
     * Receives a segment; with {@code checksumVerified} (an offloaded frame: the device vouched for the checksum,
     * whose field may hold only the pseudo-header's sum) the checksum is not verified, as with a NIC's receive
     * checksum offload, and the segment is counted in {@code inCsumOffloaded}.
     */
    @Override
    public void receive(NetInterface in, Ipv4Packet p, boolean checksumVerified) {
        counters.inSegs++;
        ByteBuffer b = p.buffer().duplicate();
        b.position(p.payloadOffset()).limit(p.payloadOffset() + p.payloadLength());
        if (checksumVerified) {
            counters.inCsumOffloaded++;
            if (in != null && p.totalLength() > in.mtu()) {
                counters.inLargeSegs++;
            }
        }
        TcpSegment s;
        switch (checksumVerified ? TcpSegment.parse(b) : TcpSegment.parse(b, p.pseudoHeader())) {
            case Parsed.Ok<TcpSegment> ok -> s = ok.value();
            case Parsed.Malformed<TcpSegment> m -> {
                counters.inErrs++;
                return;
            }
        }
        Ip4 dst = p.destination();
        Ip4 src = p.source();
        if (dst.isBroadcast() || dst.isMulticast() || src.isBroadcast() || src.isMulticast()) {
            return; // RFC 1122 §4.2.3.10: TCP ignores broadcast and multicast segments
        }
        Segment seg = scratch.read(s);
        TcpConnection c = connections.get(dst.bits(), s.destinationPort(), src.bits(), s.sourcePort());
        if (c != null) {
            if (c.state == TcpState.TIME_WAIT && seg.syn && !seg.ackFlag() && Seq.gt(seg.seq, c.rcv.rcvNxt)) {
                // RFC 9293 §3.10.7.4 (TIME-WAIT) and RFC 6191: a new SYN beyond the old sequence space may reopen.
                c.closeNow(CloseReason.NORMAL, false);
                c = null;
            } else {
                c.heardFromPeer();
                c.segmentArrives(seg);
                ByteBuffer frame = p.buffer();
                if (!seg.kept && frame.hasArray() && !c.rcv.buffer.holds(frame.array())) {
                    // Nothing refers to the frame any more (read already, or copied, or not needed): reuse it.
                    Frames.recycle(frame);
                }
                return;
            }
        }
        TcpListener l = listeners.get(new Binding(dst.bits(), s.destinationPort()));
        if (l == null) {
            l = listeners.get(new Binding(0, s.destinationPort()));
        }
        if (l != null) {
            l.segmentArrives(seg, dst, src, s.sourcePort());
            return;
        }
        closedState(seg, dst, s.destinationPort(), src, s.sourcePort());
    }

    /** RFC 9293 §3.10.7.1: no TCB: answer anything but a RST with a RST. */
    private void closedState(Segment seg, Ip4 local, int localPort, Ip4 remote, int remotePort) {
        if (seg.rst()) {
            return;
        }
        if (seg.ackFlag()) {
            sendReset(local, localPort, remote, remotePort, seg.ack, 0, false); // <SEQ=SEG.ACK><CTL=RST>
        } else {
            // <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>
            sendReset(local, localPort, remote, remotePort, 0, seg.seq + seg.length(), true);
        }
    }

    @Override
    public void icmpError(IcmpError error) {
        var q = error.quote();
        if (!q.hasPorts()) {
            return;
        }
        TcpConnection c = connections.get(q.sourceBits(), q.sourcePort(), q.destinationBits(), q.destinationPort());
        if (c == null) {
            return;
        }
        // RFC 5927 §4.1 / RFC 5961: believe only errors quoting a sequence number we have in flight.
        int seq = q.hasFirstEightOctets() ? q.payload().getInt(4) : c.sndUna;
        if (!Seq.inRange(seq, c.sndUna, c.sndNxt + 1)) {
            return;
        }
        Icmpv4Code code = error.code();
        if (code.equals(Icmpv4Code.FRAGMENTATION_NEEDED)) {
            c.pathMtuDropped(error.nextHopMtu()); // RFC 1191 path MTU discovery
        } else if (code.type().equals(Icmpv4Type.DESTINATION_UNREACHABLE)) {
            // RFC 1122 §4.2.3.9: protocol and port unreachable are hard errors; others are soft.
            boolean hard = code.equals(Icmpv4Code.PORT_UNREACHABLE) || code.equals(Icmpv4Code.PROTOCOL_UNREACHABLE);
            c.icmpUnreachable(hard);
        }
    }

    // ---- control segments without a connection ------------------------------------------------------------------

    void sendReset(Ip4 local, int localPort, Ip4 remote, int remotePort, int seq, int ack, boolean withAck) {
        counters.outRsts++;
        counters.outSegs++;
        encoder.reset();
        ByteBuffer b = Frames.allocate(0);
        int flags = TcpFlags.RST_BIT | (withAck ? TcpFlags.ACK_BIT : 0);
        encoder.prepend(b, localPort, remotePort, seq, ack, flags, 0, local.bits(), remote.bits());
        ip.send(local, remote, IpProtocol.TCP, b, SendOptions.DONT_FRAGMENT);
    }

    void sendSynAckCookie(Ip4 local, int localPort, Ip4 remote, int remotePort, int seq, int ack, int window, int mss) {
        counters.outSegs++;
        encoder.reset();
        encoder.mss = mss;
        ByteBuffer b = Frames.allocate(0);
        int flags = TcpFlags.SYN_BIT | TcpFlags.ACK_BIT;
        encoder.prepend(b, localPort, remotePort, seq, ack, flags, window, local.bits(), remote.bits());
        ip.send(local, remote, IpProtocol.TCP, b, SendOptions.DONT_FRAGMENT);
    }
}
