/**
 * The simple services of RFC 862 (echo), RFC 863 (discard), RFC 864 (chargen) and RFC 867 (daytime), on TCP and UDP,
 * over Strata's socket API.
 */
package dev.strata.apps.simple;
