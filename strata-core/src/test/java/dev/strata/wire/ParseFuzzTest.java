package dev.strata.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile input: random bytes, and valid packets with octets changed or cut, fed to every parser. No parser may
 * throw; every accessor of every accepted view must answer without throwing (reads past the limit would throw);
 * a view must not depend on where in the buffer its bytes sit; and every accepted header can be rebuilt into a
 * packet that parses again.
 */
class ParseFuzzTest {

    static final PseudoHeader PH = new Ipv4PseudoHeader(Ip4.parse("192.0.2.1"), Ip4.parse("198.51.100.7"));

    /** Every parser, by name. */
    static final Map<String, Function<ByteBuffer, Parsed<?>>> PARSERS = new LinkedHashMap<>();

    static {
        PARSERS.put("ethernet", EthernetFrame::parse);
        PARSERS.put("arp", ArpPacket::parse);
        PARSERS.put("ipv4", Ipv4Packet::parse);
        PARSERS.put("ipv4/skip", b -> Ipv4Packet.parse(b, ChecksumPolicy.SKIP));
        PARSERS.put("ipv4-quote", Ipv4Quote::parse);
        PARSERS.put("icmpv4", Icmpv4Packet::parse);
        PARSERS.put("icmpv4/skip", b -> Icmpv4Packet.parse(b, ChecksumPolicy.SKIP));
        PARSERS.put("udp", UdpDatagram::parse);
        PARSERS.put("udp/pseudo", b -> UdpDatagram.parse(b, PH));
        PARSERS.put("tcp", TcpSegment::parse);
        PARSERS.put("tcp/pseudo", b -> TcpSegment.parse(b, PH));
    }

    /** Accessors whose result depends on where the bytes sit, or that change them. */
    static final Set<String> SKIP = Set.of("offset", "payloadOffset", "buffer", "decrementTtl");

    @Property(tries = 3000)
    void noParserThrowsAndEveryAcceptedViewAnswers(@ForAll("inputs") byte[] input) throws Exception {
        for (var e : PARSERS.entrySet()) {
            Parsed<?> atZero = e.getValue().apply(ByteBuffer.wrap(input));
            Statistics.label(e.getKey()).collect(describeOutcome(atZero));
            ByteBuffer shifted = ByteBuffer.allocate(input.length + 13);
            Arrays.fill(shifted.array(), (byte) 0xA5);
            shifted.put(7, input).position(7).limit(7 + input.length);
            Parsed<?> atSeven = e.getValue().apply(shifted);
            assertThat(describe(atSeven)).as(e.getKey()).isEqualTo(describe(atZero));
            if (atZero instanceof Parsed.Ok<?>(Object view)) {
                Object other = ((Parsed.Ok<?>) atSeven).value();
                assertThat(answers(other)).as(e.getKey()).isEqualTo(answers(view));
                rebuilds(view);
            }
        }
    }

    /** Every public no-argument accessor of a view, by name, with buffers as hex and parse results described. */
    static Map<String, Object> answers(Object view) throws IllegalAccessException {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Method> methods = new ArrayList<>(Arrays.asList(view.getClass().getDeclaredMethods()));
        methods.sort(Comparator.comparing(Method::getName));
        for (Method m : methods) {
            if (!Modifier.isPublic(m.getModifiers())
                    || Modifier.isStatic(m.getModifiers())
                    || m.getParameterCount() != 0
                    || SKIP.contains(m.getName())) {
                continue;
            }
            try {
                out.put(m.getName(), describe(m.invoke(view)));
            } catch (InvocationTargetException ex) {
                throw new AssertionError(view.getClass().getSimpleName() + "." + m.getName() + " threw", ex.getCause());
            }
        }
        return out;
    }

    static String describeOutcome(Parsed<?> p) {
        return p instanceof Parsed.Malformed<?> m ? m.error().name() : "OK";
    }

