package dev.strata.udp;

import dev.strata.ip.IcmpError;
import dev.strata.ip.IpLayer;
import dev.strata.ip.NetInterface;
import dev.strata.ip.ProtocolHandler;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Ipv4Quote;
import dev.strata.wire.Parsed;
import dev.strata.wire.UdpDatagram;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * UDP for one host (RFC 768, RFC 1122 §4.1): binds sockets to ports, checks checksums, demultiplexes datagrams to
 * sockets, and answers datagrams for closed ports with ICMP port unreachable (RFC 1122 §4.1.3.1).
 */
public final class UdpLayer implements ProtocolHandler {

    private record Binding(int address, int port) {}

    private final IpLayer ip;
    private final RandomGenerator random;
    private final Map<Binding, UdpSocket> sockets = new HashMap<>();

    /** Counters per RFC 4113. */
    public final UdpCounters counters = new UdpCounters();

    /** UDP over {@code ip}; registers itself for protocol 17. */
    public UdpLayer(IpLayer ip, RandomGenerator random) {
        this.ip = ip;
        this.random = random;
        ip.register(IpProtocol.UDP, this);
    }

    /** The IP layer under this UDP. */
    public IpLayer ip() {
        return ip;
    }

    /**
     * Opens a socket bound to {@code address} ({@link Ip4#ANY} for all) and {@code port} (0 for an ephemeral port).
     *
     * @throws IllegalStateException when the port is in use (EADDRINUSE) or no ephemeral port is free
     */
    public UdpSocket open(Ip4 address, int port) {
        Ports.check(port);
        if (port == 0) {
            port = Ports.ephemeral(random, p -> isBound(p));
            if (port < 0) {
                throw new IllegalStateException("no free ephemeral UDP port");
            }
        }
        if (sockets.containsKey(new Binding(address.bits(), port))
                || (address.isUnspecified() && isBound(port))
                || sockets.containsKey(new Binding(0, port))) {
            throw new IllegalStateException("UDP port " + port + " is in use");
        }
        UdpSocket s = new UdpSocket(this, address, port);
        sockets.put(new Binding(address.bits(), port), s);
        return s;
    }

    private boolean isBound(int port) {
        for (Binding b : sockets.keySet()) {
            if (b.port == port) {
                return true;
            }
        }
        return false;
    }

    void unbind(UdpSocket s) {
        sockets.remove(new Binding(s.localAddress().bits(), s.localPort()), s);
    }

    @Override
    public void receive(NetInterface in, Ipv4Packet p) {
        ByteBuffer b = p.buffer().duplicate();
        b.position(p.payloadOffset()).limit(p.payloadOffset() + p.payloadLength());
        UdpDatagram d;
        switch (UdpDatagram.parse(b, p.pseudoHeader())) {
            case Parsed.Ok<UdpDatagram> ok -> d = ok.value();
            case Parsed.Malformed<UdpDatagram> m -> {
                counters.inErrors++;
                return;
            }
        }
        int port = d.destinationPort();
        UdpSocket s = sockets.get(new Binding(p.destinationBits(), port));
        if (s == null) {
            s = sockets.get(new Binding(0, port));
        }
        if (s == null) {
            counters.noPorts++;
            Ip4 dst = p.destination();
            if (!dst.isBroadcast() && !dst.isMulticast() && ip.isLocal(dst)) {
                ip.unreachable(in, p, Icmpv4Code.PORT_UNREACHABLE);
            }
            return;
        }
        counters.inDatagrams++;
        s.deliver(p.source(), d.sourcePort(), d.payload());
    }

    @Override
    public void icmpError(IcmpError error) {
        Ipv4Quote q = error.quote();
        if (!q.hasPorts()) {
            return;
        }
        UdpSocket s = sockets.get(new Binding(q.sourceBits(), q.sourcePort()));
        if (s == null) {
            s = sockets.get(new Binding(0, q.sourcePort()));
        }
        if (s != null) {
            s.error(error);
        }
    }
}
