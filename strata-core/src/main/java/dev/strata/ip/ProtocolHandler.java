package dev.strata.ip;

import dev.strata.wire.Ipv4Packet;

/** An upper layer (ICMP, UDP, TCP) that receives the datagrams addressed to this host for its protocol number. */
public interface ProtocolHandler {

    /**
     * Receives a whole (reassembled) datagram; the handler may keep the buffer.
     *
     * @param in the interface it arrived on, or null when it was sent by this host to itself
     * @param packet the datagram; its payload is the protocol's message
     */
    void receive(NetInterface in, Ipv4Packet packet);

    /**
     * Receives a datagram as {@link #receive(NetInterface, Ipv4Packet)} does; {@code checksumVerified} says that the
     * device vouched for its TCP checksum (an offloaded frame, see {@link dev.strata.link.FrameReceiver}), whose field
     * may then hold only the pseudo-header's sum. The default ignores the flag and verifies as usual; the device
     * only vouches for TCP.
     */
    default void receive(NetInterface in, Ipv4Packet packet, boolean checksumVerified) {
        receive(in, packet);
    }

    /** Receives an ICMP error about a datagram this host sent with this protocol; ignored by default. */
    default void icmpError(IcmpError error) {}
}
