/**
 * Strata's protocol stack: wire codecs, time, links, IP, UDP, TCP, hosts, the simulator and tracing.
 *
 * <p>Dependencies point down only: host -> tcp/udp -> ip -> link -> wire. {@code time} and {@code trace} are seen by
 * all; nothing in the stack imports {@code sim}.
 */
module dev.strata.core {
    exports dev.strata.wire;
    exports dev.strata.time;
    exports dev.strata.link;
    exports dev.strata.sim;
    exports dev.strata.ip;
    exports dev.strata.udp;
    exports dev.strata.host;
    exports dev.strata.tcp;
    exports dev.strata.trace;
}
