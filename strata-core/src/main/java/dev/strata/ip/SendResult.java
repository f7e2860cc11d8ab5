package dev.strata.ip;

/** What IP did with a datagram handed to it. */
public enum SendResult {
    /** Sent, or queued for address resolution. */
    SENT,
    /** No route to the destination (ENETUNREACH). */
    NO_ROUTE,
    /** Larger than the path MTU with DF set (EMSGSIZE). */
    TOO_BIG,
    /** Refused: a malformed request, such as a source address this host does not own. */
    INVALID
}
