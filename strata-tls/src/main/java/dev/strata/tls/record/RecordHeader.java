package dev.strata.tls.record;

import dev.strata.tls.ContentType;
import dev.strata.wire.ParseError;
import dev.strata.wire.Parsed;

/**
 * The 5-octet TLS record header (RFC 8446 §5.1, RFC 5246 §6.2.1): content type, legacy record version, length.
 *
 * @param type the content type
 * @param version the legacy_record_version
 * @param length the fragment length
 */
public record RecordHeader(ContentType type, int version, int length) {

    /** The largest fragment Strata accepts: a TLS 1.2 ciphertext (2^14 + 2048, RFC 5246 §6.2.3). */
    public static final int MAX_FRAGMENT = (1 << 14) + 2048;

    /**
     * Parses the header at {@code at} in {@code buf}; a type outside 20..23, a major version other than 3, or an
     * oversized length is malformed.
     */
    public static Parsed<RecordHeader> parse(byte[] buf, int at, int available) {
        if (available < RecordCipher.HEADER_LENGTH) {
            return Parsed.malformed(ParseError.TRUNCATED, available + " octets");
        }
        int type = buf[at] & 0xFF;
        int version = ((buf[at + 1] & 0xFF) << 8) | (buf[at + 2] & 0xFF);
        int length = ((buf[at + 3] & 0xFF) << 8) | (buf[at + 4] & 0xFF);
        if (type < 20 || type > 23) {
            return Parsed.malformed(ParseError.BAD_FIELD, "content type " + type);
        }
        if ((version >>> 8) != 3) {
            return Parsed.malformed(ParseError.BAD_VERSION, String.format("record version 0x%04x", version));
        }
        if (length > MAX_FRAGMENT) {
            return Parsed.malformed(ParseError.BAD_LENGTH, "record of " + length + " octets");
        }
        return Parsed.ok(new RecordHeader(ContentType.of(type), version, length));
    }
}
