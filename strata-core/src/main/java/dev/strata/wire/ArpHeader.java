package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * An ARP packet for IPv4 over Ethernet to build (RFC 826); hardware and protocol types and lengths are implied.
 *
 * @param operation request or reply
 * @param senderHardwareAddress {@code ar$sha}
 * @param senderProtocolAddress {@code ar$spa}
 * @param targetHardwareAddress {@code ar$tha}; zero in a request
 * @param targetProtocolAddress {@code ar$tpa}
 */
public record ArpHeader(
        ArpOp operation,
        MacAddr senderHardwareAddress,
        Ip4 senderProtocolAddress,
        MacAddr targetHardwareAddress,
        Ip4 targetProtocolAddress)
        implements HeaderRecord {

    /** Validates that no field is missing. */
    public ArpHeader {
        if (operation == null
                || senderHardwareAddress == null
                || senderProtocolAddress == null
                || targetHardwareAddress == null
                || targetProtocolAddress == null) {
            throw new IllegalArgumentException("ARP header fields must not be null");
        }
    }

    /** A request from {@code senderMac}/{@code senderIp} asking who has {@code targetIp} (RFC 826). */
    public static ArpHeader request(MacAddr senderMac, Ip4 senderIp, Ip4 targetIp) {
        return new ArpHeader(ArpOp.REQUEST, senderMac, senderIp, MacAddr.ZERO, targetIp);
    }

    /** The reply to {@code request} from the owner of its target address, {@code ownMac} (RFC 826). */
    public static ArpHeader replyTo(ArpPacket request, MacAddr ownMac) {
        return new ArpHeader(
                ArpOp.REPLY,
                ownMac,
                request.targetProtocolAddress(),
                request.senderHardwareAddress(),
                request.senderProtocolAddress());
    }

    /** A gratuitous ARP announcing {@code mac} for {@code ip}: a request with sender and target address equal. */
    public static ArpHeader announcement(MacAddr mac, Ip4 ip) {
        // RFC 5227 §3: an ARP Announcement is a request with spa = tpa and a zero tha.
        return new ArpHeader(ArpOp.REQUEST, mac, ip, MacAddr.ZERO, ip);
    }

    @Override
    public int length() {
        return ArpPacket.LENGTH;
    }

    @Override
    public void emit(ByteBuffer buf, int at) {
        buf.putShort(at + ArpPacket.HRD, (short) ArpPacket.HARDWARE_ETHERNET);
        buf.putShort(at + ArpPacket.PRO, (short) EtherType.IPV4.value());
        buf.put(at + ArpPacket.HLN, (byte) MacAddr.LENGTH);
        buf.put(at + ArpPacket.PLN, (byte) Ip4.LENGTH);
        buf.putShort(at + ArpPacket.OP, (short) operation.value());
        senderHardwareAddress.write(buf, at + ArpPacket.SHA);
        senderProtocolAddress.write(buf, at + ArpPacket.SPA);
        targetHardwareAddress.write(buf, at + ArpPacket.THA);
        targetProtocolAddress.write(buf, at + ArpPacket.TPA);
    }

    @Override
    public String toString() {
        if (operation.equals(ArpOp.REQUEST)) {
            return "ARP who-has " + targetProtocolAddress + " tell " + senderProtocolAddress + " ("
                    + senderHardwareAddress + ")";
        }
        if (operation.equals(ArpOp.REPLY)) {
            return "ARP reply " + senderProtocolAddress + " is-at " + senderHardwareAddress;
        }
        return "ARP " + operation + " sha=" + senderHardwareAddress + " spa=" + senderProtocolAddress + " tha="
                + targetHardwareAddress + " tpa=" + targetProtocolAddress;
    }
}
