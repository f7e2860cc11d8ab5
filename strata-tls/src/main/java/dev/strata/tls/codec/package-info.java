/** The TLS presentation language (RFC 8446 §3): a bounds-checked reader with length-limited sub-readers, and a writer. */
package dev.strata.tls.codec;
