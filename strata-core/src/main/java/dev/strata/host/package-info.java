/** A host: one node's protocol stack and the socket API over it. */
package dev.strata.host;
