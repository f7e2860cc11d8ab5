/** TLS 1.2 and 1.3: a sans-I/O engine (bytes in, bytes out) and adapters over Strata TCP and OS sockets. */
package dev.strata.tls;
