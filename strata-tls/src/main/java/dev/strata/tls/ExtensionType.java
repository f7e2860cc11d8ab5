package dev.strata.tls;

/**
 * A hello extension type (RFC 8446 §4.2 and the registries it cites); unknown values are kept as they are.
 *
 * @param value the 16-bit code point
 */
public record ExtensionType(int value) {

    /** server_name (RFC 6066). */
    public static final int SERVER_NAME = 0;
    /** status_request (RFC 6066). */
    public static final int STATUS_REQUEST = 5;
    /** supported_groups (RFC 8422, RFC 7919). */
    public static final int SUPPORTED_GROUPS = 10;
    /** ec_point_formats (RFC 8422). */
    public static final int EC_POINT_FORMATS = 11;
    /** signature_algorithms (RFC 8446). */
    public static final int SIGNATURE_ALGORITHMS = 13;
    /** application_layer_protocol_negotiation (RFC 7301). */
    public static final int ALPN = 16;
    /** extended_master_secret (RFC 7627). */
    public static final int EXTENDED_MASTER_SECRET = 23;
    /** record_size_limit (RFC 8449). */
    public static final int RECORD_SIZE_LIMIT = 28;
    /** session_ticket (RFC 5077). */
    public static final int SESSION_TICKET = 35;
    /** pre_shared_key (RFC 8446). */
    public static final int PRE_SHARED_KEY = 41;
    /** early_data (RFC 8446). */
    public static final int EARLY_DATA = 42;
    /** supported_versions (RFC 8446). */
    public static final int SUPPORTED_VERSIONS = 43;
    /** cookie (RFC 8446). */
    public static final int COOKIE = 44;
    /** psk_key_exchange_modes (RFC 8446). */
    public static final int PSK_KEY_EXCHANGE_MODES = 45;
    /** certificate_authorities (RFC 8446). */
    public static final int CERTIFICATE_AUTHORITIES = 47;
    /** signature_algorithms_cert (RFC 8446). */
    public static final int SIGNATURE_ALGORITHMS_CERT = 50;
    /** key_share (RFC 8446). */
    public static final int KEY_SHARE = 51;
    /** renegotiation_info (RFC 5746). */
    public static final int RENEGOTIATION_INFO = 0xFF01;

    /** Validates the 16-bit range. */
    public ExtensionType {
        if ((value & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("extension type out of range: " + value);
        }
    }

    /** The IANA name of a type code, e.g. {@code key_share}. */
    public static String nameOf(int value) {
        return switch (value) {
            case SERVER_NAME -> "server_name";
            case STATUS_REQUEST -> "status_request";
            case SUPPORTED_GROUPS -> "supported_groups";
            case EC_POINT_FORMATS -> "ec_point_formats";
            case SIGNATURE_ALGORITHMS -> "signature_algorithms";
            case ALPN -> "application_layer_protocol_negotiation";
            case EXTENDED_MASTER_SECRET -> "extended_master_secret";
            case RECORD_SIZE_LIMIT -> "record_size_limit";
            case SESSION_TICKET -> "session_ticket";
            case PRE_SHARED_KEY -> "pre_shared_key";
            case EARLY_DATA -> "early_data";
            case SUPPORTED_VERSIONS -> "supported_versions";
            case COOKIE -> "cookie";
            case PSK_KEY_EXCHANGE_MODES -> "psk_key_exchange_modes";
            case CERTIFICATE_AUTHORITIES -> "certificate_authorities";
            case SIGNATURE_ALGORITHMS_CERT -> "signature_algorithms_cert";
            case KEY_SHARE -> "key_share";
            case RENEGOTIATION_INFO -> "renegotiation_info";
            default -> "extension(" + value + ")";
        };
    }

    @Override
    public String toString() {
        return nameOf(value);
    }
}
