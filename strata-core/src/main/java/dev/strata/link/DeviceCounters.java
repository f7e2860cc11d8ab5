package dev.strata.link;

/** Frame and octet counters of one device, like the RX/TX lines of {@code ip -s link}. */
public final class DeviceCounters {

    /** All counters at zero. */
    public DeviceCounters() {}

    /** Frames received and handed to the receiver. */
    public long rxFrames;
    /** Octets received and handed to the receiver. */
    public long rxBytes;
    /** Frames received but dropped (no receiver, junk, queue full). */
    public long rxDropped;
    /** Frames sent. */
    public long txFrames;
    /** Octets sent. */
    public long txBytes;
    /** Frames dropped on the way out (queue full, too big, device down). */
    public long txDropped;

    @Override
    public String toString() {
        return "rx " + rxFrames + " frames " + rxBytes + " bytes " + rxDropped + " dropped; tx " + txFrames + " frames "
                + txBytes + " bytes " + txDropped + " dropped";
    }
}
