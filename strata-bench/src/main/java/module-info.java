/** Benchmarks: JMH micro-benchmarks and side-by-side runs of Strata against the OS and the JDK. */
module dev.strata.bench {
    requires transitive dev.strata.apps;
    requires jmh.core;
    requires org.bouncycastle.tls;
    requires java.logging;

    exports dev.strata.bench;
}
