/**
 * The record layer (RFC 8446 §5, RFC 5246 §6): header parsing, AEAD protection for both versions with reused JCA
 * ciphers, and reassembly of handshake messages that span records.
 */
package dev.strata.tls.record;
