package dev.strata.trace;

import java.math.BigInteger;
import java.nio.ByteOrder;
import java.util.List;

/** One block of a pcapng file as {@link PcapngReader} decodes it. */
public sealed interface PcapngBlock {

    /**
     * A Section Header Block (§4.1): starts a section, whose interfaces are numbered from 0.
     *
     * @param byteOrder the byte order of every block in the section
     * @param majorVersion the format's major version (1)
     * @param minorVersion the format's minor version (0)
     * @param sectionLength the section's length in octets, or -1 when not given
     * @param userApplication the {@code shb_userappl} option, or null
     * @param hardware the {@code shb_hardware} option, or null
     * @param os the {@code shb_os} option, or null
     * @param comments the {@code opt_comment} options
     */
    record SectionHeader(
            ByteOrder byteOrder,
            int majorVersion,
            int minorVersion,
            long sectionLength,
            String userApplication,
            String hardware,
            String os,
            List<String> comments)
            implements PcapngBlock {}

    /**
     * An Interface Description Block (§4.2).
     *
     * @param linkType the link-layer header type of the interface's packets
     * @param snapLength the most octets stored per packet, 0 for no limit
     * @param name the {@code if_name} option, or null
     * @param description the {@code if_description} option, or null
     * @param tsresol the {@code if_tsresol} value (6, microseconds, when absent)
     * @param tsoffsetSeconds the {@code if_tsoffset} value, 0 when absent
     */
    record InterfaceDescription(
            LinkType linkType, int snapLength, String name, String description, int tsresol, long tsoffsetSeconds)
            implements PcapngBlock {

        /**
         * Converts a raw timestamp of this interface, an unsigned count of 10^-n or 2^-n second units, to nanoseconds
         * since the epoch, saturating at {@link Long#MAX_VALUE}.
         */
        public long toNanos(long timestamp) {
            long offset = tsoffsetSeconds * 1_000_000_000L;
            if (tsresol == PcapngFormat.TSRESOL_NANOS && timestamp >= 0) {
                return timestamp + offset;
            }
            BigInteger units = new BigInteger(Long.toUnsignedString(timestamp));
            int exponent = tsresol & 0x7F;
            BigInteger nanos;
            if ((tsresol & 0x80) != 0) {
                nanos = units.multiply(BigInteger.valueOf(1_000_000_000L)).shiftRight(exponent);
            } else if (exponent <= 9) {
                nanos = units.multiply(BigInteger.TEN.pow(9 - exponent));
            } else {
                nanos = units.divide(BigInteger.TEN.pow(exponent - 9));
            }
            nanos = nanos.add(BigInteger.valueOf(offset));
            return nanos.bitLength() > 63 ? Long.MAX_VALUE : nanos.longValue();
        }
    }

    /**
     * An Enhanced Packet Block (§4.3).
     *
     * @param interfaceId the interface within the section (or, in a {@link PcapngCapture}, within the capture)
     * @param timestamp the raw timestamp in the interface's units
     * @param timeNanos the timestamp in nanoseconds since the epoch
     * @param originalLength the packet's length on the wire
     * @param data the captured octets (at most the snap length); the array is the caller's to keep
     * @param direction from {@code epb_flags}, {@link Direction#UNKNOWN} when absent
     * @param comments the {@code opt_comment} options
     */
    record EnhancedPacket(
            int interfaceId,
            long timestamp,
            long timeNanos,
            int originalLength,
            byte[] data,
            Direction direction,
            List<String> comments)
            implements PcapngBlock {}

    /**
     * A Simple Packet Block (§4.4): a packet of interface 0 without timestamp.
     *
     * @param originalLength the packet's length on the wire
     * @param data the captured octets
     */
    record SimplePacket(int originalLength, byte[] data) implements PcapngBlock {}

    /**
     * A block of a type this reader does not decode (name resolution, statistics, custom, ...), skipped.
     *
     * @param type the block type
     * @param length the block's total length
     */
    record Other(int type, int length) implements PcapngBlock {}
}
