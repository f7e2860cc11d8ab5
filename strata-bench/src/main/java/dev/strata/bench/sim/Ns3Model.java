package dev.strata.bench.sim;

import dev.strata.ip.ArpParams;
import dev.strata.link.LinkParams;
import dev.strata.link.LossModel;
import dev.strata.tcp.TcpConfig;

/**
 * The model settings of the ns-3 reference scenarios (ns-3.37 defaults plus what the scripts set), expressed as
 * Strata's link and socket parameters so that both simulators run the same model.
 *
 * <ul>
 *   <li>Links: point-to-point, MTU 1500, device queue DropTail of 100 packets. ns-3 frames carry a 2-octet PPP
 *       header where Strata's carry a 14-octet Ethernet header, so a Strata frame costs 12 octets less than its
 *       length on the wire ({@link #PPP_OVERHEAD}): a data segment is 1502 octets in both, an ACK 54, a 64-octet UDP
 *       datagram 94. ns-3 also installs an FqCoDel root queue disc; Strata has none. No scenario queues long enough
 *       for CoDel to act (the windows are at most 128 KiB against a 100-packet device queue), so the difference
 *       does not show in the results.
 *   <li>Point-to-point links have no ARP: every Strata host gets its neighbours' MACs up front and keeps them
 *       ({@link #ARP}).
 *   <li>TCP: NewReno, MSS 1448 with timestamps (so 1448 payload octets per segment), SACK, window scaling,
 *       initial window 10 segments, delayed ACK every 2 segments or 200 ms, 131072-octet buffers (see
 *       {@link #SEND_BUFFER}), initial and
 *       minimum RTO 1 s, Nagle off (ns-3's {@code TcpNoDelay} is true by default), PRR in recovery.
 * </ul>
 */
public final class Ns3Model {

    /** A 2-octet PPP header instead of a 14-octet Ethernet header. */
    public static final int PPP_OVERHEAD = -12;

    /** ns-3's default device queue: DropTail, 100 packets. */
    public static final int DEVICE_QUEUE = 100;

    /** ns-3's MSS as the scripts set it. */
    public static final int MSS = 1448;

    /** SndBuf and RcvBuf. */
    public static final int BUFFER = 131072;

    /**
     * The send buffer as BulkSend fills it: ns-3's {@code TcpSocketBase::Send} takes a packet whole or refuses it, so
     * a 131072-octet SndBuf holds at most 90 writes of 1448 octets. With the same 130320 octets, Strata's buffer
     * also fills and drains by whole segments.
     */
    public static final int SEND_BUFFER = BUFFER / MSS * MSS;

    /** Resolved neighbours stay reachable for the whole run (point-to-point links need no ARP). */
    public static final ArpParams ARP =
            new ArpParams(Long.MAX_VALUE / 4, ArpParams.DEFAULT.retransmitNanos(), 3, Long.MAX_VALUE / 4, 1024, 101);

    /**
     * ns-3.37's TCP as the scripts configure it. The MSS option is 1460 (from the 1500-octet MTU), and with the
     * 12-octet timestamps option each segment carries 1448 octets: the same segments as ns-3's SegmentSize 1448.
     */
    public static final TcpConfig TCP = TcpConfig.DEFAULT
            .withCongestionControl("newreno")
            .withBuffers(SEND_BUFFER, BUFFER)
            .withExtensions(true, true, true)
            .withRto(1_000_000_000L, 1_000_000_000L, 60_000_000_000L)
            .withDelayedAck(200_000_000L, 2)
            .withNoDelay(true)
            .toBuilder()
            .lostRetransmissions(false) // ns-3 3.37 finds a lost retransmission only by its RTO
            .tailLossProbe(false) // nor does it probe for a tail loss
            .build();

    private Ns3Model() {}

    /**
     * The receiving side's TCP. ns-3's TcpSocketBase hands arriving data to the application before it sends the ACK,
     * and PacketSink reads it all at once, so ns-3's ACKs always advertise the whole 131072 octets. Strata, like
     * Linux, sends the ACK first, so its window is 131072 less the segment not yet read: 88 segments per round trip
     * instead of 90 when the window is the limit (scenario B). With {@code matchAckOrder} the sink gets one MSS more
     * buffer, so that it advertises what ns-3's does.
     */
    public static TcpConfig sink(boolean matchAckOrder) {
        return matchAckOrder ? TCP.withBuffers(SEND_BUFFER, BUFFER + MSS) : TCP;
    }

    /** A point-to-point link direction: {@code bitsPerSecond}, {@code delayNanos}, 100-packet queue, PPP framing. */
    public static LinkParams link(long bitsPerSecond, long delayNanos) {
        return new LinkParams(bitsPerSecond, delayNanos, 0, DEVICE_QUEUE, LossModel.NONE, 0, 0, 0, 0, PPP_OVERHEAD);
    }
}
