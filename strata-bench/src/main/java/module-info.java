/** Benchmarks: JMH micro-benchmarks and side-by-side runs of Strata against the OS, the JDK and ns-3. */
module dev.strata.bench {
    requires transitive dev.strata.apps;
    requires java.management;
    requires jdk.management;
    requires jmh.core;
    requires org.bouncycastle.tls;
    requires java.logging;

    exports dev.strata.bench;
    exports dev.strata.bench.sim;
    exports dev.strata.bench.tcp;
}
