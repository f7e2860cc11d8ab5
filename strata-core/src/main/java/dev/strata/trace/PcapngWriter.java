package dev.strata.trace;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * A writer of pcapng capture files (draft-ietf-opsawg-pcapng): one Section Header Block, Interface Description Blocks
 * with nanosecond timestamps, and Enhanced Packet Blocks.
 *
 * <p>The output depends only on the calls made: the section header carries no host name, operating system or time, so
 * the same inputs give a byte-identical file. Blocks are written little-endian into an internal buffer that is handed
 * to the stream when full, on {@link #flush()} and on {@link #close()}; writing a packet allocates nothing.
 *
 * <p>Interfaces may be added at any time, also after packets were written: pcapng allows an Interface Description
 * Block anywhere in a section, before the first packet that refers to it. A writer is not thread-safe.
 */
public final class PcapngWriter implements Closeable, Flushable {

    /** Size of the internal buffer; larger blocks pass through it in pieces. */
    static final int BUFFER_SIZE = 64 * 1024;

    /** Longest option value written; keeps every non-packet block well inside the buffer. */
    static final int MAX_OPTION = 4096;

    private final OutputStream out;
    private final byte[] bytes = new byte[BUFFER_SIZE];
    private final ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    private int pos;
    private int[] snapLengths = new int[4];
    private int interfaceCount;
    private long packets;
    private boolean closed;

    /** A writer to {@code out} whose section header names the application as "Strata" and its version. */
    public PcapngWriter(OutputStream out) {
        this(out, "Strata " + BuildInfo.version());
    }

    /**
     * A writer to {@code out}; the section header's {@code shb_userappl} option is {@code userApplication}.
     *
     * <p>The section header is buffered at once; nothing reaches the stream before the first flush.
     */
    public PcapngWriter(OutputStream out, String userApplication) {
        this.out = Objects.requireNonNull(out, "out");
        writeSectionHeader(userApplication);
    }

    /** A writer to a new file at {@code path} (replacing an existing one), closed by {@link #close()}. */
    public static PcapngWriter open(Path path) throws IOException {
        return new PcapngWriter(Files.newOutputStream(path));
    }

    /**
     * Adds an interface without a description.
     *
     * @see #addInterface(String, LinkType, int, String)
     */
    public int addInterface(String name, LinkType linkType, int snapLength) throws IOException {
        return addInterface(name, linkType, snapLength, null);
    }

    /**
     * Adds an Interface Description Block (§4.2) with nanosecond timestamps ({@code if_tsresol} = 9).
     *
     * @param name the {@code if_name} option, e.g. {@code client.eth0}
     * @param linkType the link-layer header type of the packets
     * @param snapLength the most octets of a packet stored, or 0 for no limit; longer packets are truncated
     * @param description the {@code if_description} option, or null for none
     * @return the interface id that {@link #write} takes: 0 for the first interface, then 1, 2, ...
     */
    public int addInterface(String name, LinkType linkType, int snapLength, String description) throws IOException {
        ensureOpen();
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkType, "linkType");
        if (snapLength < 0) {
            throw new IllegalArgumentException("negative snap length " + snapLength);
        }
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        byte[] descriptionBytes = description == null ? null : description.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length > MAX_OPTION || (descriptionBytes != null && descriptionBytes.length > MAX_OPTION)) {
            throw new IllegalArgumentException("interface name or description longer than " + MAX_OPTION + " octets");
        }
        int options = optionLength(nameBytes.length)
                + (descriptionBytes == null ? 0 : optionLength(descriptionBytes.length))
                + optionLength(1)
                + 4;
        int total = PcapngFormat.BLOCK_OVERHEAD + 8 + options;
        reserve(total);
        putInt(PcapngFormat.INTERFACE_DESCRIPTION);
        putInt(total);
        putShort(linkType.value());
        putShort(0); // Reserved
        putInt(snapLength);
        putOption(PcapngFormat.IF_NAME, nameBytes);
        if (descriptionBytes != null) {
            putOption(PcapngFormat.IF_DESCRIPTION, descriptionBytes);
        }
        putOption(PcapngFormat.IF_TSRESOL, new byte[] {PcapngFormat.TSRESOL_NANOS});
        putInt(PcapngFormat.OPT_END); // code 0, length 0
        putInt(total);
        if (interfaceCount == snapLengths.length) {
            snapLengths = Arrays.copyOf(snapLengths, interfaceCount * 2);
        }
        snapLengths[interfaceCount] = snapLength;
        return interfaceCount++;
    }

    /**
     * Writes one Enhanced Packet Block (§4.3) for the bytes between {@code frame}'s position and limit; the buffer's
     * position is not changed. Bytes beyond the interface's snap length are not stored, but the original length says
     * how long the packet was.
     *
     * @param interfaceId an id returned by {@link #addInterface}
     * @param timeNanos the time in nanoseconds since the epoch of the capture (not negative)
     * @param frame the packet, starting with the interface's link-layer header
     * @param direction recorded in {@code epb_flags} unless {@link Direction#UNKNOWN}, which writes no flags
     */
    public void write(int interfaceId, long timeNanos, ByteBuffer frame, Direction direction) throws IOException {
        ensureOpen();
        if (interfaceId < 0 || interfaceId >= interfaceCount) {
            throw new IllegalArgumentException("no interface " + interfaceId + " (have " + interfaceCount + ")");
        }
        if (timeNanos < 0) {
            throw new IllegalArgumentException("negative timestamp " + timeNanos);
        }
        int original = frame.remaining();
        int snap = snapLengths[interfaceId];
        int captured = snap == 0 ? original : Math.min(original, snap);
        int padded = PcapngFormat.pad4(captured);
        boolean flags = direction != Direction.UNKNOWN;
        int total = PcapngFormat.BLOCK_OVERHEAD
                + PcapngFormat.EPB_FIXED
                + padded
                + (flags ? PcapngFormat.EPB_FLAGS_OPTION : 0);
        reserve(Math.min(total, BUFFER_SIZE));
        putInt(PcapngFormat.ENHANCED_PACKET);
        putInt(total);
        putInt(interfaceId);
        putInt((int) (timeNanos >>> 32)); // Timestamp (Upper)
        putInt((int) timeNanos); // Timestamp (Lower)
        putInt(captured);
        putInt(original);
        putBytes(frame, frame.position(), captured);
        putZeros(padded - captured);
        if (flags) {
            reserve(PcapngFormat.EPB_FLAGS_OPTION + 4);
            putShort(PcapngFormat.EPB_FLAGS);
            putShort(4);
            putInt(direction.epbFlagBits());
            putInt(PcapngFormat.OPT_END);
        } else {
            reserve(4);
        }
        putInt(total);
        packets++;
    }

    /** Number of interfaces added. */
    public int interfaceCount() {
        return interfaceCount;
    }

    /** Number of packets written. */
    public long packetCount() {
        return packets;
    }

    /** Hands the buffered blocks to the stream and flushes it. */
    @Override
    public void flush() throws IOException {
        ensureOpen();
        drain();
        out.flush();
    }

    /** Writes out the buffered blocks and closes the stream; closing twice does nothing. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (out) {
            drain();
        }
    }

    // ---- section header ---------------------------------------------------------------------------------------

    private void writeSectionHeader(String userApplication) {
        byte[] appl = userApplication == null ? null : userApplication.getBytes(StandardCharsets.UTF_8);
        if (appl != null && appl.length > MAX_OPTION) {
            throw new IllegalArgumentException("shb_userappl longer than " + MAX_OPTION + " octets");
        }
        int options = appl == null ? 0 : optionLength(appl.length) + 4;
        int total = PcapngFormat.BLOCK_OVERHEAD + 16 + options;
        putInt(PcapngFormat.SECTION_HEADER);
        putInt(total);
        putInt(PcapngFormat.BYTE_ORDER_MAGIC);
        putShort(PcapngFormat.MAJOR_VERSION);
        putShort(PcapngFormat.MINOR_VERSION);
        putLong(PcapngFormat.SECTION_LENGTH_UNSPECIFIED);
        if (appl != null) {
            putOption(PcapngFormat.SHB_USERAPPL, appl);
            putInt(PcapngFormat.OPT_END);
        }
        putInt(total);
    }

    // ---- the buffer -------------------------------------------------------------------------------------------

    private static int optionLength(int valueLength) {
        return 4 + PcapngFormat.pad4(valueLength);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("pcapng writer is closed");
        }
    }

    /** Makes room for {@code n} contiguous octets (at most the buffer size), draining the buffer if needed. */
    private void reserve(int n) throws IOException {
        if (BUFFER_SIZE - pos < n) {
            drain();
        }
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(bytes, 0, pos);
            pos = 0;
        }
    }

    private void putShort(int v) {
        buf.putShort(pos, (short) v);
        pos += 2;
    }

    private void putInt(int v) {
        buf.putInt(pos, v);
        pos += 4;
    }

    private void putLong(long v) {
        buf.putLong(pos, v);
        pos += 8;
    }

    private void putOption(int code, byte[] value) {
        putShort(code);
        putShort(value.length);
        System.arraycopy(value, 0, bytes, pos, value.length);
        pos += value.length;
        int pad = PcapngFormat.pad4(value.length) - value.length;
        Arrays.fill(bytes, pos, pos + pad, (byte) 0);
        pos += pad;
    }

    /** Copies {@code len} octets from absolute index {@code from} of {@code src}, draining as the buffer fills. */
    private void putBytes(ByteBuffer src, int from, int len) throws IOException {
        while (len > 0) {
            if (pos == BUFFER_SIZE) {
                drain();
            }
            int n = Math.min(len, BUFFER_SIZE - pos);
            buf.put(pos, src, from, n);
            pos += n;
            from += n;
            len -= n;
        }
    }

    private void putZeros(int n) throws IOException {
        if (BUFFER_SIZE - pos < n) {
            drain();
        }
        Arrays.fill(bytes, pos, pos + n, (byte) 0);
        pos += n;
    }
}
