package dev.strata.host;

import dev.strata.ip.Icmp;
import dev.strata.ip.IpLayer;
import dev.strata.ip.NetInterface;
import dev.strata.ip.Route;
import dev.strata.link.NetDevice;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpLayer;
import dev.strata.tcp.TcpListener;
import dev.strata.time.Scheduler;
import dev.strata.udp.UdpLayer;
import dev.strata.udp.UdpSocket;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.Ip4Prefix;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One node's protocol stack: its interfaces, IP (with ICMP), UDP, TCP and the socket API, on one scheduler.
 *
 * <p>A host is the same code in the simulator and on a real network; only the {@link Scheduler} and the
 * {@link NetDevice}s differ. With forwarding on, a host is a router (RFC 1812). All methods run on the host's event
 * loop.
 */
public final class Host {

    private final String name;
    private final Scheduler scheduler;
    private final RandomGenerator random;
    private final IpLayer ip;
    private final UdpLayer udp;
    private final TcpLayer tcp;

    /** A host called {@code name} with no interfaces, on {@code scheduler}, drawing randomness from {@code random}. */
    public Host(String name, Scheduler scheduler, RandomGenerator random) {
        this.name = name;
        this.scheduler = scheduler;
        this.random = random;
        this.ip = new IpLayer(name, scheduler, random);
        this.udp = new UdpLayer(ip, random);
        this.tcp = new TcpLayer(ip, random);
    }

    /** The host's name. */
    public String name() {
        return name;
    }

    /** The scheduler the host runs on. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The host's random source. */
    public RandomGenerator random() {
        return random;
    }

    /** The IP layer. */
    public IpLayer ip() {
        return ip;
    }

    /** ICMP. */
    public Icmp icmp() {
        return ip.icmp();
    }

    /** The UDP layer. */
    public UdpLayer udp() {
        return udp;
    }

    /** The TCP layer. */
    public TcpLayer tcp() {
        return tcp;
    }

    /** Opens a TCP connection to {@code remote}:{@code port} with the host's default socket options. */
    public TcpConnection connect(Ip4 remote, int port, TcpHandler handler) {
        return tcp.connect(remote, port, tcp.defaults(), handler);
    }

    /** Opens a TCP connection with the given socket options. */
    public TcpConnection connect(Ip4 remote, int port, TcpConfig config, TcpHandler handler) {
        return tcp.connect(remote, port, config, handler);
    }

    /** Listens for TCP connections on {@code port} of all addresses, with a backlog of 128. */
    public TcpListener listen(int port) {
        return tcp.listen(Ip4.ANY, port, 128, tcp.defaults());
    }

    /** Listens for TCP connections on {@code port} with the given socket options and backlog. */
    public TcpListener listen(int port, int backlog, TcpConfig config) {
        return tcp.listen(Ip4.ANY, port, backlog, config);
    }

    /** Adds an interface on {@code device} with {@code address} (e.g. {@code 192.0.2.10/24}). */
    public NetInterface addInterface(String ifName, NetDevice device, Ip4Interface address) {
        return ip.addInterface(ifName, device, address);
    }

    /** The interfaces, in the order they were added. */
    public List<NetInterface> interfaces() {
        return ip.interfaces();
    }

    /** The interface called {@code ifName}, or null. */
    public NetInterface iface(String ifName) {
        return ip.iface(ifName);
    }

    /** The address of the first interface. */
    public Ip4 address() {
        if (ip.interfaces().isEmpty()) {
            throw new IllegalStateException(name + " has no interface");
        }
        return ip.interfaces().getFirst().address().address();
    }

    /** Sets the default route via {@code gateway}, which must be on one of the host's networks. */
    public void setDefaultGateway(Ip4 gateway) {
        addRoute(Ip4Prefix.DEFAULT, gateway);
    }

    /** Adds a route to {@code prefix} via {@code gateway}, which must be on one of the host's networks. */
    public void addRoute(Ip4Prefix prefix, Ip4 gateway) {
        for (NetInterface i : ip.interfaces()) {
            if (i.address().isOnLink(gateway)) {
                ip.routes().add(new Route(prefix, gateway, i, 0));
                return;
            }
        }
        throw new IllegalArgumentException(name + ": gateway " + gateway + " is not on any attached network");
    }

    /** Turns IP forwarding on (a router) or off. */
    public void setForwarding(boolean on) {
        ip.setForwarding(on);
    }

    /** Opens a UDP socket on {@code port} of all addresses (0: an ephemeral port). */
    public UdpSocket openUdp(int port) {
        return udp.open(Ip4.ANY, port);
    }

    /** Announces every interface's address with a gratuitous ARP (as an interface coming up does). */
    public void announce() {
        for (NetInterface i : ip.interfaces()) {
            i.announce();
        }
    }

    @Override
    public String toString() {
        return (ip.isForwarding() ? "router " : "host ") + name;
    }
}
