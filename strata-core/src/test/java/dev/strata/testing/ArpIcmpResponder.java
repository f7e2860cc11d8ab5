package dev.strata.testing;

import dev.strata.link.FrameReceiver;
import dev.strata.link.NetDevice;
import dev.strata.wire.Checksums;
import dev.strata.wire.EtherType;
import dev.strata.wire.EthernetFrame;
import dev.strata.wire.MacAddr;
import dev.strata.wire.Parsed;
import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * A stand-in host for tests of devices and loops, before the stack exists: answers ARP requests for one IPv4
 * address (RFC 826) and ICMP echo requests to it (RFC 792) with hand-built frames, and counts what it saw.
 *
 * <p>Runs on the loop (it is the device's {@link FrameReceiver}); its counters are read through the loop. Frames
 * of EtherType {@link #POISON} make it throw, to show that a failing receiver does not stop the loop.
 */
public final class ArpIcmpResponder implements FrameReceiver {

    /** An EtherType the responder refuses by throwing (IEEE 802 local experimental 1). */
    public static final int POISON = 0x88B5;

    private final NetDevice device;
    private final int ip;
    private Consumer<ByteBuffer> tap = f -> {};

    /** ARP requests for our address answered. */
    public long arpReplies;
    /** ICMP echo requests to our address answered. */
    public long echoReplies;
    /** Frames that were neither (IPv6, other hosts, junk). */
    public long ignored;
    /** Frames that did not even parse as Ethernet. */
    public long malformed;

    /** A responder for {@code ip} (e.g. 0xC0000202 for 192.0.2.2), sending through {@code device}. */
    public ArpIcmpResponder(NetDevice device, int ip) {
        this.device = device;
        this.ip = ip;
    }

    /** Also shows every received frame to {@code tap} (on the loop). */
    public ArpIcmpResponder tap(Consumer<ByteBuffer> tap) {
        this.tap = tap;
        return this;
    }

    @Override
    public void receive(ByteBuffer frame) {
        tap.accept(frame.duplicate());
        switch (EthernetFrame.parse(frame)) {
            case Parsed.Malformed<EthernetFrame> m -> malformed++;
            case Parsed.Ok<EthernetFrame>(EthernetFrame eth) -> {
                int type = eth.etherTypeValue();
                if (type == POISON) {
                    throw new IllegalStateException("poison frame of " + eth.length() + " octets");
                } else if (type == EtherType.ARP.value() && answerArp(eth)) {
                    arpReplies++;
                } else if (type == EtherType.IPV4.value() && answerEcho(eth)) {
                    echoReplies++;
                } else {
                    ignored++;
                }
            }
        }
    }

    // RFC 826: htype 1 (Ethernet), ptype 0x0800, hlen 6, plen 4, op 1 request / 2 reply, sha spa tha tpa.
    private boolean answerArp(EthernetFrame eth) {
        ByteBuffer b = eth.buffer();
        int a = eth.payloadOffset();
        if (eth.payloadLength() < 28
                || b.getShort(a) != 1
                || b.getShort(a + 2) != 0x0800
                || b.get(a + 4) != 6
                || b.get(a + 5) != 4
                || b.getShort(a + 6) != 1
                || b.getInt(a + 24) != ip) {
            return false;
        }
        MacAddr requester = MacAddr.read(b, a + 8);
        int requesterIp = b.getInt(a + 14);
        ByteBuffer r = ByteBuffer.allocate(EthernetFrame.HEADER_LENGTH + 28);
        requester.write(r, 0);
        device.mac().write(r, 6);
        r.putShort(12, (short) EtherType.ARP.value());
        r.putShort(14, (short) 1);
        r.putShort(16, (short) 0x0800);
        r.put(18, (byte) 6);
        r.put(19, (byte) 4);
        r.putShort(20, (short) 2);
        device.mac().write(r, 22);
        r.putInt(28, ip);
        requester.write(r, 32);
        r.putInt(38, requesterIp);
        device.transmit(r);
        return true;
    }

    // RFC 791 header, RFC 792 echo: the reply swaps the addresses, sets type 0 and recomputes both checksums.
    private boolean answerEcho(EthernetFrame eth) {
        ByteBuffer b = eth.buffer();
        int ipAt = eth.payloadOffset();
        if (eth.payloadLength() < 20 || (b.get(ipAt) & 0xF0) != 0x40) {
            return false;
        }
        int ihl = (b.get(ipAt) & 0x0F) * 4;
        int total = b.getShort(ipAt + 2) & 0xFFFF;
        if (ihl < 20 || total < ihl + 8 || total > eth.payloadLength()) {
            return false;
        }
        if (b.get(ipAt + 9) != 1 || b.getInt(ipAt + 16) != ip || b.get(ipAt + ihl) != 8 || b.get(ipAt + ihl + 1) != 0) {
            return false;
        }
        ByteBuffer r = ByteBuffer.allocate(EthernetFrame.HEADER_LENGTH + total);
        eth.source().write(r, 0);
        device.mac().write(r, 6);
        r.putShort(12, (short) EtherType.IPV4.value());
        r.put(14, b.slice(ipAt, total), 0, total);
        int src = b.getInt(ipAt + 12);
        r.putInt(14 + 12, ip);
        r.putInt(14 + 16, src);
        r.put(14 + 8, (byte) 64); // TTL
        r.putShort(14 + 10, (short) 0);
        r.putShort(14 + 10, (short) Checksums.checksum(r, 14, ihl));
        int icmp = 14 + ihl;
        r.put(icmp, (byte) 0); // echo reply
        r.putShort(icmp + 2, (short) 0);
        r.putShort(icmp + 2, (short) Checksums.checksum(r, icmp, total - ihl));
        device.transmit(r);
        return true;
    }
}
