package dev.strata.wire;

/**
 * The {@code gso_type} of a {@code struct virtio_net_hdr} (virtio spec v1.2 §5.1.6, linux/virtio_net.h): which
 * segmentation a large packet needs, with the ECN bit; unknown values are kept as they are.
 *
 * @param value the octet, the ECN bit included
 */
public record VirtioGsoType(int value) {

    /** Not a large packet: no segmentation. */
    public static final VirtioGsoType NONE = new VirtioGsoType(0);
    /** TCP over IPv4, to be cut into segments of {@code gso_size} payload octets (TSO). */
    public static final VirtioGsoType TCPV4 = new VirtioGsoType(1);
    /** UDP over IPv4 or IPv6 to be fragmented by IP (UFO, obsolete). */
    public static final VirtioGsoType UDP = new VirtioGsoType(3);
    /** TCP over IPv6 (TSO). */
    public static final VirtioGsoType TCPV6 = new VirtioGsoType(4);
    /** UDP over IPv4 or IPv6, to be cut into datagrams of {@code gso_size} payload octets (USO). */
    public static final VirtioGsoType UDP_L4 = new VirtioGsoType(5);

    /** The ECN bit: the TCP segments carry CWR, which only the first cut segment keeps (RFC 3168 §6.1.2). */
    public static final int ECN = 0x80;

    /** Validates the 8-bit range. */
    public VirtioGsoType {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("gso_type out of range: " + value);
        }
    }

    /** The type for an octet, sharing the named constants. */
    public static VirtioGsoType of(int value) {
        return switch (value) {
            case 0 -> NONE;
            case 1 -> TCPV4;
            case 3 -> UDP;
            case 4 -> TCPV6;
            case 5 -> UDP_L4;
            default -> new VirtioGsoType(value);
        };
    }

    /** The type without the ECN bit. */
    public VirtioGsoType withoutEcn() {
        return of(value & ~ECN);
    }

    /** True when the ECN bit is set. */
    public boolean ecn() {
        return (value & ECN) != 0;
    }

    /** True when the packet needs segmenting (any type but {@link #NONE}, with or without the ECN bit). */
    public boolean isLarge() {
        return (value & ~ECN) != 0;
    }

    /** The name as in linux/virtio_net.h (VIRTIO_NET_HDR_GSO_...), or the hex value for unknown types. */
    public String name() {
        String base = switch (value & ~ECN) {
            case 0 -> "NONE";
            case 1 -> "TCPV4";
            case 3 -> "UDP";
            case 4 -> "TCPV6";
            case 5 -> "UDP_L4";
            default -> String.format("0x%02x", value & ~ECN);
        };
        return ecn() ? base + "|ECN" : base;
    }

    @Override
    public String toString() {
        return name();
    }
}
