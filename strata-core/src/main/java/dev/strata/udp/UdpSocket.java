package dev.strata.udp;

import dev.strata.ip.Frames;
import dev.strata.ip.IcmpError;
import dev.strata.ip.SendOptions;
import dev.strata.ip.SendResult;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.UdpHeader;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A UDP endpoint bound to a local address and port: sends datagrams, and hands received ones and the ICMP errors
 * about sent ones to callbacks, on the host's event loop.
 */
public final class UdpSocket implements AutoCloseable {

    private final UdpLayer udp;
    private final Ip4 localAddress;
    private final int localPort;
    private UdpReceiver receiver;
    private Consumer<IcmpError> errors;
    private SendOptions options = SendOptions.DEFAULT;
    private boolean closed;

    UdpSocket(UdpLayer udp, Ip4 localAddress, int localPort) {
        this.udp = udp;
        this.localAddress = localAddress;
        this.localPort = localPort;
    }

    /** The bound address ({@link Ip4#ANY} for all of the host's addresses). */
    public Ip4 localAddress() {
        return localAddress;
    }

    /** The bound port. */
    public int localPort() {
        return localPort;
    }

    /** Sets where received datagrams go. */
    public UdpSocket onReceive(UdpReceiver r) {
        this.receiver = r;
        return this;
    }

    /** Sets where ICMP errors about our datagrams go (like IP_RECVERR). */
    public UdpSocket onError(Consumer<IcmpError> handler) {
        this.errors = handler;
        return this;
    }

    /** Sets the TTL of datagrams sent from now on (IP_TTL), as traceroute does. */
    public UdpSocket setTtl(int ttl) {
        this.options = options.withTtl(ttl);
        return this;
    }

    /** Sends a copy of {@code data} (position..limit) to {@code destination}:{@code port}. */
    public SendResult send(Ip4 destination, int port, ByteBuffer data) {
        if (closed) {
            throw new IllegalStateException("socket closed");
        }
        Ports.check(port);
        Ip4 src = localAddress.isUnspecified() ? udp.ip().sourceFor(destination) : localAddress;
        if (src == null) {
            return SendResult.NO_ROUTE;
        }
        if (data.remaining() > UdpHeader.MAX_LENGTH - 8) {
            return SendResult.TOO_BIG;
        }
        ByteBuffer b = Frames.copyOf(data);
        UdpHeader.of(localPort, port, src, destination).prepend(b);
        udp.counters.outDatagrams++;
        return udp.ip().send(src, destination, IpProtocol.UDP, b, options);
    }

    /** Unbinds the socket; further sends fail. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            udp.unbind(this);
        }
    }

    /** True once closed. */
    public boolean isClosed() {
        return closed;
    }

    void deliver(Ip4 source, int sourcePort, ByteBuffer payload) {
        UdpReceiver r = receiver;
        if (r != null) {
            r.receive(source, sourcePort, payload);
        }
    }

    void error(IcmpError e) {
        Consumer<IcmpError> h = errors;
        if (h != null) {
            h.accept(e);
        }
    }

    @Override
    public String toString() {
        return "udp " + localAddress + ":" + localPort;
    }
}
