package dev.strata.cli.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.apps.simple.SimpleService;
import dev.strata.testing.NetNs;
import dev.strata.wire.Ip4Interface;
import dev.strata.wire.MacAddr;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Strata host on a TAP device whose kernel side lives in a network namespace the test creates (and removes, also
 * when the test fails): the same {@link TapHost} the {@code strata host} command runs, in the test's JVM.
 */
abstract class TapHostFixture {

    static final MacAddr STRATA_MAC = MacAddr.parse("02:00:00:00:02:02");

    /** Every namespace the tests of this JVM created, to check that none is left over. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    final NetNs ns = new NetNs();

    @TempDir
    Path dir;

    TapHost host;
    KernelPeer peer;
    String dev;

    /**
     * Starts a host serving echo, discard, daytime and chargen, without offloads unless {@code adjust} turns them on,
     * adjusted by {@code adjust}, and the kernel side (whose own offloads stay on only when Strata's are).
     */
    TapHost start(UnaryOperator<TapHostConfig> adjust) throws Exception {
        CREATED.add(ns.name());
        dev = NetNs.uniqueName("st");
        TapHostConfig config = TapHostConfig.of(dev, Ip4Interface.parse(KernelPeer.STRATA + "/24"))
                .withMac(STRATA_MAC)
                .withServices(SimpleService.parseList("echo,discard,daytime,chargen"))
                .inNetns(ns.name())
                .withOffloads(false);
        config = adjust.apply(config);
        host = TapHost.start(config);
        peer = new KernelPeer(ns, dev, dir).configure(config.offloads());
        return host;
    }

    @AfterEach
    void stopHost() {
        if (host != null) {
            TapHost.Stopped s = host.stop(TapHost.DEFAULT_FIN_WAIT_NANOS);
            assertThat(host.loop().isTerminated()).isTrue();
            assertThat(s.captureFailure()).isNull();
            assertThat(host.loop().failures())
                    .as("events that threw on the loop")
                    .isZero();
        }
    }

    @AfterAll
    static void nothingLeftOver() {
        // No namespace of ours (with its devices), no loop thread, no child process survives the tests.
        String namespaces = NetNs.host("ip", "netns", "list").out();
        for (String name : CREATED) {
            assertThat(namespaces).doesNotContain(name);
        }
        List<String> threads = Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("strata-host-") || n.startsWith("strata-tap-"))
                .toList();
        assertThat(threads).isEmpty();
        assertThat(ProcessHandle.current()
                        .children()
                        .filter(ProcessHandle::isAlive)
                        .toList())
                .isEmpty();
    }
}
