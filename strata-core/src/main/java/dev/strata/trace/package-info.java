/** Observability: trace events, the pcapng writer, the one-line packet log and sequence diagrams. */
package dev.strata.trace;
