package dev.strata.wire;

/**
 * Why bytes could not be parsed as a protocol unit; each value is a drop reason that the layers count.
 *
 * <p>This is Strata's own classification, not a wire value, so a Java enum is the right type.
 */
public enum ParseError {
    /** Fewer bytes than the fixed header needs. */
    TRUNCATED,
    /** A length field disagrees with the bytes present (too small, or running past the end). */
    BAD_LENGTH,
    /** A version field holds a value this codec does not speak. */
    BAD_VERSION,
    /** A header-length field (IPv4 IHL, TCP data offset) is below its minimum or past the end. */
    BAD_HEADER_LENGTH,
    /** A checksum did not verify. */
    BAD_CHECKSUM,
    /** An option's length is invalid or runs off the end of the options area. */
    BAD_OPTION,
    /** A field holds a value the protocol forbids (reserved bits, impossible combinations). */
    BAD_FIELD,
    /** The unit is well formed but of a kind this codec does not handle. */
    UNSUPPORTED
}
