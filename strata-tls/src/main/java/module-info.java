/** TLS 1.2 and 1.3 (a sans-I/O engine with adapters) and Strata's certificate authority. */
module dev.strata.tls {
    requires transitive dev.strata.core;
    requires org.bouncycastle.pkix;
    requires org.bouncycastle.provider;

    exports dev.strata.pki;
    exports dev.strata.tls;
    exports dev.strata.tls.codec;
    exports dev.strata.tls.crypto;
    exports dev.strata.tls.handshake;
    exports dev.strata.tls.io;
    exports dev.strata.tls.message;
    exports dev.strata.tls.record;
}
