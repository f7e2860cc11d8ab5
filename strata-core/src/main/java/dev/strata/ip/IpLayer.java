package dev.strata.ip;

import dev.strata.link.NetDevice;
import dev.strata.time.Scheduler;
import dev.strata.wire.ChecksumPolicy;
import dev.strata.wire.Icmpv4Code;
import dev.strata.wire.Icmpv4Message;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.Ip4Prefix;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Header;
import dev.strata.wire.Ipv4Options;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.ParseError;
import dev.strata.wire.Parsed;
import dev.strata.wire.SoftwareGso;
import dev.strata.wire.VirtioGsoType;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * IPv4 for one host (RFC 791, RFC 1122 §3.3, and RFC 1812 §5 when forwarding): interfaces, routes, input with
 * reassembly and local delivery, output with route lookup and fragmentation, and forwarding between interfaces.
 *
 * <p>The host follows the weak end-system model (RFC 1122 §3.3.4.2), as Linux does: a datagram for any of its
 * addresses is accepted on any interface.
 */
public final class IpLayer {

    private final String node;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final List<NetInterface> interfaces = new ArrayList<>();
    private final RouteTable routes = new RouteTable();
    private final ProtocolHandler[] handlers = new ProtocolHandler[256];
    private final Reassembler reassembler;
    private final Icmp icmp;
    /** The interfaces' addresses, sorted, for a binary search per datagram (a router may have many). */
    private int[] localAddresses = new int[0];
    /** The interfaces' directed broadcast addresses (prefixes shorter than /31), sorted. */
    private int[] directedBroadcasts = new int[0];

    private ArpParams arpParams = ArpParams.DEFAULT;
    private boolean forwarding;
    private int nextId;

    /** Counters per RFC 4293. */
    public final IpCounters counters = new IpCounters();

    /** An IP layer for the node called {@code node}, with no interfaces yet. */
    public IpLayer(String node, Scheduler scheduler, RandomGenerator random) {
        this.node = node;
        this.scheduler = scheduler;
        this.random = random;
        this.nextId = random.nextInt(0x10000);
        this.reassembler = new Reassembler(scheduler, counters, this::reassemblyTimedOut);
        this.icmp = new Icmp(this, scheduler);
        handlers[IpProtocol.ICMP.value()] = icmp;
    }

    /** The node's name. */
    public String node() {
        return node;
    }

    /** The scheduler this layer runs on. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The ICMP module of this host. */
    public Icmp icmp() {
        return icmp;
    }

    /** The routing table. */
    public RouteTable routes() {
        return routes;
    }

    /** The interfaces, in the order they were added. */
    public List<NetInterface> interfaces() {
        return List.copyOf(interfaces);
    }

    /** The interface called {@code name}, or null. */
    public NetInterface iface(String name) {
        for (NetInterface i : interfaces) {
            if (i.name().equals(name)) {
                return i;
            }
        }
        return null;
    }

    /** Sets the ARP parameters used by interfaces added from now on. */
    public void setArpParams(ArpParams params) {
        this.arpParams = params;
    }

    /** Turns forwarding between interfaces on (a router) or off (a host, the default). */
    public void setForwarding(boolean on) {
        this.forwarding = on;
    }

    /** True when this node forwards datagrams not addressed to it. */
    public boolean isForwarding() {
        return forwarding;
    }

    /** Registers the handler of an upper-layer protocol, replacing any earlier one. */
    public void register(IpProtocol protocol, ProtocolHandler handler) {
        handlers[protocol.value()] = handler;
    }

    /**
     * Adds an interface on {@code device} with {@code address}, and the connected route to its network.
     *
     * @throws IllegalArgumentException when the name is taken
     */
    public NetInterface addInterface(String name, NetDevice device, Ip4Interface address) {
        if (iface(name) != null) {
            throw new IllegalArgumentException(node + " already has an interface called " + name);
        }
        NetInterface i = new NetInterface(name, device, address, this, scheduler, random, arpParams);
        interfaces.add(i);
        addressesChanged();
        routes.add(new Route(address.prefix(), Ip4.ANY, i, 0));
        return i;
    }

    void addressChanged(NetInterface i, Ip4Interface old) {
        addressesChanged();
        routes.remove(old.prefix());
        routes.add(new Route(i.address().prefix(), Ip4.ANY, i, 0));
    }

