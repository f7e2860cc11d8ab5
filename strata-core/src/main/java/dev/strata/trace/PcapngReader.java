package dev.strata.trace;

import dev.strata.trace.PcapngBlock.EnhancedPacket;
import dev.strata.trace.PcapngBlock.InterfaceDescription;
import dev.strata.trace.PcapngBlock.Other;
import dev.strata.trace.PcapngBlock.SectionHeader;
import dev.strata.trace.PcapngBlock.SimplePacket;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reader of pcapng capture files (draft-ietf-opsawg-pcapng), block by block, in either byte order, for tests and
 * for replaying captures.
 *
 * <p>Malformed input ends in a {@link PcapngFormatException} naming the offset and the reason, never in another
 * exception; memory is bounded by {@link #MAX_BLOCK_LENGTH} per block. Blocks other than section headers, interface
 * descriptions and packets are returned as {@link Other} and skipped.
 */
public final class PcapngReader implements Closeable {

    /** Longest block accepted (the largest packet libpcap captures is 256 KiB; this leaves room for options). */
    public static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;

    private final InputStream in;
    private final byte[] head = new byte[12];
    private long offset;
    private ByteOrder order;
    private final List<InterfaceDescription> interfaces = new ArrayList<>();

    /** A reader of the pcapng bytes of {@code in}, which it closes on {@link #close()}. */
    public PcapngReader(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
    }

    /** A reader of the file at {@code path}. */
    public static PcapngReader open(Path path) throws IOException {
        return new PcapngReader(new BufferedInputStream(Files.newInputStream(path)));
    }

    /** Reads a whole file into a {@link PcapngCapture}. */
    public static PcapngCapture readAll(Path path) throws IOException {
        try (PcapngReader reader = open(path)) {
            return reader.readAll();
        }
    }

    /**
     * Reads every remaining block into a {@link PcapngCapture}, numbering interfaces across sections in file order
     * and renumbering the packets' interface ids to match.
     */
    public PcapngCapture readAll() throws IOException {
        List<SectionHeader> sections = new ArrayList<>();
        List<InterfaceDescription> all = new ArrayList<>();
        List<EnhancedPacket> packets = new ArrayList<>();
        int base = 0;
        for (PcapngBlock b = next(); b != null; b = next()) {
            switch (b) {
                case SectionHeader s -> {
                    sections.add(s);
                    base = all.size();
                }
                case InterfaceDescription i -> all.add(i);
                case EnhancedPacket p ->
                    packets.add(new EnhancedPacket(
                            base + p.interfaceId(),
                            p.timestamp(),
                            p.timeNanos(),
                            p.originalLength(),
                            p.data(),
                            p.direction(),
                            p.comments()));
                case SimplePacket p ->
                    packets.add(
                            new EnhancedPacket(base, 0, 0, p.originalLength(), p.data(), Direction.UNKNOWN, List.of()));
                case Other o -> {}
            }
        }
        return new PcapngCapture(sections, all, packets);
    }

    /** The interfaces of the current section, in id order. */
    public List<InterfaceDescription> interfaces() {
        return List.copyOf(interfaces);
    }

    /**
     * Reads the next block.
     *
     * @return the block, or null at the end of the file
     * @throws PcapngFormatException when the bytes are not well-formed pcapng
     */
    public PcapngBlock next() throws IOException {
        long start = offset;
        int got = in.readNBytes(head, 0, 8);
        offset += got;
        if (got == 0) {
            return null;
        }
        if (got < 8) {
            throw new PcapngFormatException(start, "file ends inside a block header");
        }
        ByteBuffer h = ByteBuffer.wrap(head);
        int type = h.getInt(0); // the section header type reads the same in both orders
        if (type == PcapngFormat.SECTION_HEADER) {
            readFully(head, 8, 4, start);
            int magic = h.order(ByteOrder.BIG_ENDIAN).getInt(8);
            if (magic == PcapngFormat.BYTE_ORDER_MAGIC) {
                order = ByteOrder.BIG_ENDIAN;
            } else if (magic == PcapngFormat.BYTE_ORDER_MAGIC_SWAPPED) {
                order = ByteOrder.LITTLE_ENDIAN;
            } else {
                throw new PcapngFormatException(start, "bad byte-order magic 0x" + Integer.toHexString(magic));
            }
            interfaces.clear();
        } else if (order == null) {
            throw new PcapngFormatException(start, "file does not start with a Section Header Block");
        }
        h.order(order);
        type = h.getInt(0);
        int length = h.getInt(4);
        if (length < PcapngFormat.BLOCK_OVERHEAD || (length & 3) != 0 || length > MAX_BLOCK_LENGTH) {
            throw new PcapngFormatException(start, "bad block total length " + Integer.toUnsignedString(length));
        }
        int alreadyRead = type == PcapngFormat.SECTION_HEADER ? 12 : 8;
        if (length < alreadyRead + 4) {
            throw new PcapngFormatException(start, "block total length " + length + " too small for its type");
        }
        // readNBytes grows its buffer as bytes arrive, so a lying length in a short file costs no big allocation.
        byte[] rest = in.readNBytes(length - alreadyRead);
        offset += rest.length;
        if (rest.length < length - alreadyRead) {
            throw new PcapngFormatException(start, "file ends inside a block");
        }
        byte[] block = new byte[length];
        System.arraycopy(head, 0, block, 0, alreadyRead);
        System.arraycopy(rest, 0, block, alreadyRead, rest.length);
        ByteBuffer b = ByteBuffer.wrap(block).order(order);
        if (b.getInt(length - 4) != length) {
            throw new PcapngFormatException(start, "trailing block total length differs from the leading one");
        }
        return switch (type) {
            case PcapngFormat.SECTION_HEADER -> sectionHeader(b, start);
            case PcapngFormat.INTERFACE_DESCRIPTION -> interfaceDescription(b, start);
            case PcapngFormat.ENHANCED_PACKET -> enhancedPacket(b, start);
            case PcapngFormat.SIMPLE_PACKET -> simplePacket(b, start);
            default -> new Other(type, length);
        };
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    // ---- blocks -----------------------------------------------------------------------------------------------

    private SectionHeader sectionHeader(ByteBuffer b, long start) throws PcapngFormatException {
        int end = b.limit() - 4;
        if (end < 24) {
            throw new PcapngFormatException(start, "Section Header Block shorter than 28 octets");
        }
        int major = b.getShort(12) & 0xFFFF;
        int minor = b.getShort(14) & 0xFFFF;
        if (major != PcapngFormat.MAJOR_VERSION) {
            throw new PcapngFormatException(start, "unsupported major version " + major);
        }
        long sectionLength = b.getLong(16);
        Options o = options(b, 24, end, start);
        return new SectionHeader(
                order,
                major,
                minor,
                sectionLength,
                o.text(PcapngFormat.SHB_USERAPPL),
                o.text(PcapngFormat.SHB_HARDWARE),
                o.text(PcapngFormat.SHB_OS),
                o.comments());
    }

    private InterfaceDescription interfaceDescription(ByteBuffer b, long start) throws PcapngFormatException {
        int end = b.limit() - 4;
        if (end < 16) {
            throw new PcapngFormatException(start, "Interface Description Block shorter than 20 octets");
        }
        LinkType linkType = LinkType.of(b.getShort(8) & 0xFFFF);
        int snapLength = b.getInt(12);
        Options o = options(b, 16, end, start);
        byte[] tsresol = o.raw(PcapngFormat.IF_TSRESOL);
        byte[] tsoffset = o.raw(PcapngFormat.IF_TSOFFSET);
        if ((tsresol != null && tsresol.length != 1) || (tsoffset != null && tsoffset.length != 8)) {
            throw new PcapngFormatException(start, "bad if_tsresol or if_tsoffset length");
        }
        InterfaceDescription idb = new InterfaceDescription(
                linkType,
                snapLength,
                o.text(PcapngFormat.IF_NAME),
                o.text(PcapngFormat.IF_DESCRIPTION),
                tsresol == null ? PcapngFormat.TSRESOL_DEFAULT : tsresol[0] & 0xFF,
                tsoffset == null ? 0 : ByteBuffer.wrap(tsoffset).order(order).getLong());
        interfaces.add(idb);
        return idb;
    }

    private EnhancedPacket enhancedPacket(ByteBuffer b, long start) throws PcapngFormatException {
        int end = b.limit() - 4;
        if (end < 8 + PcapngFormat.EPB_FIXED) {
            throw new PcapngFormatException(start, "Enhanced Packet Block shorter than 32 octets");
        }
        int interfaceId = b.getInt(8);
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            throw new PcapngFormatException(start, "packet of undeclared interface " + interfaceId);
        }
        long timestamp = ((long) b.getInt(12) << 32) | (b.getInt(16) & 0xFFFF_FFFFL);
        int captured = b.getInt(20);
        int original = b.getInt(24);
        int dataEnd = 28 + PcapngFormat.pad4(captured);
        if (captured < 0 || dataEnd > end) {
            throw new PcapngFormatException(start, "captured length " + captured + " runs past the block");
        }
        byte[] data = new byte[captured];
        b.get(28, data);
        Options o = options(b, dataEnd, end, start);
        byte[] flags = o.raw(PcapngFormat.EPB_FLAGS);
        if (flags != null && flags.length != 4) {
            throw new PcapngFormatException(start, "epb_flags of " + flags.length + " octets");
        }
        Direction direction = flags == null
                ? Direction.UNKNOWN
                : Direction.ofEpbFlags(ByteBuffer.wrap(flags).order(order).getInt());
        long nanos = interfaces.get(interfaceId).toNanos(timestamp);
        return new EnhancedPacket(interfaceId, timestamp, nanos, original, data, direction, o.comments());
    }

    private SimplePacket simplePacket(ByteBuffer b, long start) throws PcapngFormatException {
        int end = b.limit() - 4;
        if (end < 12 || interfaces.isEmpty()) {
            throw new PcapngFormatException(start, "Simple Packet Block too short or without interface");
        }
        int original = b.getInt(8);
        int snap = interfaces.get(0).snapLength();
        int captured = Math.min(end - 12, snap == 0 ? Integer.MAX_VALUE : snap);
        if (original >= 0) {
            captured = Math.min(captured, original);
        }
        byte[] data = new byte[captured];
        b.get(12, data);
        return new SimplePacket(original, data);
    }

    // ---- options (§3.5) ---------------------------------------------------------------------------------------

    private record Option(int code, byte[] value) {}

    private record Options(List<Option> all) {
        byte[] raw(int code) {
            for (Option o : all) {
                if (o.code() == code) {
                    return o.value();
                }
            }
            return null;
        }

        String text(int code) {
            byte[] v = raw(code);
            return v == null ? null : new String(v, StandardCharsets.UTF_8);
        }

        List<String> comments() {
            List<String> c = new ArrayList<>();
            for (Option o : all) {
                if (o.code() == PcapngFormat.OPT_COMMENT) {
                    c.add(new String(o.value(), StandardCharsets.UTF_8));
                }
            }
            return List.copyOf(c);
        }
    }

    private static Options options(ByteBuffer b, int at, int end, long start) throws PcapngFormatException {
        List<Option> list = new ArrayList<>();
        while (at < end) {
            if (end - at < 4) {
                throw new PcapngFormatException(start, "option header runs past the block");
            }
            int code = b.getShort(at) & 0xFFFF;
            int len = b.getShort(at + 2) & 0xFFFF;
            if (code == PcapngFormat.OPT_END) {
                break;
            }
            if (at + 4 + PcapngFormat.pad4(len) > end) {
                throw new PcapngFormatException(start, "option " + code + " of " + len + " octets runs past the block");
            }
            byte[] value = new byte[len];
            b.get(at + 4, value);
            list.add(new Option(code, value));
            at += 4 + PcapngFormat.pad4(len);
        }
        return new Options(list);
    }

    private void readFully(byte[] dst, int off, int len, long start) throws IOException {
        int got = in.readNBytes(dst, off, len);
        offset += got;
        if (got < len) {
            throw new PcapngFormatException(start, "file ends inside a block");
        }
    }
}
