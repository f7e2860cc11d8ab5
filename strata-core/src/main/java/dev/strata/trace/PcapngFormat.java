package dev.strata.trace;

/**
 * Block types, option codes and sizes of the pcapng capture format (draft-ietf-opsawg-pcapng, "PCAP Next Generation
 * (pcapng) Capture File Format"), shared by {@link PcapngWriter} and {@link PcapngReader}.
 */
final class PcapngFormat {

    private PcapngFormat() {}

    /** Section Header Block type (§4.1); a palindrome, so it reads the same in either byte order. */
    static final int SECTION_HEADER = 0x0A0D0D0A;
    /** Interface Description Block type (§4.2). */
    static final int INTERFACE_DESCRIPTION = 0x00000001;
    /** Obsolete Packet Block type (Appendix A). */
    static final int OBSOLETE_PACKET = 0x00000002;
    /** Simple Packet Block type (§4.4). */
    static final int SIMPLE_PACKET = 0x00000003;
    /** Enhanced Packet Block type (§4.3). */
    static final int ENHANCED_PACKET = 0x00000006;

    /** Byte-Order Magic of the Section Header Block (§4.1), written in the section's byte order. */
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    /** The byte-order magic as it reads when the section's byte order is the other one. */
    static final int BYTE_ORDER_MAGIC_SWAPPED = 0x4D3C2B1A;
    /** Major version this code writes and reads (§4.1). */
    static final int MAJOR_VERSION = 1;
    /** Minor version this code writes (§4.1). */
    static final int MINOR_VERSION = 0;
    /** Section Length meaning "not specified" (§4.1). */
    static final long SECTION_LENGTH_UNSPECIFIED = -1L;

    /** opt_endofopt: ends the option list (§3.5). */
    static final int OPT_END = 0;
    /** opt_comment: a UTF-8 comment, valid in every block (§3.5). */
    static final int OPT_COMMENT = 1;
    /** shb_hardware (§4.1). */
    static final int SHB_HARDWARE = 2;
    /** shb_os (§4.1). */
    static final int SHB_OS = 3;
    /** shb_userappl: the application that wrote the section (§4.1). */
    static final int SHB_USERAPPL = 4;
    /** if_name (§4.2). */
    static final int IF_NAME = 2;
    /** if_description (§4.2). */
    static final int IF_DESCRIPTION = 3;
    /** if_tsresol: timestamp resolution, 10^-n or, with the top bit set, 2^-n seconds (§4.2). */
    static final int IF_TSRESOL = 9;
    /** if_tsoffset: seconds added to every timestamp of the interface (§4.2). */
    static final int IF_TSOFFSET = 14;
    /** epb_flags: 32-bit link-layer flags, bits 0-1 the direction (§4.3). */
    static final int EPB_FLAGS = 2;

    /** if_tsresol value for nanoseconds: 10^-9 s. */
    static final int TSRESOL_NANOS = 9;
    /** if_tsresol assumed when an interface carries none: microseconds (§4.2). */
    static final int TSRESOL_DEFAULT = 6;

    /** Block Type plus Block Total Length at the start, and the repeated Block Total Length at the end. */
    static final int BLOCK_OVERHEAD = 12;
    /** Fixed part of an Enhanced Packet Block body: interface id, timestamp high/low, captured and original length. */
    static final int EPB_FIXED = 20;
    /** Size of the epb_flags option with the end-of-options marker after it. */
    static final int EPB_FLAGS_OPTION = 12;

    /** {@code n} rounded up to a multiple of 4: pcapng pads every field and option to 32 bits (§3.1). */
    static int pad4(int n) {
        return (n + 3) & ~3;
    }
}
