package dev.strata.tls;

/** Which end of a connection: the client opens it, the server accepts it. */
public enum Role {
    /** The side that sends the ClientHello. */
    CLIENT,
    /** The side that answers with the ServerHello. */
    SERVER;

    /** The other role. */
    public Role peer() {
        return this == CLIENT ? SERVER : CLIENT;
    }
}
