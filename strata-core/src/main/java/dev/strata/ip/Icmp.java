package dev.strata.ip;

import dev.strata.time.Scheduler;
import dev.strata.time.TokenBucket;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Errors;
import dev.strata.wire.Icmpv4Message;
import dev.strata.wire.Icmpv4Packet;
import dev.strata.wire.Icmpv4Type;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Ipv4Quote;
import dev.strata.wire.Parsed;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * ICMPv4 for one host (RFC 792, RFC 1122 §3.2.2, RFC 1812 §4.3): the echo responder, echo sockets, error messages
 * sent about datagrams we could not handle, and errors received passed to the transport that caused them.
 */
public final class Icmp implements ProtocolHandler {

    /** Errors sent per second at most, and the burst allowed (Linux's icmp_msgs_per_sec and icmp_msgs_burst). */
    static final int RATE_PER_SECOND = 1000;

    static final int BURST = 50;

    private final IpLayer ip;
    private final Map<Integer, EchoListener> echoListeners = new HashMap<>();
    // RFC 1812 §4.3.2.8: a token bucket limits the rate of errors sent.
    private final TokenBucket errorLimit;

    /** Counters per RFC 4293. */
    public final IcmpCounters counters = new IcmpCounters();

    Icmp(IpLayer ip, Scheduler scheduler) {
        this.ip = ip;
        this.errorLimit = new TokenBucket(scheduler, RATE_PER_SECOND, BURST);
    }

    // ---- echo sockets -----------------------------------------------------------------------------------------

    /**
     * Binds an echo identifier to a listener (a ping socket).
     *
     * @throws IllegalStateException when the identifier is taken
     */
    public void bindEcho(int identifier, EchoListener listener) {
        if (echoListeners.putIfAbsent(identifier & 0xFFFF, listener) != null) {
            throw new IllegalStateException("echo identifier " + identifier + " is in use");
        }
    }

    /** Releases an echo identifier. */
    public void unbindEcho(int identifier) {
        echoListeners.remove(identifier & 0xFFFF);
    }

    /** Sends an echo request carrying a copy of {@code data}. */
    public SendResult sendEcho(Ip4 destination, int identifier, int sequence, ByteBuffer data, SendOptions opts) {
        ByteBuffer b = Frames.copyOf(data);
        new Icmpv4Message.EchoRequest(identifier & 0xFFFF, sequence & 0xFFFF).prepend(b);
        counters.outMsgs++;
        return ip.send(null, destination, IpProtocol.ICMP, b, opts);
    }

    // ---- input ------------------------------------------------------------------------------------------------

    @Override
    public void receive(NetInterface in, Ipv4Packet p) {
        counters.inMsgs++;
        ByteBuffer b = p.buffer().duplicate();
        b.position(p.payloadOffset()).limit(p.payloadOffset() + p.payloadLength());
        if (!(Icmpv4Packet.parse(b) instanceof Parsed.Ok<Icmpv4Packet>(Icmpv4Packet m))) {
            counters.inErrors++;
            return;
        }
        int type = m.typeValue();
        if (type == Icmpv4Type.ECHO_REQUEST.value()) {
            counters.inEchos++;
            echo(p, m);
        } else if (type == Icmpv4Type.ECHO_REPLY.value()) {
            counters.inEchoReps++;
            EchoListener l = echoListeners.get(m.identifier());
            if (l != null) {
                l.echoReply(p.source(), m.sequence(), p.ttl(), m.payload());
            }
        } else if (m.isError()) {
            if (type == Icmpv4Type.DESTINATION_UNREACHABLE.value()) {
                counters.inDestUnreachs++;
            } else if (type == Icmpv4Type.TIME_EXCEEDED.value()) {
                counters.inTimeExcds++;
            }
            if (m.quote() instanceof Parsed.Ok<Ipv4Quote>(Ipv4Quote q) && ip.isLocal(q.source())) {
                ip.deliverError(new IcmpError(p.source(), m.code(), m.nextHopMtu(), q));
            } else {
                counters.inErrors++;
            }
        }
    }

    private void echo(Ipv4Packet p, Icmpv4Packet m) {
        Ip4 dst = p.destination();
        if (dst.isMulticast() || dst.isBroadcast() || !ip.isLocal(dst)) {
            counters.broadcastEchoIgnored++; // icmp_echo_ignore_broadcasts=1
            return;
        }
        ByteBuffer b = Frames.copyOf(m.payload());
        new Icmpv4Message.EchoReply(m.identifier(), m.sequence()).prepend(b);
        counters.outMsgs++;
        counters.outEchoReps++;
        // RFC 1122 §3.2.2.6: the reply's source is the address the request was sent to.
        ip.send(dst, p.source(), IpProtocol.ICMP, b, SendOptions.DEFAULT);
    }

    /** An ICMP error about one of our echo requests: hand it to the ping socket by the quoted identifier. */
    @Override
    public void icmpError(IcmpError error) {
        Ipv4Quote q = error.quote();
        if (q.hasFirstEightOctets()) {
            int typeCodeId = q.payload().getInt(0);
            if ((typeCodeId >>> 24) == Icmpv4Type.ECHO_REQUEST.value()) {
                int second = q.secondWord();
                EchoListener l = echoListeners.get(second >>> 16);
                if (l != null) {
                    l.echoError(error, second & 0xFFFF);
                }
            }
        }
    }

    // ---- errors we send ---------------------------------------------------------------------------------------

    /**
     * Sends {@code error} about datagram {@code p} received on {@code in}, unless RFC 1122 §3.2.2 forbids it (an
     * error about an error, a non-initial fragment, a broadcast or multicast) or the rate limit says no.
     *
     * @param linkGroup true when {@code p} arrived in a link-layer broadcast or multicast frame
     */
    void sendError(Ipv4Packet p, Icmpv4Message error, NetInterface in, boolean linkGroup) {
        if (!Icmpv4Errors.mayReplyWithError(p, linkGroup, in.address())) {
            counters.errorsSuppressed++;
            return;
        }
        if (!errorLimit.tryTake()) {
            counters.errorsRateLimited++;
            return;
        }
        ByteBuffer b = Icmpv4Errors.build(error, p, Icmpv4Errors.QuoteLength.UP_TO_576, Frames.HEADROOM);
        counters.outMsgs++;
        counters.outErrors++;
        ip.send(null, p.source(), IpProtocol.ICMP, b, SendOptions.DEFAULT);
    }

    /** Reports an error about our own datagram {@code p} to its sender without sending anything on the wire. */
    void localError(Ipv4Packet p, Icmpv4Code code) {
        ByteBuffer b = p.buffer().duplicate();
        b.position(p.offset()).limit(p.offset() + p.totalLength());
        if (Ipv4Quote.parse(b) instanceof Parsed.Ok<Ipv4Quote>(Ipv4Quote q)) {
            ip.deliverError(new IcmpError(p.source(), code, 0, q));
        }
    }
}
