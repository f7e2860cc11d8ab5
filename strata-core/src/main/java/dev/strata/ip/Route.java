package dev.strata.ip;

import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Prefix;

/**
 * One entry of a routing table: packets for {@code destination} leave through {@code iface}, to {@code gateway} or,
 * when the gateway is {@link Ip4#ANY}, straight to the destination on the attached network.
 *
 * @param destination the prefix this route covers
 * @param gateway the next-hop router, or {@link Ip4#ANY} for a directly connected network
 * @param iface the interface packets leave through
 * @param metric preference among routes of equal prefix length; lower wins
 */
public record Route(Ip4Prefix destination, Ip4 gateway, NetInterface iface, int metric) {

    /** True when the destination is on the attached network (no gateway). */
    public boolean isDirect() {
        return gateway.isUnspecified();
    }

    /** The address frames are sent to for {@code dst}: the gateway, or {@code dst} itself when on-link. */
    public Ip4 nextHop(Ip4 dst) {
        return isDirect() ? dst : gateway;
    }

    @Override
    public String toString() {
        return destination + (isDirect() ? "" : " via " + gateway) + " dev " + iface.name()
                + (metric == 0 ? "" : " metric " + metric);
    }
}
