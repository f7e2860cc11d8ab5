package dev.strata.tls;

/** Whether a server asks the client for a certificate (RFC 8446 §4.3.2, RFC 5246 §7.4.4). */
public enum ClientAuth {
    /** No CertificateRequest. */
    NONE,
    /** A CertificateRequest; a client without a certificate may go on. */
    OPTIONAL,
    /** A CertificateRequest; a client without a certificate fails with certificate_required (handshake_failure in 1.2). */
    REQUIRED
}
