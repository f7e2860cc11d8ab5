package dev.strata.wire;

import java.nio.ByteBuffer;
import java.util.HexFormat;

/** Test helpers to build packets from header records and to move between hex text and buffers. */
final class Packets {

    private Packets() {}

    /**
     * A buffer holding {@code headers} (outermost first) followed by {@code payload}, built back to front with
     * {@link HeaderRecord#prepend} as the stack does; position 0, limit at the end.
     */
    static ByteBuffer build(byte[] payload, HeaderRecord... headers) {
        int len = payload.length;
        for (HeaderRecord h : headers) {
            len += h.length();
        }
        ByteBuffer buf = ByteBuffer.allocate(len);
        buf.put(len - payload.length, payload);
        buf.position(len - payload.length);
        for (int i = headers.length - 1; i >= 0; i--) {
            headers[i].prepend(buf);
        }
        if (buf.position() != 0) {
            throw new AssertionError("headers did not fill the headroom");
        }
        return buf;
    }

    /** A buffer over the octets of hex text (spaces allowed). */
    static ByteBuffer hex(String hex) {
        return ByteBuffer.wrap(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** The octets between {@code buf}'s position and limit. */
    static byte[] bytes(ByteBuffer buf) {
        byte[] b = new byte[buf.remaining()];
        buf.get(buf.position(), b);
        return b;
    }

    /** The octets between position and limit as lower-case hex. */
    static String toHex(ByteBuffer buf) {
        return HexFormat.of().formatHex(bytes(buf));
    }

    /** The first {@code len} octets of {@code buf}'s content, as a new buffer. */
    static ByteBuffer prefix(ByteBuffer buf, int len) {
        return ByteBuffer.wrap(bytes(buf), 0, len).slice();
    }

    /** Recomputes the IPv4 header checksum of a datagram at index 0 after a test altered its header. */
    static void fixIpv4Checksum(ByteBuffer buf) {
        int ihl = (buf.get(0) & 0x0F) * 4;
        buf.putShort(Ipv4Packet.CHECKSUM, (short) 0);
        buf.putShort(Ipv4Packet.CHECKSUM, (short) Checksums.checksum(buf, 0, Math.min(ihl, buf.limit())));
    }
}
