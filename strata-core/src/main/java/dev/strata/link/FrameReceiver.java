package dev.strata.link;

import java.nio.ByteBuffer;

/** Where a device delivers received frames; called on the receiving host's event loop. */
@FunctionalInterface
public interface FrameReceiver {

    /** Takes ownership of the frame between {@code frame}'s position and limit. */
    void receive(ByteBuffer frame);

    /**
     * True when this receiver takes offloaded frames through {@link #receiveOffloaded}. False, the default, makes a
     * device that gets such frames from its kernel or hardware turn them into ordinary frames first (completing the
     * checksum, cutting large segments), so that a receiver that knows nothing of offloads never sees one.
     */
    default boolean takesOffloadedFrames() {
        return false;
    }

    /**
     * Takes ownership of an offloaded frame: TCP over IPv4 whose TCP checksum the device vouches for, as a NIC's
     * receive checksum offload marks a packet (the field may hold only the pseudo-header's sum, so it must not be
     * verified), and whose segment may be larger than the MTU (the peer's segments never cut, or merged: GSO, GRO).
     * Called only on receivers whose {@link #takesOffloadedFrames()} is true; the default hands the frame to
     * {@link #receive}.
     */
    default void receiveOffloaded(ByteBuffer frame) {
        receive(frame);
    }
}
