package dev.strata.tcp;

import dev.strata.host.Host;
import dev.strata.ip.NetInterface;
import dev.strata.ip.ProtocolHandler;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.TcpSegment;

/**
 * Stands in front of a host's TCP and drops the arriving data segments a test names, counting them; everything else
 * goes on to the host's {@link TcpLayer}. Segments are named by their payload's place in the peer's stream: octets
 * {@code [from, to)}, the first octet after the SYN being 0.
 */
final class SegmentDropper implements ProtocolHandler {

    /** Which segments to drop. */
    interface Rule {
        /** True to drop the data segment carrying stream octets [from, to); {@code dropped} were dropped so far. */
        boolean drop(int from, int to, int dropped);
    }

    private final TcpLayer tcp;
    private final Rule rule;
    private int irs;
    private boolean synSeen;
    int dropped;

    private SegmentDropper(TcpLayer tcp, Rule rule) {
        this.tcp = tcp;
        this.rule = rule;
    }

    /** Puts a dropper with {@code rule} in front of {@code host}'s TCP. */
    static SegmentDropper install(Host host, Rule rule) {
        SegmentDropper d = new SegmentDropper(host.tcp(), rule);
        host.ip().register(IpProtocol.TCP, d);
        return d;
    }

    @Override
    public void receive(NetInterface in, Ipv4Packet packet) {
        TcpSegment s = TcpSegment.parse(packet.payload()).orThrow();
        if (s.syn()) {
            irs = s.sequenceNumber();
            synSeen = true;
        } else if (synSeen && s.payloadLength() > 0) {
            int from = s.sequenceNumber() - irs - 1;
            if (rule.drop(from, from + s.payloadLength(), dropped)) {
                dropped++;
                return;
            }
        }
        tcp.receive(in, packet);
    }
}
