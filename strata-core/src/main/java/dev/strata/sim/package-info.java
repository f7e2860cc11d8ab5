/** The deterministic simulator: virtual clock, event queue, seeded randomness and the topology builder. */
package dev.strata.sim;
