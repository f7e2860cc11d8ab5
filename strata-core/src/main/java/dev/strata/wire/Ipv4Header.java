package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * An IPv4 header to build (RFC 791 §3.1).
 *
 * <p>The version is 4, the IHL follows from the options, the total length is the distance from the header's first
 * octet to the buffer's limit ({@link HeaderRecord}), and the header checksum is computed by {@link #emit}.
 *
 * @param dscp Differentiated Services Code Point, 0..63 (RFC 2474)
 * @param ecn Explicit Congestion Notification field, 0..3 (RFC 3168)
 * @param identification the Identification field, 0..65535
 * @param dontFragment the DF flag
 * @param moreFragments the MF flag
 * @param fragmentOffset the Fragment Offset field in units of 8 octets, 0..8191
 * @param ttl Time to Live, 0..255
 * @param protocol the payload's protocol
 * @param source the source address
 * @param destination the destination address
 * @param options the options area (padded to a multiple of four octets)
 */
public record Ipv4Header(
        int dscp,
        int ecn,
        int identification,
        boolean dontFragment,
        boolean moreFragments,
        int fragmentOffset,
        int ttl,
        IpProtocol protocol,
        Ip4 source,
        Ip4 destination,
        Ipv4Options options)
        implements HeaderRecord {

    /** The TTL Strata sends with by default, Linux's {@code net.ipv4.ip_default_ttl}. */
    public static final int DEFAULT_TTL = 64;

    /** Validates field ranges. */
    public Ipv4Header {
        if (dscp < 0 || dscp > 63 || ecn < 0 || ecn > 3) {
            throw new IllegalArgumentException("bad DSCP/ECN " + dscp + "/" + ecn);
        }
        if ((identification & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("identification out of range: " + identification);
        }
        if ((fragmentOffset & ~Ipv4Packet.FRAGMENT_OFFSET_MASK) != 0) {
            throw new IllegalArgumentException("fragment offset out of range: " + fragmentOffset);
        }
        if ((ttl & ~0xFF) != 0) {
            throw new IllegalArgumentException("TTL out of range: " + ttl);
        }
        if (protocol == null || source == null || destination == null || options == null) {
            throw new IllegalArgumentException("IPv4 header fields must not be null");
        }
    }

    /** An unfragmented header without options, DSCP or ECN. */
    public static Ipv4Header of(Ip4 source, Ip4 destination, IpProtocol protocol, int ttl, int identification) {
        return new Ipv4Header(
                0, 0, identification, false, false, 0, ttl, protocol, source, destination, Ipv4Options.NONE);
    }

    /** This header with the DF flag set or cleared. */
    public Ipv4Header withDontFragment(boolean df) {
        return new Ipv4Header(
                dscp,
                ecn,
                identification,
                df,
                moreFragments,
                fragmentOffset,
                ttl,
                protocol,
                source,
                destination,
                options);
    }

    /** This header describing a fragment: MF flag and offset in units of 8 octets. */
    public Ipv4Header withFragment(boolean mf, int offset) {
        return new Ipv4Header(
                dscp, ecn, identification, dontFragment, mf, offset, ttl, protocol, source, destination, options);
    }

    /** This header with other options. */
    public Ipv4Header withOptions(Ipv4Options newOptions) {
        return new Ipv4Header(
                dscp,
                ecn,
                identification,
                dontFragment,
                moreFragments,
                fragmentOffset,
                ttl,
                protocol,
                source,
                destination,
                newOptions);
    }

    @Override
    public int length() {
        return Ipv4Packet.MIN_HEADER_LENGTH + options.length();
    }

    /**
     * Writes the header at {@code at}; the total length is {@code buf.limit() - at}.
     *
     * @throws IllegalArgumentException if that length is shorter than the header or longer than 65535
     */
    @Override
    public void emit(ByteBuffer buf, int at) {
        int headerLength = length();
        int totalLength = buf.limit() - at;
        if (totalLength < headerLength || totalLength > Ipv4Packet.MAX_LENGTH) {
            throw new IllegalArgumentException("IPv4 total length " + totalLength + " out of range");
        }
        buf.put(at + Ipv4Packet.VERSION_IHL, (byte) ((Ipv4Packet.VERSION << 4) | (headerLength / 4)));
        buf.put(at + Ipv4Packet.TOS, (byte) ((dscp << 2) | ecn));
        buf.putShort(at + Ipv4Packet.TOTAL_LENGTH, (short) totalLength);
        buf.putShort(at + Ipv4Packet.IDENTIFICATION, (short) identification);
        int flags = (dontFragment ? Ipv4Packet.FLAG_DF : 0) | (moreFragments ? Ipv4Packet.FLAG_MF : 0);
        buf.putShort(at + Ipv4Packet.FLAGS_FRAGMENT, (short) (flags | fragmentOffset));
        buf.put(at + Ipv4Packet.TTL, (byte) ttl);
        buf.put(at + Ipv4Packet.PROTOCOL, (byte) protocol.value());
        buf.putShort(at + Ipv4Packet.CHECKSUM, (short) 0);
        source.write(buf, at + Ipv4Packet.SOURCE);
        destination.write(buf, at + Ipv4Packet.DESTINATION);
        options.write(buf, at + Ipv4Packet.OPTIONS);
        // RFC 791 §3.1: the checksum is computed over the header with the checksum field taken as zero.
        buf.putShort(at + Ipv4Packet.CHECKSUM, (short) Checksums.checksum(buf, at, headerLength));
    }
}
