package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.strata.testing.NetNs;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The one-line errors of opening a TAP device that need no root and no kernel device to provoke. */
class TapErrorsTest {

    @Test
    void namesLongerThanFifteenOctetsAreRefusedBeforeAskingTheKernel() {
        assertThatThrownBy(() -> TapDevice.open(TapDevice.Config.of("strata-tap-0123456")))
                .isInstanceOf(TapException.class)
                .hasMessage("bad TAP device name 'strata-tap-0123456': 18 octets, Linux allows at most 15")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.EINVAL);
    }

    @Test
    void aMissingCloneDeviceSaysSo() {
        assertThatThrownBy(() -> TapDevice.open(TapDevice.Config.of("st0").withTunPath("/nonexistent/net/tun")))
                .isInstanceOf(TapException.class)
                .hasMessageStartingWith("no /nonexistent/net/tun: this system has no TUN/TAP clone device")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.ENOENT);
    }

    @Test
    void aMissingNamespaceSaysSo() {
        assertThatThrownBy(() -> TapDevice.open(TapDevice.Config.of("st0").inNamedNetns("strata-test-none")))
                .isInstanceOf(TapException.class)
                .hasMessage("no network namespace at /var/run/netns/strata-test-none")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.ENOENT);
    }

    @Test
    void aUserWithoutRootIsToldSo() throws Exception {
        String expected =
                "needs root (CAP_NET_ADMIN) to open a TAP device (/dev/net/tun: Permission denied) [errno 13]";
        if (!NetNs.isRoot()) {
            assertThatThrownBy(() -> TapDevice.open(TapDevice.Config.of("st0")))
                    .isInstanceOf(TapException.class)
                    .hasMessage(expected.substring(0, expected.indexOf(" [errno")));
            return;
        }
        // As root: run the probe as user nobody, with no capabilities, in a JVM of its own.
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
        String classpath = location(TapDevice.class) + File.pathSeparator + location(TapOpenProbe.class);
        Process p = new ProcessBuilder(
                        "/usr/bin/setpriv",
                        "--reuid=65534",
                        "--regid=65534",
                        "--clear-groups",
                        "--inh-caps=-all",
                        "--bounding-set=-all",
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "--enable-native-access=ALL-UNNAMED",
                        "-Xshare:auto",
                        "-cp",
                        classpath,
                        TapOpenProbe.class.getName(),
                        NetNs.uniqueName("st"))
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out.trim()).isEqualTo(expected);
        assertThat(p.exitValue()).isEqualTo(2);
    }

    private static String location(Class<?> c) throws Exception {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
    }

    @Test
    void kernelRefusalsBecomeOneClearLine() {
        assertThat(TapOpener.attachFailure("tap7", Libc.EPERM).getMessage())
                .isEqualTo("needs root (CAP_NET_ADMIN) to open a TAP device (TAP device tap7)");
        assertThat(TapOpener.attachFailure("tap7", Libc.EBUSY).getMessage()).startsWith("TAP device tap7 is busy");
        assertThat(TapOpener.attachFailure("", Libc.EBUSY).getMessage()).startsWith("a new TAP device is busy");
        assertThat(TapOpener.attachFailure("eth0", Libc.EINVAL).getMessage())
                .startsWith("cannot attach to eth0: a device of that name exists and is not a TAP device");
        assertThat(TapOpener.attachFailure("tap7", Libc.ENODEV).getMessage())
                .isEqualTo("cannot attach to TAP device tap7: No such device");
    }

    @Test
    void theErrnoTextComesFromTheCLibrary() {
        assertThat(Libc.strerror(Libc.EBUSY)).isEqualTo("Device or resource busy");
        assertThat(Libc.strerror(Libc.ENOENT)).isEqualTo("No such file or directory");
    }

    @Test
    void theDefaultMacIsLocalUnicastAndStablePerName() {
        assertThat(TapDevice.defaultMac("tap0")).isEqualTo(TapDevice.defaultMac("tap0"));
        assertThat(TapDevice.defaultMac("tap0")).isNotEqualTo(TapDevice.defaultMac("tap1"));
        assertThat(TapDevice.defaultMac("tap0").isLocallyAdministered()).isTrue();
        assertThat(TapDevice.defaultMac("tap0").isMulticast()).isFalse();
        assertThat(TapDevice.defaultMac("tap0").toString()).startsWith("02:53:");
    }
}
