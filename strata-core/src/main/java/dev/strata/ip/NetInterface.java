package dev.strata.ip;

import dev.strata.link.FrameReceiver;
import dev.strata.link.FrameTap;
import dev.strata.link.NetDevice;
import dev.strata.time.Scheduler;
import dev.strata.wire.ArpHeader;
import dev.strata.wire.ArpPacket;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.EthernetHeader;
import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import dev.strata.wire.Parsed;
import dev.strata.wire.SoftwareGso;
import dev.strata.wire.VirtioGsoType;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One configured interface of a host: a device, its IPv4 address and prefix, and its ARP cache; the Ethernet layer
 * between the device and IP.
 */
public final class NetInterface {

    private final String name;
    private final NetDevice device;
    private final IpLayer ip;
    private final ArpCache arp;
    private final Scheduler scheduler;
    private Ip4Interface address;
    private FrameTap txTap;
    private FrameTap rxTap;

    /** Frame counters of the Ethernet layer on this interface. */
    public final EthernetCounters counters = new EthernetCounters();

    /** What the Ethernet layer did with frames. */
    public static final class EthernetCounters {
        /** Frames received and accepted. */
        public long inFrames;
        /** Frames addressed to another station (not ours, not broadcast/multicast). */
        public long inOtherHost;
        /** Frames with an EtherType no layer handles. */
        public long inUnknownType;
        /** Frames too short or otherwise malformed. */
        public long inMalformed;
        /** Frames sent. */
        public long outFrames;

        EthernetCounters() {}
    }

    NetInterface(
            String name,
            NetDevice device,
            Ip4Interface address,
            IpLayer ip,
            Scheduler scheduler,
            RandomGenerator random,
            ArpParams arpParams) {
        this.name = name;
        this.device = device;
        this.address = address;
        this.ip = ip;
        this.scheduler = scheduler;
        this.arp = new ArpCache(scheduler, random, arpParams, device.mac(), address.address(), new ArpCache.Port() {
            @Override
            public void sendArp(MacAddr destination, ArpHeader message) {
                NetInterface.this.sendArp(destination, message);
            }

            @Override
            public void sendResolved(MacAddr destination, ByteBuffer ipPacket) {
                sendFrame(destination, EtherType.IPV4, ipPacket);
            }

            @Override
            public void unresolved(Ip4 nextHop, List<ByteBuffer> ipPackets) {
                ip.unresolved(NetInterface.this, nextHop, ipPackets);
            }
        });
        device.setReceiver(new FrameReceiver() {
            @Override
            public void receive(ByteBuffer frame) {
                NetInterface.this.receive(frame, false);
            }

            @Override
            public boolean takesOffloadedFrames() {
                return true;
            }

            @Override
            public void receiveOffloaded(ByteBuffer frame) {
                NetInterface.this.receive(frame, true);
            }
        });
    }

    /** The interface's name, e.g. {@code eth0}. */
    public String name() {
        return name;
    }

    /** The device under this interface. */
    public NetDevice device() {
        return device;
    }

    /** The interface's hardware address. */
    public MacAddr mac() {
        return device.mac();
    }

    /** The largest IP packet this interface sends in one frame. */
    public int mtu() {
        return device.mtu();
    }

    /** The interface's address and prefix length. */
    public Ip4Interface address() {
        return address;
    }

    /** The interface's ARP cache. */
    public ArpCache arp() {
        return arp;
    }

    /** Sets taps that see every frame sent and received here (for per-host captures and traces). */
    public void tap(FrameTap sent, FrameTap received) {
        this.txTap = sent;
        this.rxTap = received;
    }

    /** Changes the interface's address (as DHCP or {@code ip addr replace} would); the connected route follows. */
    public void setAddress(Ip4Interface newAddress) {
        Ip4Interface old = this.address;
        this.address = newAddress;
        arp.setOwnIp(newAddress.address());
        ip.addressChanged(this, old);
    }

    /** Broadcasts a gratuitous ARP announcement of this interface's address (RFC 5227 §2.3). */
    public void announce() {
        sendArp(MacAddr.BROADCAST, ArpHeader.announcement(mac(), address.address()));
    }

