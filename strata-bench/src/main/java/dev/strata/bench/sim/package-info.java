/**
 * {@code strata bench sim}: the ns-3 reference scenarios run by ns-3 and by Strata's simulator side by side, with the
 * same model, comparing simulated results (fidelity) and wall time and peak memory (speed).
 */
package dev.strata.bench.sim;
