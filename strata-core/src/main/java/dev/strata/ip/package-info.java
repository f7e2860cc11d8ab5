/** IPv4: interfaces, the neighbour (ARP) cache, routes, input, output, forwarding and ICMP. */
package dev.strata.ip;