    private void addressesChanged() {
        int n = interfaces.size();
        int[] local = new int[n];
        int[] broadcast = new int[n];
        int b = 0;
        for (int k = 0; k < n; k++) {
            Ip4Interface a = interfaces.get(k).address();
            local[k] = a.address().bits();
            if (a.prefixLength() < 31) {
                broadcast[b++] = a.address().bits() | ~Ip4Prefix.maskBits(a.prefixLength());
            }
        }
        Arrays.sort(local);
        broadcast = Arrays.copyOf(broadcast, b);
        Arrays.sort(broadcast);
        localAddresses = local;
        directedBroadcasts = broadcast;
    }

    /** True when {@code address} is one of this host's addresses (or loopback). */
    public boolean isLocal(Ip4 address) {
        return address.isLoopback() || contains(localAddresses, address.bits());
    }

    /** True when sorted {@code set} holds {@code bits}: a scan for the few addresses of a host, else a search. */
    private static boolean contains(int[] set, int bits) {
        if (set.length > 8) {
            return Arrays.binarySearch(set, bits) >= 0;
        }
        for (int a : set) {
            if (a == bits) {
                return true;
            }
        }
        return false;
    }

    /** The source address this host would use towards {@code destination}, or null when there is no route. */
    public Ip4 sourceFor(Ip4 destination) {
        if (isLocal(destination)) {
            return destination;
        }
        Route r = routes.lookup(destination);
        return r == null ? null : r.iface().address().address();
    }

    /** The MTU of the interface towards {@code destination}, or 0 when there is no route. */
    public int mtuFor(Ip4 destination) {
        if (isLocal(destination)) {
            return 65535;
        }
        Route r = routes.lookup(destination);
        return r == null ? 0 : r.iface().mtu();
    }

    // ---- output ---------------------------------------------------------------------------------------------

    /**
     * Sends {@code payload} (position..limit, with {@link Frames#HEADROOM} before it) to {@code destination} as one
     * datagram, fragmenting it when it exceeds the interface MTU and DF is clear. IP owns the buffer afterwards.
     *
     * @param source the source address, or null to pick the outgoing interface's address
     */
    public SendResult send(Ip4 source, Ip4 destination, IpProtocol protocol, ByteBuffer payload, SendOptions opts) {
        return send(source, destination, protocol, payload, opts, 0);
    }

    /**
     * The largest IP packet the interface towards {@code destination} takes for TCP segmentation offload (see
     * {@link NetDevice#segmentOffloadSize()}), or 0 when it takes none, for a local destination, or without a route.
     */
    public int segmentOffloadFor(Ip4 destination) {
        if (isLocal(destination)) {
            return 0;
        }
        Route r = routes.lookup(destination);
        return r == null ? 0 : r.iface().device().segmentOffloadSize();
    }

    /**
     * Sends as {@link #send(Ip4, Ip4, IpProtocol, ByteBuffer, SendOptions)}; a {@code segmentSize} above 0 marks the
     * payload as a TCP super-segment with a partial checksum (the field holds only the pseudo-header's sum), which
     * goes whole to a device that cuts such segments into segments of {@code segmentSize} payload octets, and is cut
     * here otherwise (see {@link #segmentOffloadFor}).
     */
    public SendResult send(
            Ip4 source, Ip4 destination, IpProtocol protocol, ByteBuffer payload, SendOptions opts, int segmentSize) {
        counters.outRequests++;
        if (isLocal(destination)) {
            Ip4 src = source == null ? destination : source;
            Ipv4Header h = header(src, destination, protocol, opts);
            h.prepend(payload);
            if (segmentSize > 0) {
                SoftwareGso.completeTcpChecksum(payload, 0);
            }
            loopback(payload);
            return SendResult.SENT;
        }
        Route r = destination.equals(Ip4.BROADCAST) && !interfaces.isEmpty()
                ? new Route(Ip4Prefix.DEFAULT, Ip4.ANY, interfaces.getFirst(), 0)
                : routes.lookup(destination);
        if (r == null) {
            counters.outNoRoutes++;
            return SendResult.NO_ROUTE;
        }
        Ip4 src = source == null ? r.iface().address().address() : source;
        Ipv4Header h = header(src, destination, protocol, opts);
        int total = h.length() + payload.remaining();
        if (segmentSize > 0) {
            h.prepend(payload);
            sendSegmented(r.iface(), r.nextHop(destination), payload, total, segmentSize);
            return SendResult.SENT;
        }
        if (total > r.iface().mtu()) {
            if (opts.dontFragment()) {
                counters.outDiscards++;
                counters.outFragFails++;
                return SendResult.TOO_BIG;
            }
            h.prepend(payload);
            fragmentAndSend(r.iface(), r.nextHop(destination), payload);
            return SendResult.SENT;
        }
        h.prepend(payload);
        counters.outTransmits++;
        r.iface().sendIp(r.nextHop(destination), payload);
        return SendResult.SENT;
    }

