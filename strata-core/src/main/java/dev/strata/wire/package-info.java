/** Bytes to headers and back: a checked view and a buildable record per protocol. Imports nothing else of Strata. */
package dev.strata.wire;
