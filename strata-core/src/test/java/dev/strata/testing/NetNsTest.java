package dev.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The namespace helper other tests rely on to leave nothing behind. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NetNsTest {

    private static boolean listed(String name) {
        return NetNs.host("ip", "netns", "list").out().lines().anyMatch(l -> l.split(" ")[0].equals(name));
    }

    @Test
    void closeKillsItsProcessesAndRemovesTheNamespace() throws Exception {
        NetNs.assumeAvailable();
        NetNs ns = NetNs.create();
        String name = ns.name();
        try {
            assertThat(name).startsWith(NetNs.PREFIX);
            assertThat(listed(name)).isTrue();
            // Each namespace has its own loopback, up, and nothing else.
            assertThat(ns.execOk("ip", "-o", "link").out().lines()).hasSize(1);
            assertThat(ns.execOk("ip", "-o", "link", "show", "lo").out()).contains("UP");
            Path out = Files.createTempFile("strata-netns-test-", ".out");
            try {
                // A shell whose child sleeps: both must go, the child found through the shell's descendants.
                Process shell = ns.spawn(out, "sh", "-c", "sleep 600 & echo $!; wait");
                while (Files.readString(out).isBlank()) {
                    Thread.sleep(10);
                }
                long grandchild = Long.parseLong(Files.readString(out).trim());
                assertThat(ProcessHandle.of(grandchild))
                        .hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
                ns.close();
                assertThat(shell.isAlive()).isFalse();
                assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive))
                        .isNotEqualTo(Optional.of(true));
            } finally {
                Files.deleteIfExists(out);
            }
            assertThat(listed(name)).isFalse();
            assertThatThrownBy(ns::name).isInstanceOf(IllegalStateException.class);
            ns.close(); // idempotent
        } finally {
            ns.close();
        }
    }

    @Test
    void execReportsExitCodeAndOutput() {
        NetNs.assumeAvailable();
        try (NetNs ns = NetNs.create()) {
            NetNs.Result r = ns.exec("sh", "-c", "echo out; echo err >&2; exit 3");
            assertThat(r.exit()).isEqualTo(3);
            assertThat(r.out()).isEqualTo("out\n");
            assertThat(r.err()).isEqualTo("err\n");
            assertThatThrownBy(() -> ns.execOk("false")).isInstanceOf(AssertionError.class);
        }
    }

    @Test
    void uniqueNamesFitAnInterfaceName() {
        String a = NetNs.uniqueName("st");
        assertThat(a).matches("st[0-9a-f]{8}");
        assertThat(NetNs.uniqueName("st")).isNotEqualTo(a);
    }
}
