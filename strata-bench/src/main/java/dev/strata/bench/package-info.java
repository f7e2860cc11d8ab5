/** Benchmarks that run Strata and a reference (the OS, the JDK) side by side and report the ratio. */
package dev.strata.bench;