    /** A TCP super-segment: whole to a device that cuts it, else cut here into packets sent one by one. */
    private void sendSegmented(NetInterface out, Ip4 nextHop, ByteBuffer packet, int total, int segmentSize) {
        if (total <= out.device().segmentOffloadSize()) {
            counters.outTransmits++;
            out.sendIpSegmented(nextHop, packet, segmentSize);
            return;
        }
        ParseError e = SoftwareGso.segment(packet, 0, VirtioGsoType.TCPV4, segmentSize, Frames.HEADROOM, p -> {
            counters.outTransmits++;
            out.sendIp(nextHop, p);
        });
        if (e != null) {
            counters.outDiscards++;
        }
    }

    private Ipv4Header header(Ip4 src, Ip4 dst, IpProtocol protocol, SendOptions o) {
        int id = nextId;
        nextId = (nextId + 1) & 0xFFFF;
        return new Ipv4Header(
                o.dscp(), o.ecn(), id, o.dontFragment(), false, 0, o.ttl(), protocol, src, dst, Ipv4Options.NONE);
    }

    private void loopback(ByteBuffer packet) {
        counters.outTransmits++;
        scheduler.execute(() -> input(null, packet, false, false));
    }

    private void fragmentAndSend(NetInterface out, Ip4 nextHop, ByteBuffer packet) {
        if (!(Ipv4Packet.parse(packet, ChecksumPolicy.SKIP) instanceof Parsed.Ok<Ipv4Packet>(Ipv4Packet p))) {
            counters.outDiscards++;
            return;
        }
        counters.outFragReqds++;
        List<ByteBuffer> fragments = Fragmenter.fragment(p, out.mtu());
        counters.outFragOKs++;
        counters.outFragCreates += fragments.size();
        for (ByteBuffer f : fragments) {
            counters.outTransmits++;
            out.sendIp(nextHop, f);
        }
    }

