package dev.strata.link;

/**
 * What a device's offloads did, next to its {@link DeviceCounters}: frames passed up whole on the kernel's word
 * about their checksum, large segments received whole or cut in software, large segments handed down for cutting.
 */
public final class OffloadCounters {

    /** All counters at zero. */
    public OffloadCounters() {}

    /** TCP frames handed to the receiver as offloaded frames (checksum vouched for by the kernel, not verified). */
    public long rxOffloaded;
    /** Of those, frames longer than the MTU allows: the kernel's GSO super-segments, taken whole. */
    public long rxLarge;
    /** Super-segments cut into MTU-sized frames in software (a receiver that takes no offloaded frames, or UDP). */
    public long rxCut;
    /** Frames whose partial checksum was completed in software for a receiver that takes no offloaded frames. */
    public long rxChecksumsCompleted;
    /** Super-segments written with a GSO header, for the kernel to cut (TSO). */
    public long txLarge;
    /** Octets of those frames. */
    public long txLargeBytes;

    @Override
    public String toString() {
        return "rx " + rxOffloaded + " offloaded (" + rxLarge + " large), " + rxCut + " cut, " + rxChecksumsCompleted
                + " checksums completed; tx " + txLarge + " large (" + txLargeBytes + " bytes)";
    }
}
