/**
 * The handshakes as state machines: each state is an immutable record that accepts exactly the messages valid in
 * it (a pattern-matching switch) and returns the next state; states act on the connection only through
 * {@link dev.strata.tls.handshake.HandshakeContext}.
 */
package dev.strata.tls.handshake;
