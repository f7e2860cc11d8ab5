/** {@code strata ca}: create a test certificate authority, issue certificates from it, verify chains. */
package dev.strata.cli.ca;
