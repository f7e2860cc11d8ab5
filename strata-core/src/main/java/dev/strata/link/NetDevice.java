package dev.strata.link;

import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;

/**
 * A network device that sends and receives whole Ethernet frames: a simulated link port or a Linux TAP device.
 *
 * <p>A device is driven from its host's event loop: {@link #transmit} is called on the loop, and the
 * {@link FrameReceiver} is called on the loop. Frames are handed over, not shared: after {@code transmit} the
 * caller must not touch the buffer, and a received buffer belongs to the receiver.
 */
public interface NetDevice {

    /** The device's name, e.g. {@code eth0} or {@code tap0}. */
    String name();

    /** The device's own hardware address. */
    MacAddr mac();

    /** The largest payload (IP packet) one frame can carry, e.g. 1500. */
    int mtu();

    /**
     * Queues the frame between {@code frame}'s position and limit for sending. Never blocks; a full queue drops
     * the frame and counts it.
     */
    void transmit(ByteBuffer frame);

    /**
     * The largest IP packet the device takes in one frame for TCP segmentation offload (TSO): it, or the kernel or
     * hardware behind it, cuts such a super-segment into segments that fit the MTU. 0, the default, when it takes
     * none; then every frame must fit the MTU.
     */
    default int segmentOffloadSize() {
        return 0;
    }

    /**
     * Queues a TCP/IPv4 super-segment (the frame between {@code frame}'s position and limit) for sending as segments
     * of {@code segmentSize} payload octets each, which the device cuts. The TCP checksum field holds only the
     * pseudo-header's sum (folded, not complemented: a partial checksum, completed for each segment), and the IP
     * packet is at most {@link #segmentOffloadSize()}. Only for devices whose {@link #segmentOffloadSize()} is
     * positive; the default counts a drop.
     */
    default void transmitSegmented(ByteBuffer frame, int segmentSize) {
        counters().txDropped++;
    }

    /** Sets where received frames go; frames arriving with no receiver are counted and dropped. */
    void setReceiver(FrameReceiver receiver);

    /** Counters of this device. */
    DeviceCounters counters();
}
