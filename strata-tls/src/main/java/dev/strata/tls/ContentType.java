package dev.strata.tls;

/**
 * A TLS record content type (RFC 8446 §5.1, RFC 5246 §6.2.1); unknown values are kept as they are.
 *
 * @param value the 8-bit type
 */
public record ContentType(int value) {

    /** change_cipher_spec (20). */
    public static final ContentType CHANGE_CIPHER_SPEC = new ContentType(20);
    /** alert (21). */
    public static final ContentType ALERT = new ContentType(21);
    /** handshake (22). */
    public static final ContentType HANDSHAKE = new ContentType(22);
    /** application_data (23). */
    public static final ContentType APPLICATION_DATA = new ContentType(23);

    /** Validates the 8-bit range. */
    public ContentType {
        if ((value & ~0xFF) != 0) {
            throw new IllegalArgumentException("content type out of range: " + value);
        }
    }

    /** The type for an 8-bit value, sharing the named constants. */
    public static ContentType of(int value) {
        return switch (value) {
            case 20 -> CHANGE_CIPHER_SPEC;
            case 21 -> ALERT;
            case 22 -> HANDSHAKE;
            case 23 -> APPLICATION_DATA;
            default -> new ContentType(value);
        };
    }

    @Override
    public String toString() {
        return switch (value) {
            case 20 -> "change_cipher_spec";
            case 21 -> "alert";
            case 22 -> "handshake";
            case 23 -> "application_data";
            default -> "content_type(" + value + ")";
        };
    }
}
