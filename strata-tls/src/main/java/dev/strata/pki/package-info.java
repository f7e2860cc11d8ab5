/**
 * Strata's certificate authority and certificate path verifier.
 *
 * <p>Issuing: {@link dev.strata.pki.CertificateAuthority} creates a root and intermediates and issues TLS server and
 * client certificates (X.509 v3, RFC 5280) with keys from {@link dev.strata.pki.KeyType}; {@link dev.strata.pki.Pem}
 * reads and writes them. Certificates are encoded with BouncyCastle's ASN.1 builders and signed with JCA keys.
 *
 * <p>Verifying: {@link dev.strata.pki.ChainVerifier} builds a path from a leaf and the certificates a peer presented
 * to one of the {@link dev.strata.pki.TrustAnchors} and checks it (RFC 5280 §6.1, our own code, not the JDK's
 * CertPathValidator), then matches the reference host name or IP address (RFC 6125 §6). Every failure is a
 * {@link dev.strata.pki.VerificationResult.Invalid} naming a {@link dev.strata.pki.FailureReason}.
 */
package dev.strata.pki;