    /** Sends an IP packet (position at its first octet, headroom before it) to {@code nextHop} on this link. */
    void sendIp(Ip4 nextHop, ByteBuffer packet) {
        if (nextHop.equals(Ip4.BROADCAST) || address.isDirectedBroadcast(nextHop)) {
            sendFrame(MacAddr.BROADCAST, EtherType.IPV4, packet);
        } else if (nextHop.isMulticast()) {
            // RFC 1112 §6.4: 01:00:5e followed by the low 23 bits of the group address.
            sendFrame(new MacAddr(0x0100_5E00_0000L | (nextHop.bits() & 0x7F_FFFFL)), EtherType.IPV4, packet);
        } else {
            arp.send(nextHop, packet);
        }
    }

    /**
     * Sends a TCP/IPv4 super-segment (position at its IP header, headroom before it, partial TCP checksum) to
     * {@code nextHop}: whole, for the device to cut into segments of {@code segmentSize} payload octets, when the
     * next hop's MAC is known; otherwise cut here into ordinary packets, which wait for ARP like any other.
     */
    void sendIpSegmented(Ip4 nextHop, ByteBuffer packet, int segmentSize) {
        MacAddr mac = nextHop.isMulticast() || nextHop.equals(Ip4.BROADCAST) || address.isDirectedBroadcast(nextHop)
                ? null
                : arp.usableMac(nextHop);
        if (mac == null) {
            SoftwareGso.segment(packet, 0, VirtioGsoType.TCPV4, segmentSize, Frames.HEADROOM, p -> sendIp(nextHop, p));
            return;
        }
        new EthernetHeader(mac, device.mac(), EtherType.IPV4).prepend(packet);
        counters.outFrames++;
        if (txTap != null) {
            txTap.frame(scheduler.nanos(), completedCopy(packet));
        }
        device.transmitSegmented(packet, segmentSize);
    }

    /** A copy of a frame whose TCP checksum is partial, completed, for the taps (captures show valid packets). */
    private static ByteBuffer completedCopy(ByteBuffer frame) {
        ByteBuffer copy = ByteBuffer.allocate(frame.remaining());
        copy.put(0, frame, frame.position(), frame.remaining());
        SoftwareGso.completeTcpChecksum(copy, EthernetFrame.HEADER_LENGTH);
        return copy;
    }

    private void sendArp(MacAddr destination, ArpHeader message) {
        ByteBuffer b = Frames.allocate(message.length());
        message.emit(b, b.position());
        sendFrame(destination, EtherType.ARP, b);
    }

    private void sendFrame(MacAddr destination, EtherType type, ByteBuffer payload) {
        new EthernetHeader(destination, device.mac(), type).prepend(payload);
        ByteBuffer frame = Frames.padToMinimum(payload);
        counters.outFrames++;
        if (txTap != null) {
            txTap.frame(scheduler.nanos(), frame);
        }
        device.transmit(frame);
    }

    /**
     * A frame from the device; {@code offloaded} when the device vouched for its TCP checksum (the field may hold only
     * the pseudo-header's sum, and the segment may be larger than the MTU).
     */
    private void receive(ByteBuffer frame, boolean offloaded) {
        if (rxTap != null) {
            rxTap.frame(scheduler.nanos(), offloaded ? completedCopy(frame) : frame);
        }
        if (!(EthernetFrame.parse(frame) instanceof Parsed.Ok<EthernetFrame>(EthernetFrame eth))) {
            counters.inMalformed++;
            return;
        }
        MacAddr dst = eth.destination();
        if (!dst.isMulticast() && !dst.equals(device.mac())) {
            counters.inOtherHost++;
            return;
        }
        counters.inFrames++;
        int type = eth.etherTypeValue();
        if (type == EtherType.IPV4.value()) {
            frame.position(eth.payloadOffset());
            ip.input(this, frame, dst.isMulticast(), offloaded);
        } else if (type == EtherType.ARP.value()) {
            frame.position(eth.payloadOffset());
            if (ArpPacket.parse(frame) instanceof Parsed.Ok<ArpPacket>(ArpPacket packet)) {
                arp.receive(packet);
            } else {
                counters.inMalformed++;
            }
        } else {
            counters.inUnknownType++;
        }
    }

    @Override
    public String toString() {
        return name + " " + address + " " + mac();
    }
}
