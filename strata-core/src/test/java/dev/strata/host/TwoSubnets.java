package dev.strata.host;

import dev.strata.link.LinkParams;
import dev.strata.link.Switch;
import dev.strata.sim.Simulation;
import dev.strata.wire.Ip4;

/**
 * The test topology of the ping demo: alice and bob on 192.0.2.0/24 behind switch sw1, router r between that
 * network and 198.51.100.0/24, where carol lives.
 */
final class TwoSubnets {
    static final Ip4 ALICE = Ip4.parse("192.0.2.10");
    static final Ip4 BOB = Ip4.parse("192.0.2.11");
    static final Ip4 ROUTER_A = Ip4.parse("192.0.2.1");
    static final Ip4 ROUTER_B = Ip4.parse("198.51.100.1");
    static final Ip4 CAROL = Ip4.parse("198.51.100.20");

    final Simulation sim;
    final Host alice;
    final Host bob;
    final Host router;
    final Host carol;
    final Switch sw1;

    TwoSubnets(long seed, LinkParams params) {
        sim = new Simulation(seed);
        sw1 = sim.addSwitch("sw1");
        alice = sim.addHost("alice");
        bob = sim.addHost("bob");
        router = sim.addRouter("r");
        carol = sim.addHost("carol");
        sim.connect(alice, "eth0", "192.0.2.10/24", sw1, params);
        sim.connect(bob, "eth0", "192.0.2.11/24", sw1, params);
        sim.connect(router, "eth0", "192.0.2.1/24", sw1, params);
        sim.connect(router, "eth1", "198.51.100.1/24", carol, "eth0", "198.51.100.20/24", params);
        alice.setDefaultGateway(ROUTER_A);
        bob.setDefaultGateway(ROUTER_A);
        carol.setDefaultGateway(ROUTER_B);
    }

    /** Runs until {@code done} or 60 s of virtual time. */
    boolean runUntil(java.util.function.BooleanSupplier done) {
        return sim.runUntil(done, sim.now() + 60_000_000_000L);
    }
}
