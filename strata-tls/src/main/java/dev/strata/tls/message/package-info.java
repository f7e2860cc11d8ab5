/**
 * Handshake messages (RFC 8446 §4, RFC 5246 §7.4) and hello extensions as codecs: each message is a record with
 * {@code encode} and a static {@code decode(Reader)} that rejects trailing bytes.
 */
package dev.strata.tls.message;
