package dev.strata.apps.simple;

import dev.strata.udp.UdpSocket;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;

/**
 * The UDP side of the simple services: each datagram received on the service's port gets its answer (RFC 862: the
 * same data; RFC 863: none; RFC 864: 0 to 512 random characters of the pattern; RFC 867: the date and time).
 */
final class DatagramService {

    /** RFC 864: "a datagram containing a random number (between 0 and 512) of characters". */
    static final int CHARGEN_MAX = 512;

    private final SimpleService service;
    private final SimpleServices owner;
    private final ServiceCounters counters;
    private final RandomGenerator random;
    private final UdpSocket socket;

    DatagramService(
            SimpleService service,
            SimpleServices owner,
            ServiceCounters counters,
            RandomGenerator random,
            UdpSocket socket) {
        this.service = service;
        this.owner = owner;
        this.counters = counters;
        this.random = random;
        this.socket = socket;
        socket.onReceive(this::received);
    }

    private void received(Ip4 source, int sourcePort, ByteBuffer payload) {
        counters.datagramsIn++;
        if (isServicePort(sourcePort)) {
            // Never answer another simple service: echo to chargen (or echo to echo) with a forged source would
            // bounce datagrams between two hosts for ever (CERT CA-1996-01, "UDP port denial-of-service attack").
            counters.datagramsRefused++;
            return;
        }
        ByteBuffer answer = switch (service) {
            case ECHO -> payload;
            case DISCARD -> null;
            case CHARGEN -> ChargenPattern.prefix(random.nextInt(CHARGEN_MAX + 1));
            case DAYTIME -> ByteBuffer.wrap(owner.daytime().getBytes(StandardCharsets.US_ASCII));
        };
        if (answer != null && sourcePort != 0) { // port 0: the sender expects no answer
            socket.send(source, sourcePort, answer);
            counters.datagramsOut++;
        }
    }

    private static boolean isServicePort(int port) {
        for (SimpleService s : SimpleService.values()) {
            if (s.port() == port) {
                return true;
            }
        }
        return false;
    }

    void close() {
        socket.close();
    }
}
