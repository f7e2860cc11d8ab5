package dev.strata.tcp;

import dev.strata.host.Host;
import dev.strata.ip.Frames;
import dev.strata.ip.NetInterface;
import dev.strata.ip.ProtocolHandler;
import dev.strata.ip.SendOptions;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Ipv4PseudoHeader;
import dev.strata.wire.TcpFlags;
import dev.strata.wire.TcpHeader;
import dev.strata.wire.TcpOption;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A packetdrill-style harness: a Strata host (the device under test) and a peer whose TCP is replaced by a script
 * that sends hand-made segments and records every segment the device sends.
 */
final class ScriptedPeer {

    static final Ip4 DUT = Ip4.parse("192.0.2.1");
    static final Ip4 PEER = Ip4.parse("192.0.2.2");
    static final int DUT_PORT = 80;
    static final int PEER_PORT = 40000;

    /** A segment the device sent. */
    record Sent(int flags, long seq, long ack, int window, int dataLength, byte[] data, List<TcpOption> options) {
        boolean has(int bit) {
            return (flags & bit) != 0;
        }

        String flagString() {
            return new TcpFlags(flags).toString();
        }
    }

    final Simulation sim;
    final Host dut;
    final Host peer;
    final List<Sent> sent = new ArrayList<>();
    final List<String> states = new ArrayList<>();

    ScriptedPeer(long seed) {
        sim = new Simulation(seed);
        dut = sim.addHost("dut");
        peer = sim.addHost("peer");
        sim.connect(dut, "eth0", "192.0.2.1/24", peer, "eth0", "192.0.2.2/24", LinkParams.GIGABIT);
        peer.ip().register(IpProtocol.TCP, new ProtocolHandler() {
            @Override
            public void receive(NetInterface in, Ipv4Packet p) {
                ByteBuffer b = p.buffer().duplicate();
                b.position(p.payloadOffset()).limit(p.payloadOffset() + p.payloadLength());
                TcpSegment s = TcpSegment.parse(b, p.pseudoHeader()).orThrow();
                byte[] data = new byte[s.payloadLength()];
                s.payload().get(data);
                sent.add(new Sent(
                        s.flagBits(),
                        s.sequenceNumber() & 0xFFFF_FFFFL,
                        s.acknowledgmentNumber() & 0xFFFF_FFFFL,
                        s.window(),
                        s.payloadLength(),
                        data,
                        s.options()));
            }
        });
        dut.tcp().addObserver((c, from, to) -> states.add(to.rfcName()));
        // Resolve ARP both ways so that scripts see only TCP.
        dut.iface("eth0").arp().put(PEER, peer.iface("eth0").mac());
        peer.iface("eth0").arp().put(DUT, dut.iface("eth0").mac());
    }

    /** Sends a segment from the peer to the device. */
    void send(int flags, long seq, long ack, int window, byte[] data, TcpOption... options) {
        ByteBuffer b = Frames.allocate(data.length);
        b.put(b.position(), data);
        new TcpHeader(
                        PEER_PORT,
                        DUT_PORT,
                        (int) seq,
                        (int) ack,
                        new TcpFlags(flags),
                        window,
                        0,
                        List.of(options),
                        new Ipv4PseudoHeader(PEER, DUT))
                .prepend(b);
        peer.ip().send(PEER, DUT, IpProtocol.TCP, b, SendOptions.DEFAULT);
        settle();
    }

    void send(int flags, long seq, long ack) {
        send(flags, seq, ack, 65535, new byte[0]);
    }

    /** Runs the simulation for 1 ms: long enough for a segment to cross and be answered, short of any timer. */
    void settle() {
        sim.runFor(1_000_000);
    }

    /** The segments sent since the last call, and forgets them. */
    List<Sent> take() {
        List<Sent> out = List.copyOf(sent);
        sent.clear();
        return out;
    }
}
