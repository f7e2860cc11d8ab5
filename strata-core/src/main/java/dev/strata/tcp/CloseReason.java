package dev.strata.tcp;

/** Why a connection ended, as the user is told (RFC 9293 §3.10 "signal the user ..."). */
public enum CloseReason {
    /** Both sides closed and the exchange finished (after TIME-WAIT, or LAST-ACK acknowledged). */
    NORMAL,
    /** The peer reset the connection ("connection reset"). */
    RESET,
    /** The peer refused the connection: a RST answered our SYN ("connection refused"). */
    REFUSED,
    /** Data or a SYN stayed unacknowledged too long ("connection aborted due to user timeout"). */
    TIMEOUT,
    /** The local user aborted the connection. */
    ABORTED,
    /** The route to the peer failed (ICMP host/net unreachable during the handshake). */
    UNREACHABLE
}
