/** Application protocols over Strata's sockets: DNS, DHCP, HTTP, NTP, ... one package per protocol. */
module dev.strata.apps {
    requires transitive dev.strata.tls;

    exports dev.strata.apps.simple;
}
