package dev.strata.ip;

import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;

/** Receives the ICMP echo replies, and the errors about echo requests, for one echo identifier (a ping socket). */
public interface EchoListener {

    /**
     * An echo reply arrived.
     *
     * @param from the replying host
     * @param sequence the echoed sequence number
     * @param ttl the reply's remaining TTL
     * @param data the echoed data (position..limit)
     */
    void echoReply(Ip4 from, int sequence, int ttl, ByteBuffer data);

    /** An ICMP error about one of our echo requests arrived (time exceeded, unreachable, ...). */
    default void echoError(IcmpError error, int sequence) {}
}
