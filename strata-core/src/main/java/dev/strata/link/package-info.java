/** Network devices, simulated links with their impairments, learning switches and the Linux TAP device. */
package dev.strata.link;
