package dev.strata.link;

/** What happened to the frames offered to one link direction. */
public final class ChannelCounters {
    /** Frames offered by the sender. */
    public long offered;
    /** Frames dropped because the transmit queue was full (tail drop). */
    public long queueDrops;
    /** Frames lost on the wire by the loss model. */
    public long lost;
    /** Extra copies delivered by duplication. */
    public long duplicated;
    /** Frames held back so that later frames overtook them. */
    public long reordered;
    /** Frames with a flipped bit. */
    public long corrupted;
    /** Frames delivered to the far end (copies included). */
    public long delivered;
    /** Octets delivered to the far end. */
    public long deliveredBytes;

    /** All counters at zero. */
    public ChannelCounters() {}

    @Override
    public String toString() {
        return "offered=" + offered + " queueDrops=" + queueDrops + " lost=" + lost + " duplicated=" + duplicated
                + " reordered=" + reordered + " corrupted=" + corrupted + " delivered=" + delivered;
    }
}
