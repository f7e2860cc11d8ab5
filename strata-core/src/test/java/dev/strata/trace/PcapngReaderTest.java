package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Tshark;
import dev.strata.trace.PcapngBlock.EnhancedPacket;
import dev.strata.trace.PcapngBlock.InterfaceDescription;
import dev.strata.trace.PcapngBlock.Other;
import dev.strata.trace.PcapngBlock.SectionHeader;
import dev.strata.trace.PcapngBlock.SimplePacket;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngReaderTest {

    @TempDir
    Path dir;

    /** Builds blocks by hand in either byte order, to feed the reader files our writer would never produce. */
    private static final class Blocks {
        private final ByteBuffer b;

        Blocks(ByteOrder order) {
            b = ByteBuffer.allocate(4096).order(order);
        }

        Blocks block(int type, byte[] body) {
            int total = 12 + body.length;
            b.putInt(type).putInt(total).put(body).putInt(total);
            return this;
        }

        Blocks shb() {
            ByteBuffer body = ByteBuffer.allocate(16).order(b.order());
            body.putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0).putLong(-1);
            return block(0x0A0D0D0A, body.array());
        }

        Blocks idb(int linkType, int snap, byte[] options) {
            ByteBuffer body = ByteBuffer.allocate(8 + options.length).order(b.order());
            body.putShort((short) linkType).putShort((short) 0).putInt(snap).put(options);
            return block(1, body.array());
        }

        Blocks epb(int iface, long ts, byte[] data, byte[] options) {
            int padded = (data.length + 3) & ~3;
            ByteBuffer body = ByteBuffer.allocate(20 + padded + options.length).order(b.order());
            body.putInt(iface)
                    .putInt((int) (ts >>> 32))
                    .putInt((int) ts)
                    .putInt(data.length)
                    .putInt(data.length);
            body.put(data).position(20 + padded).put(options);
            return block(6, body.array());
        }

        byte[] option(int code, byte[] value) {
            int padded = (value.length + 3) & ~3;
            ByteBuffer o = ByteBuffer.allocate(4 + padded + 4).order(b.order());
            o.putShort((short) code).putShort((short) value.length).put(value);
            return o.array(); // ends with opt_endofopt (zeros)
        }

        byte[] bytes() {
            return Arrays.copyOf(b.array(), b.position());
        }
    }

    private static PcapngCapture read(byte[] file) throws IOException {
        return new PcapngReader(new ByteArrayInputStream(file)).readAll();
    }

    @Test
    void readsBigEndianSectionsWithMicrosecondDefaultResolution() throws IOException {
        Blocks f = new Blocks(ByteOrder.BIG_ENDIAN);
        f.shb().idb(1, 65535, new byte[0]).epb(0, 1_500_000L, new byte[] {1, 2, 3}, f.option(2, new byte[] {0, 0, 0, 1
        }));
        PcapngCapture c = read(f.bytes());
        assertThat(c.sections().getFirst().byteOrder()).isEqualTo(ByteOrder.BIG_ENDIAN);
        assertThat(c.interfaces().getFirst().tsresol()).isEqualTo(6);
        EnhancedPacket p = c.packets().getFirst();
        assertThat(p.timestamp()).isEqualTo(1_500_000L);
        assertThat(p.timeNanos()).isEqualTo(1_500_000_000L);
        assertThat(p.data()).containsExactly(1, 2, 3);
        assertThat(p.direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void convertsEveryTimestampResolutionAndOffset() {
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 9, 0).toNanos(42))
                .isEqualTo(42);
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 3, 0).toNanos(42))
                .isEqualTo(42_000_000);
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 12, 0).toNanos(42_999))
                .isEqualTo(42);
        // 2^-10 s units: 1024 units is one second.
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 0x80 | 10, 0).toNanos(1536))
                .isEqualTo(1_500_000_000L);
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 9, 100).toNanos(5))
                .isEqualTo(100_000_000_005L);
        assertThat(new InterfaceDescription(LinkType.ETHERNET, 0, null, null, 9, 0).toNanos(-1))
                .isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void skipsUnknownBlocksAndReadsSimplePackets() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN);
        f.shb().idb(1, 2, new byte[0]);
        f.block(0x0BAD, new byte[] {1, 2, 3, 4});
        ByteBuffer spb =
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(3).put(new byte[] {7, 8, 9, 0});
        f.block(3, spb.array());
        PcapngReader r = new PcapngReader(new ByteArrayInputStream(f.bytes()));
        assertThat(r.next()).isInstanceOf(SectionHeader.class);
        assertThat(r.next()).isInstanceOf(InterfaceDescription.class);
        assertThat(r.next()).isEqualTo(new Other(0x0BAD, 16));
        SimplePacket s = (SimplePacket) r.next();
        assertThat(s.originalLength()).isEqualTo(3);
        assertThat(s.data()).containsExactly(7, 8); // snap length 2
        assertThat(r.next()).isNull();
    }

    @Test
    void numbersInterfacesAcrossSections() throws IOException {
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN);
        f.shb().idb(1, 0, f.option(2, "one".getBytes())).epb(0, 1, new byte[] {1}, new byte[0]);
        f.shb().idb(1, 0, f.option(2, "two".getBytes())).epb(0, 2, new byte[] {2}, new byte[0]);
        PcapngCapture c = read(f.bytes());
        assertThat(c.sections()).hasSize(2);
        assertThat(c.packets()).extracting(p -> c.interfaceOf(p).name()).containsExactly("one", "two");
    }

    @Test
    void readsWhatWiresharkWrites() throws IOException {
        Path ours = dir.resolve("ours.pcapng");
        try (PcapngWriter w = PcapngWriter.open(ours)) {
            int a = w.addInterface("a.eth0", LinkType.ETHERNET, 0);
            w.write(a, 7_000_000_123L, TestFrames.icmpEchoRequestFrame(), Direction.OUTBOUND);
            w.write(a, 7_000_000_456L, TestFrames.udpFrame(), Direction.INBOUND);
        }
        Path theirs = dir.resolve("theirs.pcapng");
        Tshark.run(ours, "-w", theirs.toString());
        PcapngCapture c = PcapngReader.readAll(theirs);
        assertThat(c.interfaces()).extracting(InterfaceDescription::name).containsExactly("a.eth0");
        assertThat(c.packets()).extracting(EnhancedPacket::timeNanos).containsExactly(7_000_000_123L, 7_000_000_456L);
        assertThat(c.packets().get(1).data()).isEqualTo(TestFrames.bytes(TestFrames.udpFrame()));
    }

    @Test
    void readsWhatScapyWritesWithMicrosecondTimestamps() throws Exception {
        Path theirs = dir.resolve("scapy.pcapng");
        String hex = java.util.HexFormat.of().formatHex(TestFrames.bytes(TestFrames.udpFrame()));
        String script = "from scapy.all import Ether, wrpcapng\n"
                + "p = Ether(bytes.fromhex('" + hex + "'))\n"
                + "p.time = 12.345678\n"
                + "wrpcapng('" + theirs + "', [p])\n";
        Process py = new ProcessBuilder("/usr/bin/python3", "-c", script)
                .redirectErrorStream(true)
                .start();
        String output = new String(py.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(py.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(py.exitValue()).as(output).isZero();
        PcapngCapture c = PcapngReader.readAll(theirs);
        assertThat(c.interfaces().getFirst().linkType()).isEqualTo(LinkType.ETHERNET);
        EnhancedPacket p = c.packets().getFirst();
        assertThat(p.timeNanos()).isEqualTo(12_345_678_000L);
        assertThat(p.data()).isEqualTo(TestFrames.bytes(TestFrames.udpFrame()));
    }

    @Test
    void malformedFilesFailWithTheOffsetAndReason() {
        byte[] good = good();
        assertMalformed(new byte[] {1, 0, 0, 0, 12, 0, 0, 0, 12, 0, 0, 0}, 0, "does not start with a Section Header");
        byte[] badMagic = good.clone();
        badMagic[8] = 0;
        assertMalformed(badMagic, 0, "byte-order magic");
        assertMalformed(Arrays.copyOf(good, good.length - 3), -1, "ends inside a block");
        assertMalformed(Arrays.copyOf(good, 5), 0, "ends inside a block header");
        byte[] badTrailer = good.clone();
        badTrailer[good.length - 4] ^= 4;
        assertMalformed(badTrailer, -1, "trailing block total length");
        byte[] oddLength = good.clone();
        oddLength[4] = 0x2d;
        assertMalformed(oddLength, 0, "bad block total length");
        Blocks f = new Blocks(ByteOrder.LITTLE_ENDIAN);
        f.shb().epb(0, 1, new byte[] {1}, new byte[0]);
        assertMalformed(f.bytes(), 28, "undeclared interface 0");
    }

    private static byte[] good() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "t")) {
            int id = w.addInterface("x", LinkType.ETHERNET, 0);
            w.write(id, 1, TestFrames.arpReplyFrame(), Direction.OUTBOUND);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toByteArray();
    }

    private static void assertMalformed(byte[] file, long offset, String reason) {
        assertThatThrownBy(() -> read(file))
                .isInstanceOfSatisfying(PcapngFormatException.class, e -> {
                    if (offset >= 0) {
                        assertThat(e.offset()).isEqualTo(offset);
                    }
                })
                .hasMessageContaining(reason);
    }

    @Property(tries = 500)
    void mutatedFilesEitherReadOrFailWithAFormatException(
            @ForAll @IntRange(min = 0, max = 200) int index,
            @ForAll byte value,
            @ForAll @IntRange(min = 0, max = 200) int cut) {
        byte[] file = good();
        file[index % file.length] = value;
        byte[] cutFile = Arrays.copyOf(file, file.length - cut % file.length);
        readOrFormatException(cutFile);
        readOrFormatException(file);
    }

    @Property(tries = 500)
    void randomBytesAfterAValidHeaderNeverEscapeAsOtherExceptions(@ForAll("junk") byte[] junk) {
        byte[] head = Arrays.copyOf(good(), 44);
        byte[] file = Arrays.copyOf(head, head.length + junk.length);
        System.arraycopy(junk, 0, file, head.length, junk.length);
        readOrFormatException(file);
    }

    @Property(tries = 200)
    void randomBytesNeverEscapeAsOtherExceptions(@ForAll @Size(max = 300) byte[] junk) {
        readOrFormatException(junk);
    }

    @Provide
    Arbitrary<byte[]> junk() {
        // Mostly small numbers, so lengths and ids often look plausible.
        return Arbitraries.bytes()
                .between((byte) 0, (byte) 64)
                .array(byte[].class)
                .ofMaxSize(400);
    }

    private static void readOrFormatException(byte[] file) {
        try {
            List<EnhancedPacket> packets = read(file).packets();
            assertThat(packets).allSatisfy(p -> assertThat(p.data()).isNotNull());
        } catch (PcapngFormatException expected) {
            assertThat(expected.getMessage()).startsWith("malformed pcapng at byte ");
        } catch (IOException e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }
}
