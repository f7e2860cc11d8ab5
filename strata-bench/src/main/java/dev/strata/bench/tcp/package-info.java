/**
 * {@code strata bench tcp}: Strata's TCP against the kernel's over loopback, in one run: bulk throughput by MTU,
 * connections per second, and heap per idle connection.
 */
package dev.strata.bench.tcp;
