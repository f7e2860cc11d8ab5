/**
 * TLS cryptography over the JCA: HKDF (the JDK KDF API) and the TLS 1.3 key schedule, the TLS 1.2 PRF and key block,
 * the transcript, key exchange for X25519, P-256, P-384 and X25519MLKEM768, and handshake signatures.
 */
package dev.strata.tls.crypto;
