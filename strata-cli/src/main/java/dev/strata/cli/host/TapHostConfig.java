package dev.strata.cli.host;

import dev.strata.apps.simple.SimpleService;
import dev.strata.link.LinkParams;
import dev.strata.tcp.TcpConfig;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@code strata host} runs: a Strata host on one TAP device, validated.
 *
 * @param tap the TAP device's name (attached to when it exists, created otherwise)
 * @param address the host's address and prefix on the TAP's link
 * @param gateway the default gateway, or null for none
 * @param mac the host's MAC, or null for the TAP's default (02:53:...)
 * @param services the services to run on TCP and UDP
 * @param pcap where to write a pcapng capture of the TAP's traffic, or null for none
 * @param impair the impairments applied in both directions between the TAP and the host, or null for none
 * @param netns the name of a network namespace ({@code ip netns add NAME}) to open the TAP in, or null for the
 *     process's own
 * @param offloads whether to open the TAP with kernel offloads (IFF_VNET_HDR: the kernel's large segments taken
 *     whole, large segments handed to the kernel to cut; docs/tap.md), on by default; a kernel that refuses them
 *     gets a TAP without
 * @param tcp the socket options of the host's TCP connections (by default {@link #TCP_DEFAULTS})
 */
public record TapHostConfig(
        String tap,
        Ip4Interface address,
        Ip4 gateway,
        MacAddr mac,
        List<SimpleService> services,
        Path pcap,
        LinkParams impair,
        String netns,
        boolean offloads,
        TcpConfig tcp) {

    /**
     * TCP options for a host on a real link: Strata's defaults with 1 MiB buffers (room for a fast link's
     * bandwidth-delay product) and, like Linux, a minimum retransmission timeout of 200 ms instead of RFC 6298's 1 s
     * (§2.4 allows it), because on a LAN with loss every lost retransmission otherwise stalls the sender for a second.
     */
    public static final TcpConfig TCP_DEFAULTS =
            TcpConfig.DEFAULT.withBuffers(1 << 20, 1 << 20).withRto(1_000_000_000L, 200_000_000L, 120_000_000_000L);

    /** Checks the fields; the gateway must be on the host's network. */
    public TapHostConfig {
        Objects.requireNonNull(tap, "tap");
        Objects.requireNonNull(address, "address");
        services = List.copyOf(services);
        Objects.requireNonNull(tcp, "tcp");
        if (gateway != null && !address.isOnLink(gateway)) {
            throw new IllegalArgumentException("gateway " + gateway + " is not on " + address.prefix());
        }
        if (mac != null && (mac.isMulticast() || mac.equals(MacAddr.ZERO))) {
            throw new IllegalArgumentException("MAC " + mac + " is not a unicast address");
        }
    }

    /** A host on {@code tap} at {@code address}, with no services, offloads on, and nothing else. */
    public static TapHostConfig of(String tap, Ip4Interface address) {
        return new TapHostConfig(tap, address, null, null, List.of(), null, null, null, true, TCP_DEFAULTS);
    }

    /** This configuration running {@code list}. */
    public TapHostConfig withServices(List<SimpleService> list) {
        return new TapHostConfig(tap, address, gateway, mac, list, pcap, impair, netns, offloads, tcp);
    }

    /** This configuration with the default gateway {@code gw}. */
    public TapHostConfig withGateway(Ip4 gw) {
        return new TapHostConfig(tap, address, gw, mac, services, pcap, impair, netns, offloads, tcp);
    }

    /** This configuration with the MAC {@code m}. */
    public TapHostConfig withMac(MacAddr m) {
        return new TapHostConfig(tap, address, gateway, m, services, pcap, impair, netns, offloads, tcp);
    }

    /** This configuration capturing to {@code file}. */
    public TapHostConfig withPcap(Path file) {
        return new TapHostConfig(tap, address, gateway, mac, services, file, impair, netns, offloads, tcp);
    }

    /** This configuration with impairments {@code params} in both directions. */
    public TapHostConfig withImpair(LinkParams params) {
        return new TapHostConfig(tap, address, gateway, mac, services, pcap, params, netns, offloads, tcp);
    }

    /** This configuration opening the TAP inside the namespace {@code name}. */
    public TapHostConfig inNetns(String name) {
        return new TapHostConfig(tap, address, gateway, mac, services, pcap, impair, name, offloads, tcp);
    }

    /** This configuration with the TCP socket options {@code options}. */
    public TapHostConfig withTcp(TcpConfig options) {
        return new TapHostConfig(tap, address, gateway, mac, services, pcap, impair, netns, offloads, options);
    }

    /** This configuration with or without kernel offloads. */
    public TapHostConfig withOffloads(boolean on) {
        return new TapHostConfig(tap, address, gateway, mac, services, pcap, impair, netns, on, tcp);
    }
}
