/** TLS 1.2 and 1.3 (a sans-I/O engine with adapters) and Strata's certificate authority. */
module dev.strata.tls {
    requires transitive dev.strata.core;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports dev.strata.pki;
}
