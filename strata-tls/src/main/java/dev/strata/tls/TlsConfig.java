package dev.strata.tls;

import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything an engine needs to know before a handshake: versions, suites, groups, signature schemes, credentials,
 * trust, ALPN, resumption and observability hooks. Immutable; build with {@link #builder()}.
 *
 * @param versions enabled versions, preferred first (TLS 1.3, TLS 1.2 by default; nothing older is possible)
 * @param cipherSuites enabled suites, preferred first (never the RSA teaching suite unless asked)
 * @param groups supported groups, preferred first
 * @param keyShareGroups groups a client sends key shares for in its first ClientHello
 * @param signatureSchemes schemes offered and accepted, preferred first
 * @param alpn application protocols, preferred first (empty: no ALPN)
 * @param certifiedKey the certificate and key to present (required for a server; for client authentication on a
 *     client), or null
 * @param verifier the trust decision for the peer's certificates (a client always has one; a server needs one to
 *     ask for client certificates)
 * @param clientAuth whether a server asks for a client certificate
 * @param sessionCache where a client keeps and finds session tickets, or null for no resumption
 * @param ticketKeys a server's ticket protection key, or null to issue no tickets
 * @param ticketLifetimeSeconds lifetime of the tickets a server issues
 * @param keyLog where to write NSS key log lines, or null
 * @param listener who hears each handshake message, or null
 * @param random the randomness source
 * @param clock wall time, for ticket ages and lifetimes
 * @param middleboxCompatibility whether a TLS 1.3 client sends a legacy session id and a dummy ChangeCipherSpec
 *     (RFC 8446 §D.4)
 * @param rsaKeyTransportTeachingMode opt-in: allow TLS_RSA_WITH_AES_128_GCM_SHA256 (no forward secrecy) when it is in
 *     {@code cipherSuites}
 */
