package dev.strata.bench;

import dev.strata.host.Host;
import dev.strata.ip.NetInterface;
import dev.strata.link.Link;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4Interface;

/**
 * A point-to-point link between two simulated hosts whose ARP caches already hold each other's address, as on the
 * links of ns-3's point-to-point model, which resolve no addresses: the benchmarks time the transfer, not ARP.
 *
 * @param link the link; its ends are named {@code host.iface}
 * @param a the interface on the first host
 * @param b the interface on the second host
 */
public record PointToPoint(Link link, NetInterface a, NetInterface b) {

    /**
     * One end of the link to make.
     *
     * @param host the host
     * @param iface the new interface's name on that host
     * @param address the interface's address and prefix, e.g. {@code 192.0.2.1/24}
     */
    public record End(Host host, String iface, Ip4Interface address) {
        /** The end {@code iface} of {@code host} with address {@code cidr}. */
        public static End of(Host host, String iface, String cidr) {
            return new End(host, iface, Ip4Interface.parse(cidr));
        }

        String label() {
            return host.name() + "." + iface;
        }
    }

    /** Joins {@code a} and {@code b} with a link of {@code params} in both directions and MTU {@code mtu}. */
    public static PointToPoint join(Simulation sim, End a, End b, LinkParams params, int mtu) {
        return join(sim, a, b, params, params, mtu);
    }

    /** Joins {@code a} and {@code b} with a link of {@code aToB} from a to b and {@code bToA} back. */
    public static PointToPoint join(Simulation sim, End a, End b, LinkParams aToB, LinkParams bToA, int mtu) {
        Link link = sim.link(
                a.label() + "-" + b.label(),
                aToB,
                bToA,
                new Link.End.Spec(a.label(), sim.nextMac(), mtu),
                new Link.End.Spec(b.label(), sim.nextMac(), mtu));
        NetInterface ia = a.host().addInterface(a.iface(), link.a(), a.address());
        NetInterface ib = b.host().addInterface(b.iface(), link.b(), b.address());
        ia.arp().put(b.address().address(), link.b().mac());
        ib.arp().put(a.address().address(), link.a().mac());
        return new PointToPoint(link, ia, ib);
    }
}
