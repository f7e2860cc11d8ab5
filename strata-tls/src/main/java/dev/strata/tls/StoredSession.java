package dev.strata.tls;

/** What a client keeps from a connection to resume it later with a session ticket. */
public sealed interface StoredSession permits StoredSession.Tls13, StoredSession.Tls12 {

    /** The suite the session used. */
    CipherSuite cipherSuite();

    /** True when the ticket has outlived its lifetime at {@code nowMillis}. */
    boolean expiredAt(long nowMillis);

    /**
     * A TLS 1.3 ticket (RFC 8446 §4.6.1) and the PSK derived for it.
     *
     * @param ticket the opaque ticket
     * @param psk the resumption PSK
     * @param cipherSuite the suite of the original connection (its hash must match on resumption)
     * @param ageAdd ticket_age_add
     * @param lifetimeSeconds ticket_lifetime
     * @param receivedAtMillis when the ticket arrived
     * @param alpn the protocol negotiated, or null
     */
    record Tls13(
            byte[] ticket,
            byte[] psk,
            CipherSuite cipherSuite,
            long ageAdd,
            long lifetimeSeconds,
            long receivedAtMillis,
            String alpn)
            implements StoredSession {
        @Override
        public boolean expiredAt(long nowMillis) {
            return nowMillis - receivedAtMillis >= lifetimeSeconds * 1000;
        }
    }

    /**
     * A TLS 1.2 ticket (RFC 5077) and the master secret it resumes.
     *
     * @param ticket the opaque ticket
     * @param masterSecret the master secret
     * @param cipherSuite the suite
     * @param extendedMasterSecret whether the master secret is an RFC 7627 one
     * @param lifetimeSeconds ticket_lifetime_hint (0 means unspecified; Strata then keeps it one hour)
     * @param receivedAtMillis when the ticket arrived
     */
    record Tls12(
            byte[] ticket,
            byte[] masterSecret,
            CipherSuite cipherSuite,
            boolean extendedMasterSecret,
            long lifetimeSeconds,
            long receivedAtMillis)
            implements StoredSession {
        @Override
        public boolean expiredAt(long nowMillis) {
            long life = lifetimeSeconds == 0 ? 3600 : lifetimeSeconds;
            return nowMillis - receivedAtMillis >= life * 1000;
        }
    }
}