public record TlsConfig(
        List<ProtocolVersion> versions,
        List<CipherSuite> cipherSuites,
        List<NamedGroup> groups,
        List<NamedGroup> keyShareGroups,
        List<SignatureScheme> signatureSchemes,
        List<String> alpn,
        CertifiedKey certifiedKey,
        CertificateVerifier verifier,
        ClientAuth clientAuth,
        SessionCache sessionCache,
        TicketKeys ticketKeys,
        long ticketLifetimeSeconds,
        KeyLog keyLog,
        HandshakeListener listener,
        SecureRandom random,
        InstantSource clock,
        boolean middleboxCompatibility,
        boolean rsaKeyTransportTeachingMode) {

    /** Copies the lists and checks the choices are consistent. */
    public TlsConfig {
        versions = List.copyOf(versions);
        cipherSuites = List.copyOf(cipherSuites);
        groups = List.copyOf(groups);
        keyShareGroups = List.copyOf(keyShareGroups);
        signatureSchemes = List.copyOf(signatureSchemes);
        alpn = List.copyOf(alpn);
        for (ProtocolVersion v : versions) {
            if (!v.equals(ProtocolVersion.TLS12) && !v.equals(ProtocolVersion.TLS13)) {
                throw new IllegalArgumentException("unsupported version " + v + ": only TLS 1.2 and 1.3");
            }
        }
        if (versions.isEmpty()) {
            throw new IllegalArgumentException("no version enabled");
        }
        for (CipherSuite s : cipherSuites) {
            if (!s.isSupported()) {
                throw new IllegalArgumentException("unsupported cipher suite " + s);
            }
            if (s.equals(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256) && !rsaKeyTransportTeachingMode) {
                throw new IllegalArgumentException(s + " needs the RSA key transport teaching mode");
            }
        }
        for (NamedGroup g : groups) {
            if (!g.isSupported()) {
                throw new IllegalArgumentException("unsupported group " + g);
            }
        }
        if (!groups.containsAll(keyShareGroups)) {
            throw new IllegalArgumentException("key share groups must be among the supported groups");
        }
        if (random == null || clock == null) {
            throw new IllegalArgumentException("random and clock are required");
        }
    }

    /** A builder with Strata's defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.versions = versions;
        b.cipherSuites = cipherSuites;
        b.groups = groups;
        b.keyShareGroups = keyShareGroups;
        b.signatureSchemes = signatureSchemes;
        b.alpn = alpn;
        b.certifiedKey = certifiedKey;
        b.verifier = verifier;
        b.clientAuth = clientAuth;
        b.sessionCache = sessionCache;
        b.ticketKeys = ticketKeys;
        b.ticketLifetimeSeconds = ticketLifetimeSeconds;
        b.keyLog = keyLog;
        b.listener = listener;
        b.random = random;
        b.clock = clock;
        b.middleboxCompatibility = middleboxCompatibility;
        b.rsaKeyTransportTeachingMode = rsaKeyTransportTeachingMode;
        return b;
    }

    /** True when {@code v} is enabled. */
    public boolean enables(ProtocolVersion v) {
        return versions.contains(v);
    }

    /** The enabled TLS 1.3 suites. */
    public List<CipherSuite> tls13Suites() {
        return cipherSuites.stream().filter(CipherSuite::isTls13).toList();
    }

    /** The enabled TLS 1.2 suites. */
    public List<CipherSuite> tls12Suites() {
        return cipherSuites.stream().filter(s -> !s.isTls13()).toList();
    }

    /** Builds a {@link TlsConfig}. */
    public static final class Builder {
        private List<ProtocolVersion> versions = List.of(ProtocolVersion.TLS13, ProtocolVersion.TLS12);
        private List<CipherSuite> cipherSuites = defaultSuites();
        private List<NamedGroup> groups = NamedGroup.DEFAULTS;
        private List<NamedGroup> keyShareGroups = null;
        private List<SignatureScheme> signatureSchemes = SignatureScheme.DEFAULTS;
        private List<String> alpn = List.of();
        private CertifiedKey certifiedKey;
        private CertificateVerifier verifier;
        private ClientAuth clientAuth = ClientAuth.NONE;
        private SessionCache sessionCache;
        private TicketKeys ticketKeys;
        private long ticketLifetimeSeconds = 7200;
        private KeyLog keyLog;
        private HandshakeListener listener;
        private SecureRandom random;
        private InstantSource clock = InstantSource.system();
        private boolean middleboxCompatibility = true;
        private boolean rsaKeyTransportTeachingMode;

        private Builder() {}

        private static List<CipherSuite> defaultSuites() {
            List<CipherSuite> all = new ArrayList<>(CipherSuite.TLS13_DEFAULTS);
            all.addAll(CipherSuite.TLS12_DEFAULTS);
            return all;
        }

        /** Enabled versions, preferred first. */
        public Builder versions(ProtocolVersion... v) {
            this.versions = List.of(v);
            return this;
        }

        /** Enabled suites, preferred first. */
        public Builder cipherSuites(CipherSuite... s) {
            this.cipherSuites = List.of(s);
            return this;
        }

        /** Enabled suites, preferred first. */
        public Builder cipherSuites(List<CipherSuite> s) {
            this.cipherSuites = s;
            return this;
        }

        /** Supported groups, preferred first. */
        public Builder groups(NamedGroup... g) {
            this.groups = List.of(g);
            return this;
        }

        /** Groups a client sends key shares for at first (default: the first supported group). */
        public Builder keyShareGroups(NamedGroup... g) {
            this.keyShareGroups = List.of(g);
            return this;
        }

        /** Signature schemes, preferred first. */
        public Builder signatureSchemes(SignatureScheme... s) {
            this.signatureSchemes = List.of(s);
            return this;
        }

        /** ALPN protocols, preferred first. */
        public Builder alpn(String... protocols) {
            this.alpn = List.of(protocols);
            return this;
        }

        /** The certificate chain and key to present. */
        public Builder certifiedKey(CertifiedKey k) {
            this.certifiedKey = k;
            return this;
        }

        /** The trust decision for peer certificates. */
        public Builder verifier(CertificateVerifier v) {
            this.verifier = v;
            return this;
        }

        /** Whether a server asks for client certificates. */
        public Builder clientAuth(ClientAuth a) {
            this.clientAuth = a;
            return this;
        }

        /** A client's session cache. */
        public Builder sessionCache(SessionCache c) {
            this.sessionCache = c;
            return this;
        }

        /** A server's ticket key. */
        public Builder ticketKeys(TicketKeys k) {
            this.ticketKeys = k;
            return this;
        }

        /** Ticket lifetime in seconds (at most 7 days, RFC 8446 §4.6.1). */
        public Builder ticketLifetimeSeconds(long s) {
            this.ticketLifetimeSeconds = Math.min(s, 604800);
            return this;
        }

        /** The NSS key log sink. */
        public Builder keyLog(KeyLog k) {
            this.keyLog = k;
            return this;
        }

        /** The handshake message listener. */
        public Builder listener(HandshakeListener l) {
            this.listener = l;
            return this;
        }

        /** The randomness source (a seeded one makes a simulation repeatable). */
        public Builder random(SecureRandom r) {
            this.random = r;
            return this;
        }

        /** The wall clock. */
        public Builder clock(InstantSource c) {
            this.clock = c;
            return this;
        }

        /** Middlebox compatibility mode for a TLS 1.3 client (default on). */
        public Builder middleboxCompatibility(boolean on) {
            this.middleboxCompatibility = on;
            return this;
        }

        /**
         * The opt-in teaching mode: enables TLS 1.2 with only TLS_RSA_WITH_AES_128_GCM_SHA256 (RSA key transport, no
         * forward secrecy), as the seed notes describe. Never a default.
         */
        public Builder rsaKeyTransportTeachingMode() {
            this.rsaKeyTransportTeachingMode = true;
            this.versions = List.of(ProtocolVersion.TLS12);
            this.cipherSuites = List.of(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
            return this;
        }

        /** The configuration. */
        public TlsConfig build() {
            List<NamedGroup> shares =
                    keyShareGroups != null ? keyShareGroups : groups.subList(0, Math.min(1, groups.size()));
            return new TlsConfig(
                    versions,
                    cipherSuites,
                    groups,
                    shares,
                    signatureSchemes,
                    alpn,
                    certifiedKey,
                    verifier,
                    clientAuth,
                    sessionCache,
                    ticketKeys,
                    ticketLifetimeSeconds,
                    keyLog,
                    listener,
                    random != null ? random : new SecureRandom(),
                    clock,
                    middleboxCompatibility,
                    rsaKeyTransportTeachingMode);
        }
    }
}