    static Object describe(Object o) {
        return switch (o) {
            case ByteBuffer b -> Packets.toHex(b);
            case Parsed.Malformed<?> m -> m.error();
            case Parsed.Ok<?>(Object v) -> {
                try {
                    yield answers(v);
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
            case null -> "null";
            default -> o;
        };
    }

    /** An accepted header, emitted again with its payload, parses again (checksums recomputed). */
    static void rebuilds(Object view) {
        switch (view) {
            case EthernetFrame f -> {
                ByteBuffer b = Packets.build(Packets.bytes(f.payload()), f.toHeader());
                assertThat(EthernetFrame.parse(b).isOk()).isTrue();
            }
            case ArpPacket a ->
                assertThat(ArpPacket.parse(Packets.build(new byte[0], a.toHeader()))
                                .orThrow()
                                .toHeader())
                        .isEqualTo(a.toHeader());
            case Ipv4Packet p -> {
                ByteBuffer b = Packets.build(Packets.bytes(p.payload()), p.toHeader());
                assertThat(Ipv4Packet.parse(b).orThrow().toHeader()).isEqualTo(p.toHeader());
            }
            case Icmpv4Packet p -> {
                ByteBuffer b = Packets.build(Packets.bytes(p.payload()), p.toHeader());
                assertThat(Icmpv4Packet.parse(b).orThrow().toHeader()).isEqualTo(p.toHeader());
            }
            case UdpDatagram u -> {
                ByteBuffer b = Packets.build(Packets.bytes(u.payload()), u.toHeader(PH));
                assertThat(UdpDatagram.parse(b, PH).orThrow().toHeader(PH)).isEqualTo(u.toHeader(PH));
            }
            case TcpSegment s -> {
                ByteBuffer b = Packets.build(Packets.bytes(s.payload()), s.toHeader(PH));
                assertThat(TcpSegment.parse(b, PH).orThrow().toHeader(PH)).isEqualTo(s.toHeader(PH));
            }
            default -> {}
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(120);
        Arbitrary<byte[]> valid = Arbitraries.oneOf(
                WireArbitraries.arpHeader().map(h -> array(Packets.build(new byte[0], h))),
                Combinators.combine(WireArbitraries.ipv4Header(), WireArbitraries.payload(40))
                        .as((h, p) -> array(Packets.build(p, h))),
                Combinators.combine(WireArbitraries.icmpv4Message(), quoteOrData())
                        .as((h, p) -> array(Packets.build(p, h))),
                Combinators.combine(WireArbitraries.udpHeader(), WireArbitraries.payload(40))
                        .as((h, p) -> array(Packets.build(p, withPh(h)))),
                Combinators.combine(WireArbitraries.tcpHeader(), WireArbitraries.payload(40))
                        .as((h, p) -> array(Packets.build(p, withPh(h)))),
                Combinators.combine(WireArbitraries.ethernetHeader(), WireArbitraries.ipv4Header())
                        .as((e, ip) -> array(Packets.build(new byte[8], e, ip))));
        Arbitrary<byte[]> mutated = Combinators.combine(
                        valid,
                        Arbitraries.integers().between(0, 200).list().ofMaxSize(3),
                        Arbitraries.integers().between(0, 60))
                .as((bytes, edits, cut) -> {
                    byte[] b = bytes.clone();
                    for (int edit : edits) {
                        if (b.length > 0) {
                            b[edit % b.length] ^= (byte) (1 + edit);
                        }
                    }
                    return cut > 40 ? Arrays.copyOf(b, Math.max(0, b.length - (cut - 40))) : b;
                });
        return Arbitraries.frequencyOf(Tuple.of(2, random), Tuple.of(1, valid), Tuple.of(4, mutated));
    }

    /** ICMP bodies: random data, or a quoted IPv4 header with 8 octets. */
    private static Arbitrary<byte[]> quoteOrData() {
        return Arbitraries.oneOf(
                WireArbitraries.payload(40),
                WireArbitraries.ipv4Header().map(h -> array(Packets.build(new byte[8], h))));
    }

    /** The header with {@link #PH}, so that some inputs pass the checksum of the "/pseudo" parsers. */
    private static UdpHeader withPh(UdpHeader h) {
        return new UdpHeader(h.sourcePort(), h.destinationPort(), h.pseudoHeader() == null ? null : PH);
    }

    private static TcpHeader withPh(TcpHeader h) {
        return new TcpHeader(
                h.sourcePort(),
                h.destinationPort(),
                h.sequenceNumber(),
                h.acknowledgmentNumber(),
                h.flags(),
                h.window(),
                h.urgentPointer(),
                h.options(),
                PH);
    }

    private static byte[] array(ByteBuffer b) {
        return Packets.bytes(b);
    }
}
