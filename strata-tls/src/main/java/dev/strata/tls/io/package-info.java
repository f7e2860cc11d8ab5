/**
 * Blocking adapters: {@link dev.strata.tls.io.TlsStream} runs an engine over any
 * {@link dev.strata.tls.io.ByteStreamTransport} (an OS socket or channel via
 * {@link dev.strata.tls.io.SocketTransport}, or Strata's own TCP), with InputStream/OutputStream faces.
 */
package dev.strata.tls.io;
