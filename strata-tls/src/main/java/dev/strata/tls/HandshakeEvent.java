package dev.strata.tls;

/**
 * One message of the handshake as it went by, for traces, demos and sequence diagrams.
 *
 * @param role the role of the engine that reports the event
 * @param sent true for a message this engine sent, false for one it received
 * @param name the message name, e.g. {@code ClientHello}, {@code ChangeCipherSpec}, {@code Alert}
 * @param details key fields in one line (suites, groups, SNI, ALPN, ...)
 * @param encrypted true when the message travelled in a protected record
 */
public record HandshakeEvent(Role role, boolean sent, String name, String details, boolean encrypted) {

    /** The direction arrow from the client's point of view, e.g. {@code client -> server}. */
    public String arrow() {
        boolean fromClient = (role == Role.CLIENT) == sent;
        return fromClient ? "client -> server" : "server -> client";
    }

    @Override
    public String toString() {
        return arrow() + "  " + name + (encrypted ? " [encrypted]" : "") + (details.isEmpty() ? "" : "  " + details);
    }
}
