package dev.strata.link;

import java.nio.ByteBuffer;

/** Sees frames as they pass a point (a link direction, a device); must not modify or keep the buffer. */
@FunctionalInterface
public interface FrameTap {

    /** Called with the frame between {@code frame}'s position and limit, at time {@code timeNanos}. */
    void frame(long timeNanos, ByteBuffer frame);
}
