package dev.strata.wire;

/**
 * Whether a parser verifies a checksum it can verify on its own.
 *
 * <p>{@link #SKIP} is for captured traffic and for frames from a device that offloads checksums, where the field
 * may not yet hold its final value. Strata's own configuration, not a wire value, so a Java enum.
 */
public enum ChecksumPolicy {
    /** A checksum that does not verify makes the parse fail with {@link ParseError#BAD_CHECKSUM}. */
    VERIFY,
    /** The checksum field is not checked; the view can still be asked whether it verifies. */
    SKIP
}
