package dev.strata.link;

import java.nio.ByteBuffer;

/** Where a device delivers received frames; called on the receiving host's event loop. */
@FunctionalInterface
public interface FrameReceiver {

    /** Takes ownership of the frame between {@code frame}'s position and limit. */
    void receive(ByteBuffer frame);
}
