package dev.strata.bench;

import dev.strata.wire.Checksums;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.EthernetHeader;
import dev.strata.wire.Ip4;
import dev.strata.wire.IpProtocol;
import dev.strata.wire.Ipv4Header;
import dev.strata.wire.Ipv4Packet;
import dev.strata.wire.Ipv4PseudoHeader;
import dev.strata.wire.MacAddr;
import dev.strata.wire.Parsed;
import dev.strata.wire.TcpFlags;
import dev.strata.wire.TcpHeader;
import dev.strata.wire.TcpOption;
import dev.strata.wire.TcpSegment;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Receive-path cost of one Ethernet/IPv4/TCP frame: parse all three headers and verify both checksums (IPv4 header
 * and TCP over the pseudo-header and payload), in frames per second; the plain RFC 1071 sum over the same bytes is
 * the reference for what the checksum alone costs.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WireBenchmark {

    /** TCP payload octets: 0 (a pure ACK, 66-octet frame) or 1448 (a full 1514-octet frame). */
    @Param({"0", "1448"})
    public int payload;

    private ByteBuffer frame;

    /** Builds one valid frame with a timestamps option, as Strata's TCP sends them. */
    @Setup
    public void build() {
        byte[] data = new byte[payload];
        new Random(1).nextBytes(data);
        ByteBuffer b = ByteBuffer.allocate(128 + payload);
        b.position(128);
        b.put(data).flip().position(128);
        Ip4 src = Ip4.parse("192.0.2.10");
        Ip4 dst = Ip4.parse("198.51.100.20");
        new TcpHeader(
                        40000,
                        80,
                        8634,
                        304,
                        TcpFlags.PSH_ACK,
                        502,
                        0,
                        List.of(new TcpOption.Nop(), new TcpOption.Nop(), new TcpOption.Timestamps(1, 2)),
                        new Ipv4PseudoHeader(src, dst))
                .prepend(b);
        Ipv4Header.of(src, dst, IpProtocol.TCP, 64, 1).withDontFragment(true).prepend(b);
        new EthernetHeader(MacAddr.local(2), MacAddr.local(1), EtherType.IPV4).prepend(b);
        frame = b.slice();
    }

    /** Parses Ethernet, IPv4 (header checksum verified) and TCP (checksum verified); returns the payload length. */
    @Benchmark
    public int parseAndVerify() {
        ByteBuffer f = frame.duplicate();
        if (!(EthernetFrame.parse(f) instanceof Parsed.Ok<EthernetFrame>(EthernetFrame eth))) {
            return -1;
        }
        f.position(eth.payloadOffset());
        if (!(Ipv4Packet.parse(f) instanceof Parsed.Ok<Ipv4Packet>(Ipv4Packet ip))) {
            return -2;
        }
        f.position(ip.payloadOffset()).limit(ip.payloadOffset() + ip.payloadLength());
        if (!(TcpSegment.parse(f) instanceof Parsed.Ok<TcpSegment>(TcpSegment tcp))
                || !tcp.checksumValid(ip.sourceBits(), ip.destinationBits())) {
            return -3;
        }
        return tcp.payloadLength();
    }

    /** The reference: RFC 1071 sum over the whole frame, no parsing. */
    @Benchmark
    public int checksumOnly() {
        return Checksums.checksum(frame, 0, frame.limit());
    }
}
