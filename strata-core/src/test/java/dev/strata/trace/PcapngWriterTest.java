package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.Tshark;
import dev.strata.trace.PcapngBlock.EnhancedPacket;
import dev.strata.trace.PcapngBlock.InterfaceDescription;
import dev.strata.trace.PcapngBlock.SectionHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapngWriterTest {

    @TempDir
    Path dir;

    /** Writes the standard sample: two interfaces, an ARP exchange, a ping, a UDP datagram and a TCP SYN. */
    private static void writeSample(PcapngWriter w) throws IOException {
        int a = w.addInterface("a.eth0", LinkType.ETHERNET, 0, "host a, first interface");
        int b = w.addInterface("b.eth0", LinkType.ETHERNET, 0);
        w.write(a, 1_234_567L, TestFrames.arpRequestFrame(), Direction.OUTBOUND);
        w.write(b, 1_234_568L, TestFrames.arpReplyFrame(), Direction.OUTBOUND);
        w.write(a, 2_000_000_001L, TestFrames.icmpEchoRequestFrame(), Direction.OUTBOUND);
        w.write(a, 2_000_050_002L, TestFrames.icmpEchoReplyFrame(), Direction.INBOUND);
        w.write(a, 3_999_999_999L, TestFrames.udpFrame(), Direction.UNKNOWN);
        w.write(a, 4_000_000_000L, TestFrames.tcpSynFrame(), Direction.OUTBOUND);
    }

    private static byte[] sampleBytes() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "Strata test")) {
            writeSample(w);
        }
        return out.toByteArray();
    }

    @Test
    void tinyFileHasExactlyTheBlocksOfTheSpec() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "Strata")) {
            int id = w.addInterface("a.eth0", LinkType.ETHERNET, 96);
            w.write(id, 0x1_0000_0002L, ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5}), Direction.INBOUND);
        }
        String expected = ""
                // Section Header Block: type, total length 44, byte-order magic, version 1.0, section length -1
                + "0a0d0d0a" + "2c000000" + "4d3c2b1a" + "0100" + "0000" + "ffffffffffffffff"
                // shb_userappl (4) "Strata" padded to 8, opt_endofopt, total length again
                + "0400" + "0600" + "537472617461" + "0000" + "00000000" + "2c000000"
                // Interface Description Block: type 1, length 44, LINKTYPE_ETHERNET, reserved, snaplen 96
                + "01000000" + "2c000000" + "0100" + "0000" + "60000000"
                // if_name (2) "a.eth0", if_tsresol (9) = 9, opt_endofopt, total length again
                + "0200" + "0600" + "612e65746830" + "0000" + "0900" + "0100" + "09000000" + "00000000" + "2c000000"
                // Enhanced Packet Block: type 6, length 52, interface 0, timestamp high 1 low 2, caplen 5, len 5
                + "06000000" + "34000000" + "00000000" + "01000000" + "02000000" + "05000000" + "05000000"
                // data padded to 8, epb_flags (2) = inbound (01), opt_endofopt, total length again
                + "0102030405000000" + "0200" + "0400" + "01000000" + "00000000" + "34000000";
        assertThat(HexFormat.of().formatHex(out.toByteArray())).isEqualTo(expected);
    }

    @Test
    void sameInputsGiveByteIdenticalFiles() throws IOException {
        assertThat(sampleBytes()).isEqualTo(sampleBytes());
    }

    @Test
    void defaultUserApplicationNamesStrataAndNothingHostDependent() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new PcapngWriter(out).close();
        PcapngCapture c = new PcapngReader(new ByteArrayInputStream(out.toByteArray())).readAll();
        SectionHeader shb = c.sections().getFirst();
        assertThat(shb.userApplication()).startsWith("Strata ").doesNotContain("${");
        assertThat(shb.hardware()).isNull();
        assertThat(shb.os()).isNull();
        assertThat(shb.comments()).isEmpty();
    }

    @Test
    void ourReaderReadsBackInterfacesTimestampsDataAndDirections() throws IOException {
        byte[] file = sampleBytes();
        PcapngCapture c = new PcapngReader(new ByteArrayInputStream(file)).readAll();
        assertThat(c.sections()).hasSize(1);
        SectionHeader shb = c.sections().getFirst();
        assertThat(shb.byteOrder()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
        assertThat(shb.majorVersion()).isEqualTo(1);
        assertThat(shb.minorVersion()).isZero();
        assertThat(shb.sectionLength()).isEqualTo(-1L);
        assertThat(shb.userApplication()).isEqualTo("Strata test");
        assertThat(c.interfaces())
                .extracting(InterfaceDescription::name, InterfaceDescription::description)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("a.eth0", "host a, first interface"),
                        org.assertj.core.groups.Tuple.tuple("b.eth0", null));
        assertThat(c.interfaces()).allSatisfy(i -> {
            assertThat(i.linkType()).isEqualTo(LinkType.ETHERNET);
            assertThat(i.tsresol()).isEqualTo(9);
            assertThat(i.snapLength()).isZero();
        });
        assertThat(c.packets()).extracting(EnhancedPacket::interfaceId).containsExactly(0, 1, 0, 0, 0, 0);
        assertThat(c.packets())
                .extracting(EnhancedPacket::timeNanos)
                .containsExactly(
                        1_234_567L, 1_234_568L, 2_000_000_001L, 2_000_050_002L, 3_999_999_999L, 4_000_000_000L);
        assertThat(c.packets())
                .extracting(EnhancedPacket::direction)
                .containsExactly(
                        Direction.OUTBOUND,
                        Direction.OUTBOUND,
                        Direction.OUTBOUND,
                        Direction.INBOUND,
                        Direction.UNKNOWN,
                        Direction.OUTBOUND);
        assertThat(c.packets().get(2).data()).isEqualTo(TestFrames.bytes(TestFrames.icmpEchoRequestFrame()));
        assertThat(c.packets().get(5).data()).isEqualTo(TestFrames.bytes(TestFrames.tcpSynFrame()));
        assertThat(c.packets()).allSatisfy(p -> assertThat(p.originalLength()).isEqualTo(p.data().length));
    }

    @Test
    void writeReadsPositionToLimitWithoutConsumingTheBuffer() throws IOException {
        byte[] backing = new byte[] {9, 9, 1, 2, 3, 9};
        ByteBuffer heap = ByteBuffer.wrap(backing).position(2).limit(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(8)
                .put(new byte[] {7, 7, 4, 5, 6, 7})
                .position(2)
                .limit(5);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "t")) {
            int id = w.addInterface("x", LinkType.ETHERNET, 0);
            w.write(id, 5, heap, Direction.UNKNOWN);
            w.write(id, 6, direct, Direction.UNKNOWN);
        }
        assertThat(heap.position()).isEqualTo(2);
        assertThat(heap.limit()).isEqualTo(5);
        assertThat(direct.position()).isEqualTo(2);
        List<EnhancedPacket> p = new PcapngReader(new ByteArrayInputStream(out.toByteArray()))
                .readAll()
                .packets();
        assertThat(p.get(0).data()).containsExactly(1, 2, 3);
        assertThat(p.get(1).data()).containsExactly(4, 5, 6);
    }

    @Test
    void snapLengthTruncatesButKeepsTheOriginalLength() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "t")) {
            int id = w.addInterface("x", LinkType.ETHERNET, 34);
            w.write(id, 1, TestFrames.icmpEchoRequestFrame(), Direction.OUTBOUND);
        }
        EnhancedPacket p = new PcapngReader(new ByteArrayInputStream(out.toByteArray()))
                .readAll()
                .packets()
                .getFirst();
        assertThat(p.data()).hasSize(34);
        assertThat(p.originalLength()).isEqualTo(98);
    }

    @Test
    void framesLargerThanTheBufferPassThroughInPieces() throws IOException {
        byte[] big = new byte[3 * PcapngWriter.BUFFER_SIZE + 7];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31 + 7);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (PcapngWriter w = new PcapngWriter(out, "t")) {
            int id = w.addInterface("x", LinkType.ETHERNET, 0);
            w.write(id, 1, ByteBuffer.wrap(new byte[] {1}), Direction.INBOUND);
            w.write(id, 2, ByteBuffer.wrap(big), Direction.OUTBOUND);
            w.write(id, 3, ByteBuffer.wrap(new byte[] {2, 3}), Direction.INBOUND);
        }
        List<EnhancedPacket> p = new PcapngReader(new ByteArrayInputStream(out.toByteArray()))
                .readAll()
                .packets();
        assertThat(p).hasSize(3);
        assertThat(p.get(1).data()).isEqualTo(big);
        assertThat(p.get(1).direction()).isEqualTo(Direction.OUTBOUND);
        assertThat(p.get(2).data()).containsExactly(2, 3);
    }

    @Test
    void interfacesMayBeAddedAfterPackets() throws IOException {
        Path file = dir.resolve("late.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file)) {
            int a = w.addInterface("a.eth0", LinkType.ETHERNET, 0);
            w.write(a, 10, TestFrames.arpRequestFrame(), Direction.OUTBOUND);
            int b = w.addInterface("b.eth0", LinkType.ETHERNET, 0);
            w.write(b, 20, TestFrames.arpReplyFrame(), Direction.OUTBOUND);
            w.write(a, 30, TestFrames.arpReplyFrame(), Direction.INBOUND);
            assertThat(w.interfaceCount()).isEqualTo(2);
            assertThat(w.packetCount()).isEqualTo(3);
        }
        PcapngCapture c = PcapngReader.readAll(file);
        assertThat(c.packets()).extracting(p -> c.interfaceOf(p).name()).containsExactly("a.eth0", "b.eth0", "a.eth0");
        assertThat(Tshark.fields(file, null, "frame.interface_name", "arp.opcode"))
                .containsExactly(List.of("a.eth0", "1"), List.of("b.eth0", "2"), List.of("a.eth0", "2"));
    }

    @Test
    void tsharkSeesExactNanosecondTimesInterfaceNamesAndCleanPackets() throws IOException {
        Path file = dir.resolve("sample.pcapng");
        Files.write(file, sampleBytes());

        assertThat(Tshark.fields(
                        file,
                        null,
                        "frame.time_epoch",
                        "frame.interface_name",
                        "frame.interface_description",
                        "_ws.col.Protocol",
                        "frame.p2p_dir"))
                .containsExactly(
                        List.of("0.001234567", "a.eth0", "host a, first interface", "ARP", "0"),
                        List.of("0.001234568", "b.eth0", "", "ARP", "0"),
                        List.of("2.000000001", "a.eth0", "host a, first interface", "ICMP", "0"),
                        List.of("2.000050002", "a.eth0", "host a, first interface", "ICMP", "1"),
                        List.of("3.999999999", "a.eth0", "host a, first interface", "ECHO", ""),
                        List.of("4.000000000", "a.eth0", "host a, first interface", "TCP", "0"));
        assertThat(Tshark.problems(file)).isEmpty();
        assertThat(Tshark.count(file, "ip.checksum.status == 1")).isEqualTo(4);
        assertThat(Tshark.count(file, "icmp.checksum.status == 1")).isEqualTo(2);
        assertThat(Tshark.count(file, "udp.checksum.status == 1")).isEqualTo(1);
        assertThat(Tshark.count(file, "tcp.checksum.status == 1")).isEqualTo(1);
        assertThat(Tshark.fields(
                        file, "tcp", "tcp.seq_raw", "tcp.flags.syn", "tcp.options.mss_val", "tcp.options.wscale.shift"))
                .containsExactly(List.of("8633", "1", "1460", "7"));
        assertThat(Tshark.fields(file, "icmp", "icmp.type", "icmp.ident", "icmp.seq"))
                .containsExactly(List.of("8", "1", "1"), List.of("0", "1", "1"));
    }

    @Test
    void tsharkSeesOriginalAndCapturedLengths() throws IOException {
        Path file = dir.resolve("snap.pcapng");
        try (PcapngWriter w = PcapngWriter.open(file)) {
            int id = w.addInterface("x", LinkType.ETHERNET, 34);
            w.write(id, 1, TestFrames.icmpEchoRequestFrame(), Direction.OUTBOUND);
        }
        assertThat(Tshark.fields(file, null, "frame.len", "frame.cap_len")).containsExactly(List.of("98", "34"));
    }

    @Test
    void capinfosAgreesWhenInstalled() throws IOException {
        Path file = dir.resolve("sample.pcapng");
        Files.write(file, sampleBytes());
        List<String> info = Tshark.capinfos(file);
        if (!info.isEmpty()) {
            assertThat(info).anyMatch(l -> l.matches("File type:\\s+Wireshark/\\.\\.\\. - pcapng"));
            assertThat(info).anyMatch(l -> l.matches("Number of packets:\\s+6"));
            assertThat(info).anyMatch(l -> l.matches("File encapsulation:\\s+Ethernet"));
            assertThat(info).anyMatch(l -> l.matches("Capture application:\\s+Strata test"));
            assertThat(info).anyMatch(l -> l.matches("Number of interfaces in file:\\s+2"));
        }
    }

    @Test
    void misuseIsRejected() throws IOException {
        PcapngWriter w = new PcapngWriter(new ByteArrayOutputStream(), "t");
        int id = w.addInterface("x", LinkType.ETHERNET, 0);
        ByteBuffer f = ByteBuffer.wrap(new byte[] {1});
        assertThatThrownBy(() -> w.write(id + 1, 0, f, Direction.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.write(id, -1, f, Direction.UNKNOWN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> w.addInterface("x", LinkType.ETHERNET, -1))
                .isInstanceOf(IllegalArgumentException.class);
        w.close();
        w.close();
        assertThatThrownBy(() -> w.write(id, 0, f, Direction.UNKNOWN)).isInstanceOf(IllegalStateException.class);
    }
}
