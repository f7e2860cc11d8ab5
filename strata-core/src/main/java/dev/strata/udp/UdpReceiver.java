package dev.strata.udp;

import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;

/** Receives the datagrams of a UDP socket, on the host's event loop. */
@FunctionalInterface
public interface UdpReceiver {

    /**
     * A datagram arrived.
     *
     * @param source the sender's address
     * @param sourcePort the sender's port
     * @param payload the data (position..limit); the receiver may keep it
     */
    void receive(Ip4 source, int sourcePort, ByteBuffer payload);
}
