/** UDP (RFC 768): sockets, demultiplexing and checksums. */
package dev.strata.udp;