    void unresolved(NetInterface out, Ip4 nextHop, List<ByteBuffer> packets) {
        for (ByteBuffer b : packets) {
            counters.outDiscards++;
            if (!(Ipv4Packet.parse(b, ChecksumPolicy.SKIP) instanceof Parsed.Ok<Ipv4Packet>(Ipv4Packet p))) {
                continue;
            }
            if (isLocal(p.source())) {
                // Our own datagram: the sender learns EHOSTUNREACH, as a socket would.
                icmp.localError(p, Icmpv4Code.HOST_UNREACHABLE);
            } else {
                // RFC 1812 §4.3.3.1: a router that cannot reach the next hop answers host unreachable.
                icmp.sendError(p, Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.HOST_UNREACHABLE), out, false);
            }
        }
    }

    // ---- input ----------------------------------------------------------------------------------------------

    /**
     * Receives an IP datagram from {@code in} (null for loopback): position at the IP header.
     *
     * @param linkGroup true when the frame was sent to a link-layer broadcast or multicast address
     * @param checksumVerified true when the device vouched for the TCP checksum (an offloaded frame)
     */
    void input(NetInterface in, ByteBuffer buf, boolean linkGroup, boolean checksumVerified) {
        counters.inReceives++;
        Ipv4Packet p;
        switch (Ipv4Packet.parse(buf)) {
            case Parsed.Ok<Ipv4Packet> ok -> p = ok.value();
            case Parsed.Malformed<Ipv4Packet> m -> {
                switch (m.error()) {
                    case TRUNCATED, BAD_LENGTH -> counters.inTruncatedPkts++;
                    default -> counters.inHdrErrors++;
                }
                return;
            }
        }
        // Drop any link-layer padding past the datagram.
        buf.limit(p.offset() + p.totalLength());
        Ip4 src = p.source();
        Ip4 dst = p.destination();
        // RFC 1812 §5.3.7 / RFC 1122 §3.2.1.3: martian sources are discarded.
        if (src.isMulticast() || src.isBroadcast() || (in != null && src.isLoopback())) {
            counters.inAddrErrors++;
            return;
        }
        if (isForUs(in, dst)) {
            deliver(in, p, linkGroup, checksumVerified);
        } else if (forwarding && !linkGroup && in != null) {
            if (checksumVerified) {
                // The field may hold only the pseudo-header's sum: what goes on must carry the real checksum.
                ByteBuffer whole = p.buffer().duplicate();
                whole.position(p.offset()).limit(p.offset() + p.totalLength());
                SoftwareGso.completeTcpChecksum(whole, 0);
            }
            forward(in, p);
        } else {
            counters.inAddrErrors++;
        }
    }

    private boolean isForUs(NetInterface in, Ip4 dst) {
        if (dst.equals(Ip4.BROADCAST) || isLocal(dst)) {
            return true;
        }
        if (dst.isMulticast()) {
            return dst.equals(ALL_SYSTEMS);
        }
        return contains(directedBroadcasts, dst.bits());
    }

    /** 224.0.0.1, the all-systems group every host belongs to (RFC 1112 §4). */
    private static final Ip4 ALL_SYSTEMS = Ip4.of(224, 0, 0, 1);

    private void deliver(NetInterface in, Ipv4Packet p, boolean linkGroup, boolean checksumVerified) {
        boolean verified = checksumVerified;
        if (p.isFragment()) {
            verified = false;
            counters.reasmReqds++;
            Ipv4Packet whole = reassembler.add(p);
            if (whole == null) {
                return;
            }
            counters.reasmOKs++;
            p = whole;
        }
        ProtocolHandler h = handlers[p.protocolValue()];
        if (h == null) {
            counters.inUnknownProtos++;
            if (in != null) {
                icmp.sendError(
                        p, Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.PROTOCOL_UNREACHABLE), in, linkGroup);
            }
            return;
        }
        counters.inDelivers++;
        h.receive(in, p, verified);
    }

    /** Sends a "port unreachable" (or another destination-unreachable code) about a datagram we received. */
    public void unreachable(NetInterface in, Ipv4Packet p, Icmpv4Code code) {
        if (in != null) {
            icmp.sendError(p, Icmpv4Message.DestinationUnreachable.of(code), in, false);
        }
    }

    /** Passes an ICMP error about one of our datagrams to the transport that sent it. */
    void deliverError(IcmpError error) {
        ProtocolHandler h = handlers[error.quote().protocolValue()];
        if (h != null) {
            h.icmpError(error);
        }
    }

    // ---- forwarding (RFC 1812 §5.2) ---------------------------------------------------------------------------

    private void forward(NetInterface in, Ipv4Packet p) {
        Ip4 dst = p.destination();
        // RFC 1812 §5.3.1: a datagram whose TTL would reach zero is discarded with a time exceeded.
        if (p.ttl() <= 1) {
            counters.inHdrErrors++;
            icmp.sendError(p, Icmpv4Message.TimeExceeded.IN_TRANSIT, in, false);
            return;
        }
        Route r = routes.lookup(dst);
        if (r == null) {
            counters.inNoRoutes++;
            icmp.sendError(p, Icmpv4Message.DestinationUnreachable.of(Icmpv4Code.NET_UNREACHABLE), in, false);
            return;
        }
        NetInterface out = r.iface();
        if (p.totalLength() > out.mtu()) {
            if (p.dontFragment()) {
                counters.outFragFails++;
                counters.outDiscards++;
                icmp.sendError(p, Icmpv4Message.DestinationUnreachable.fragmentationNeeded(out.mtu()), in, false);
                return;
            }
            p.decrementTtl();
            counters.inForwDatagrams++;
            counters.outForwDatagrams++;
            fragmentAndSend(out, r.nextHop(dst), p.buffer().position(p.offset()));
            return;
        }
        p.decrementTtl();
        counters.inForwDatagrams++;
        counters.outForwDatagrams++;
        counters.outTransmits++;
        ByteBuffer b = p.buffer();
        b.position(p.offset()).limit(p.offset() + p.totalLength());
        out.sendIp(r.nextHop(dst), b);
    }

    private void reassemblyTimedOut(Ipv4Packet firstFragment) {
        // RFC 792 / RFC 1122 §3.3.2: time exceeded (code 1) only when fragment zero was received.
        NetInterface in = interfaceFor(firstFragment.source());
        if (in != null) {
            icmp.sendError(firstFragment, Icmpv4Message.TimeExceeded.REASSEMBLY, in, false);
        }
    }

    private NetInterface interfaceFor(Ip4 address) {
        Route r = routes.lookup(address);
        return r == null ? null : r.iface();
    }

    @Override
    public String toString() {
        return "IP of " + node + (forwarding ? " (forwarding)" : "");
    }
}
