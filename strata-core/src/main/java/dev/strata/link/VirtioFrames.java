package dev.strata.link;

import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.ParseError;
import dev.strata.wire.SoftwareGso;
import dev.strata.wire.VirtioGsoType;
import dev.strata.wire.VirtioNetPacket;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * What a TAP device opened with IFF_VNET_HDR does with the frames the kernel hands over with offload work left in
 * them: either passes a TCP/IPv4 frame whole, as an <em>offloaded frame</em> (a partial checksum the kernel vouches
 * for, possibly a segment larger than the MTU), to a receiver that takes such frames, or turns it into ordinary
 * frames (checksum completed, super-segment cut, see {@link SoftwareGso}).
 */
final class VirtioFrames {

    private static final int PROTO_TCP = 6;
    private static final int TCP_CHECKSUM = 16;

    private VirtioFrames() {}

    /**
     * True when the packet is TCP over IPv4 whose only offload work is a partial TCP checksum, with or without TCPv4
     * segmentation: a receiver that takes offloaded frames can take it as it is. The IPv4 header must be whole, not a
     * fragment, its total length the rest of the frame, and the checksum fields the TCP checksum's.
     */
    static boolean passesWhole(VirtioNetPacket p) {
        if (!p.needsChecksum()) {
            return false;
        }
        VirtioGsoType gso = p.gsoType().withoutEcn();
        if (!gso.equals(VirtioGsoType.NONE) && !gso.equals(VirtioGsoType.TCPV4)) {
            return false;
        }
        ByteBuffer b = p.buffer();
        int frame = p.payloadOffset();
        int ip = frame + EthernetFrame.HEADER_LENGTH;
        int len = p.payloadLength();
        if (len < EthernetFrame.HEADER_LENGTH + 40
                || (b.getShort(frame + 12) & 0xFFFF) != EtherType.IPV4.value()
                || (b.get(ip) & 0xF0) != 0x40
                || (b.get(ip + 9) & 0xFF) != PROTO_TCP
                || (b.getShort(ip + 6) & 0x3FFF) != 0) { // MF or a fragment offset
            return false;
        }
        int ipHeader = (b.get(ip) & 0x0F) * 4;
        return ipHeader >= 20
                && (b.getShort(ip + 2) & 0xFFFF) == len - EthernetFrame.HEADER_LENGTH
                && p.checksumStart() == EthernetFrame.HEADER_LENGTH + ipHeader
                && p.checksumOffset() == TCP_CHECKSUM;
    }

    /**
     * Turns the packet's frame into ordinary frames with complete checksums, each a new heap buffer given to
     * {@code out}: as it is when nothing is left to do, with its partial checksum completed, or cut into MTU-sized
     * frames when it is a super-segment.
     *
     * @return null on success, or why the frame was dropped
     */
    static ParseError toFrames(VirtioNetPacket p, Consumer<ByteBuffer> out) {
        if (p.gsoType().isLarge()) {
            // Cut straight out of the read buffer: each segment is copied once, into its own frame.
            return SoftwareGso.segment(p.payload(), EthernetFrame.HEADER_LENGTH, p.gsoType(), p.gsoSize(), 0, out);
        }
        int len = p.payloadLength();
        ByteBuffer frame = ByteBuffer.allocate(len);
        frame.put(0, p.buffer(), p.payloadOffset(), len);
        if (p.needsChecksum()) {
            SoftwareGso.completeChecksum(frame, p.checksumStart(), len, p.checksumOffset());
        }
        out.accept(frame);
        return null;
    }
}
