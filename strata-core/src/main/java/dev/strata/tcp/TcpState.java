package dev.strata.tcp;

/** The eleven states of a TCP connection (RFC 9293 §3.3.2), with the names the RFC and the traces use. */
public enum TcpState {
    /** No connection (the TCB does not exist, or is being deleted). */
    CLOSED("CLOSED"),
    /** Waiting for a connection request. */
    LISTEN("LISTEN"),
    /** Sent a SYN, waiting for a matching SYN. */
    SYN_SENT("SYN-SENT"),
    /** Received and sent a SYN, waiting for the ACK of ours. */
    SYN_RECEIVED("SYN-RECEIVED"),
    /** Open: data flows both ways. */
    ESTABLISHED("ESTABLISHED"),
    /** We closed; waiting for the peer's FIN or the ACK of ours. */
    FIN_WAIT_1("FIN-WAIT-1"),
    /** Our FIN is acknowledged; waiting for the peer's FIN. */
    FIN_WAIT_2("FIN-WAIT-2"),
    /** The peer closed; waiting for the local user to close. */
    CLOSE_WAIT("CLOSE-WAIT"),
    /** Both closed at once; waiting for the ACK of our FIN. */
    CLOSING("CLOSING"),
    /** The peer closed first and so did we; waiting for the ACK of our FIN. */
    LAST_ACK("LAST-ACK"),
    /** Waiting 2*MSL so that the peer surely got the ACK of its FIN and old segments die out. */
    TIME_WAIT("TIME-WAIT");

    private final String rfcName;

    TcpState(String rfcName) {
        this.rfcName = rfcName;
    }

    /** The state's name as RFC 9293 writes it, e.g. {@code SYN-SENT}. */
    public String rfcName() {
        return rfcName;
    }

    /** True in the synchronized states (RFC 9293 §3.5.2: ESTABLISHED and after). */
    public boolean isSynchronized() {
        return ordinal() >= ESTABLISHED.ordinal();
    }

    /** True when the peer's FIN has been received (nothing more will arrive). */
    public boolean finReceived() {
        return this == CLOSE_WAIT || this == CLOSING || this == LAST_ACK || this == TIME_WAIT;
    }

    /** True when the local side has closed (our FIN is queued or sent). */
    public boolean finSent() {
        return this == FIN_WAIT_1 || this == FIN_WAIT_2 || this == CLOSING || this == LAST_ACK || this == TIME_WAIT;
    }

    @Override
    public String toString() {
        return rfcName;
    }
}
