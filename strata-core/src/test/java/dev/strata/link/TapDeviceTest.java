package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.ArpIcmpResponder;
import dev.strata.testing.NetNs;
import dev.strata.time.Durations;
import dev.strata.time.RealTimeLoop;
import dev.strata.wire.Checksums;
import dev.strata.wire.MacAddr;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The TAP device against the real Linux kernel: each test opens its device inside a network namespace it created
 * (the device never exists in the test machine's own namespace), and talks to the kernel there.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TapDeviceTest {

    private static final MacAddr STRATA_MAC = MacAddr.parse("02:00:00:00:02:02");
    private static final int KERNEL_IP = 0xC0000201; // 192.0.2.1
    private static final int STRATA_IP = 0xC0000202; // 192.0.2.2

    @RegisterExtension
    final NetNs ns = new NetNs();

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        toClose.clear();
        assertThat(Thread.getAllStackTraces().keySet())
                .filteredOn(Thread::isAlive)
                .extracting(Thread::getName)
                .noneMatch(n -> n.startsWith("strata-tap-") || n.startsWith("loop-"));
    }

    private TapDevice openInNs(TapDevice.Config config) throws TapException {
        TapDevice tap = TapDevice.open(config.inNamedNetns(ns.name()));
        toClose.add(tap);
        return tap;
    }

    private RealTimeLoop startLoop() {
        RealTimeLoop loop = new RealTimeLoop(NetNs.uniqueName("loop-")).start();
        toClose.add(() -> {
            loop.shutdown();
            assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
        });
        return loop;
    }

    @Test
    void opensCreatesAndCloses() throws Exception {
        String name = NetNs.uniqueName("st");
        TapDevice tap = openInNs(TapDevice.Config.of(name).withMac(STRATA_MAC));
        assertThat(tap.name()).isEqualTo(name);
        assertThat(tap.created()).isTrue();
        assertThat(tap.mtu()).isEqualTo(1500);
        assertThat(tap.mac()).isEqualTo(STRATA_MAC);
        assertThat(ns.execOk("ip", "-o", "link", "show", name).out()).contains(name);
        tap.close();
        assertThat(tap.isOpen()).isFalse();
        // A device this process created goes away with its file descriptor.
        assertThat(ns.exec("ip", "link", "show", name).ok()).isFalse();
        tap.close(); // idempotent
    }

    @Test
    void emptyNameLetsTheKernelPickOne() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(""));
        assertThat(tap.name()).matches("tap[0-9]+");
        assertThat(tap.mac()).isEqualTo(TapDevice.defaultMac(tap.name()));
        assertThat(tap.mac().isLocallyAdministered()).isTrue();
        assertThat(tap.mac().isMulticast()).isFalse();
    }

    @Test
    void attachesToAnExistingPersistentDevice() throws Exception {
        String name = NetNs.uniqueName("st");
        ns.execOk("ip", "tuntap", "add", "dev", name, "mode", "tap");
        TapDevice tap = openInNs(TapDevice.Config.of(name));
        assertThat(tap.created()).isFalse();
        tap.close();
        assertThat(ns.execOk("ip", "-o", "link", "show", name).out()).contains(name);
    }

    @Test
    void setsTheLinkUpWhenAsked() throws Exception {
        String name = NetNs.uniqueName("st");
        openInNs(TapDevice.Config.of(name));
        assertThat(ns.execOk("ip", "-o", "link", "show", name).out()).doesNotContain(",UP");
        String up = NetNs.uniqueName("st");
        openInNs(TapDevice.Config.of(up).withUp(true));
        assertThat(ns.execOk("ip", "-o", "link", "show", up).out()).contains(",UP");
    }

    @Test
    void theKernelSideMayMoveToAnotherNamespaceWhileOpen() throws Exception {
        // The alternative to opening inside the namespace: the descriptor stays attached when the device moves.
        try (NetNs other = NetNs.create()) {
            String name = NetNs.uniqueName("st");
            TapDevice tap =
                    TapDevice.open(TapDevice.Config.of(name).withMac(STRATA_MAC).inNamedNetns(other.name()));
            toClose.add(tap);
            other.execOk("ip", "link", "set", name, "netns", ns.name());
            RealTimeLoop loop = startLoop();
            ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP);
            loop.run(() -> tap.setReceiver(responder));
            tap.start(loop);
            configureKernelSide(name);
            NetNs.Result ping = ns.exec("ping", "-c", "1", "-W", "5", "192.0.2.2");
            assertThat(ping.ok()).as(ping.toString()).isTrue();
            tap.close();
        }
    }

    @Test
    void secondAttachIsBusy() throws Exception {
        String name = NetNs.uniqueName("st");
        openInNs(TapDevice.Config.of(name));
        assertThatThrownBy(() -> openInNs(TapDevice.Config.of(name)))
                .isInstanceOf(TapException.class)
                .hasMessage("TAP device " + name
                        + " is busy: another process has it open (close that process or pick another name)")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.EBUSY);
    }

    @Test
    void attachingToADeviceThatIsNoTapIsRefused() {
        assertThatThrownBy(() -> openInNs(TapDevice.Config.of("lo")))
                .isInstanceOf(TapException.class)
                .hasMessageStartingWith("cannot attach to lo: a device of that name exists and is not a TAP device")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.EINVAL);
    }

    @Test
    void kernelRejectsAnInvalidName() {
        assertThatThrownBy(() -> openInNs(TapDevice.Config.of("st/bad")))
                .isInstanceOf(TapException.class)
                .hasMessageContaining("not a valid interface name")
                .extracting(e -> ((TapException) e).errno())
                .isEqualTo(Libc.EINVAL);
    }

    @Test
    void kernelPingsAStrataResponderThroughTheTap() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")).withMac(STRATA_MAC));
        RealTimeLoop loop = startLoop();
        ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP);
        loop.run(() -> tap.setReceiver(responder));
        tap.start(loop);
        configureKernelSide(tap.name());

        NetNs.Result ping = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "192.0.2.2");

        assertThat(ping.ok()).as(ping.toString()).isTrue();
        assertThat(ping.out()).contains("3 packets transmitted, 3 received");
        assertThat(loop.call(() -> responder.echoReplies)).isEqualTo(3);
        assertThat(loop.call(() -> responder.arpReplies)).isGreaterThanOrEqualTo(1);
        assertThat(ns.execOk("ip", "neigh", "show", "192.0.2.2", "dev", tap.name())
                        .out())
                .contains("lladdr " + STRATA_MAC);
        DeviceCounters c = loop.call(() -> copy(tap.counters()));
        assertThat(c.txFrames).isGreaterThanOrEqualTo(4);
        assertThat(c.txDropped).isZero();
        assertThat(c.rxFrames).isGreaterThanOrEqualTo(4);
        assertThat(loop.failures()).isZero();
    }

    @Test
    void theLoopCanPollTheTapItselfWithNoReaderThread() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")).withMac(STRATA_MAC));
        RealTimeLoop loop = new RealTimeLoop(NetNs.uniqueName("loop-"));
        tap.pollFrom(loop);
        assertThatThrownBy(() -> tap.start(loop)).isInstanceOf(IllegalStateException.class);
        TapDevice other = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")));
        assertThatThrownBy(() -> other.pollFrom(loop))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has a waiter");
        loop.start();
        toClose.add(() -> {
            loop.shutdown();
            assertThat(loop.join(TimeUnit.SECONDS.toNanos(30))).isTrue();
        });
        ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP);
        loop.run(() -> tap.setReceiver(responder)); // wakes the loop out of ppoll through the eventfd
        configureKernelSide(tap.name());

        NetNs.Result ping = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", "192.0.2.2");

        assertThat(ping.ok()).as(ping.toString()).isTrue();
        assertThat(loop.call(() -> responder.echoReplies)).isEqualTo(3);
        assertThat(threadAlive("strata-tap-" + tap.name())).isFalse();
        // Timers still fire while the loop waits in ppoll rather than parking.
        CountDownLatch fired = new CountDownLatch(1);
        loop.schedule(Durations.millis(20), fired::countDown);
        assertThat(fired.await(30, TimeUnit.SECONDS)).isTrue();
        // Closing from another thread is handed to the loop; the loop carries on without the device.
        tap.close();
        assertThat(tap.isOpen()).isFalse();
        CountDownLatch after = new CountDownLatch(1);
        loop.schedule(Durations.millis(20), after::countDown);
        assertThat(after.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(loop.call(() -> 5)).isEqualTo(5);
        assertThat(loop.failures()).isZero();
        assertThat(ns.exec("ip", "link", "show", tap.name()).ok()).isFalse();
    }

    @Test
    void junkFromTheKernelSideIsCountedAndTheLoopLivesOn() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")).withMac(STRATA_MAC));
        RealTimeLoop loop = startLoop();
        ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP);
        loop.run(() -> tap.setReceiver(responder));
        tap.start(loop);
        configureKernelSide(tap.name());
        long rxBefore = loop.call(() -> tap.counters().rxFrames);

        // 40 frames the receiver throws on, and 60 frames of random octets (14 to 1514 long, never the poison
        // EtherType), all written by a packet socket on the kernel side of the TAP.
        Path script = Files.createTempFile("strata-junk-", ".py");
        Files.writeString(script, """
                import os, random, sys
                from scapy.all import Ether, Raw, sendp
                iface, mac = sys.argv[1], sys.argv[2]
                poison = [Ether(dst=mac, type=0x88B5) / Raw(os.urandom(random.randint(0, 1400))) for _ in range(40)]
                junk = []
                for _ in range(60):
                    b = bytearray(os.urandom(random.randint(14, 1514)))
                    if b[12:14] == b'\\x88\\xb5':
                        b[12] = 0
                    junk.append(Raw(bytes(b)))
                sendp(poison + junk, iface=iface, verbose=False)
                """);
        try {
            ns.execOk("/usr/bin/python3", script.toString(), tap.name(), STRATA_MAC.toString());
        } finally {
            Files.deleteIfExists(script);
        }

        eventually(() -> loop.call(tap::receiverFailures) == 40);
        eventually(() -> loop.call(() -> tap.counters().rxFrames) - rxBefore >= 100);
        assertThat(loop.failures()).isGreaterThanOrEqualTo(1);
        assertThat(loop.lastFailure()).hasMessageContaining("poison frame");
        // The loop and the device still work: the kernel can still ping.
        NetNs.Result ping = ns.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", "192.0.2.2");
        assertThat(ping.ok()).as(ping.toString()).isTrue();
        assertThat(tap.failure()).isNull();
    }

    @Test
    void closeWakesTheBlockedReaderAndLeavesNoThread() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")));
        RealTimeLoop loop = startLoop();
        tap.start(loop);
        String readerName = "strata-tap-" + tap.name();
        eventually(() -> threadAlive(readerName));
        tap.close(); // the reader waits in poll(2) with no timeout: only the eventfd can wake it
        assertThat(threadAlive(readerName)).isFalse();
        assertThatThrownBy(() -> tap.start(loop)).isInstanceOf(IllegalStateException.class);
        ByteBuffer frame = ByteBuffer.allocate(60);
        loop.run(() -> tap.transmit(frame));
        assertThat(loop.call(() -> tap.counters().txDropped)).isEqualTo(1);
    }

    @Test
    void withOffloadsTheKernelsLargeSegmentsArriveAsOrdinaryFrames() throws Exception {
        TapDevice tap = openInNs(
                TapDevice.Config.of(NetNs.uniqueName("st")).withMac(STRATA_MAC).withOffloads(true));
        assertThat(tap.offloads()).isTrue();
        RealTimeLoop loop = startLoop();
        List<ByteBuffer> udp = new ArrayList<>(); // touched on the loop only
        ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP).tap(f -> {
            if (f.remaining() >= 42 && f.getShort(12) == 0x0800 && f.get(23) == 17 && f.getShort(36) == 9) {
                udp.add(f);
            }
        });
        loop.run(() -> tap.setReceiver(responder));
        tap.start(loop);
        configureKernelSide(tap.name());
        // Frames Strata writes carry a virtio-net header too: ping needs both directions.
        NetNs.Result ping = ns.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", "192.0.2.2");
        assertThat(ping.ok()).as(ping.toString()).isTrue();

        // One 6000-octet send cut by the kernel's UDP GSO (UDP_SEGMENT 1200) into 5 datagrams, which with USO on
        // the TAP reach Strata as one large segment; then one plain datagram with a partial checksum.
        Path script = Files.createTempFile("strata-gso-", ".py");
        Files.writeString(script, """
                import socket
                data = bytes((i * 7 + i // 251) & 0xff for i in range(6300))
                s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                s.setsockopt(socket.SOL_UDP, 103, 1200)  # UDP_SEGMENT
                s.sendto(data[:6000], ("192.0.2.2", 9))
                p = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                p.sendto(data[6000:], ("192.0.2.2", 9))
                """);
        try {
            ns.execOk("/usr/bin/python3", script.toString());
        } finally {
            Files.deleteIfExists(script);
        }
        eventually(() -> loop.call(udp::size) >= 6);
        List<ByteBuffer> got = loop.call(() -> List.copyOf(udp));
        assertThat(got).extracting(ByteBuffer::remaining).containsExactly(1242, 1242, 1242, 1242, 1242, 342);
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (ByteBuffer f : got) {
            int l4Len = (f.getShort(16) & 0xFFFF) - 20;
            assertThat(Checksums.verifies(Checksums.sum(f, 14, 20)))
                    .as("IPv4 header checksum")
                    .isTrue();
            long pseudo = Checksums.pseudoHeaderV4(f.getInt(26), f.getInt(30), 17, l4Len);
            assertThat(Checksums.verifies(pseudo + Checksums.sum(f, 34, l4Len)))
                    .as("UDP checksum")
                    .isTrue();
            joined.write(f.array(), 42, l4Len - 8);
        }
        byte[] expected = new byte[6300];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = (byte) (i * 7 + i / 251);
        }
        assertThat(joined.toByteArray()).isEqualTo(expected);
        assertThat(loop.call(() -> tap.offloadCounters().rxCut)).isGreaterThanOrEqualTo(1);
        assertThat(loop.call(() -> tap.counters().rxDropped)).isZero();
    }

    @Test
    void aDeviceDeletedUnderneathStopsTheReaderWithAReason() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")));
        RealTimeLoop loop = startLoop();
        tap.start(loop);
        ns.execOk("ip", "link", "del", tap.name());
        eventually(() -> tap.failure() != null);
        assertThat(tap.failure()).contains(tap.name());
        eventually(() -> !threadAlive("strata-tap-" + tap.name()));
        ByteBuffer frame = ByteBuffer.allocate(60);
        loop.run(() -> tap.transmit(frame));
        assertThat(loop.call(() -> tap.counters().txDropped)).isEqualTo(1);
        tap.close();
        assertThat(loop.failures()).isZero();
    }

    @Test
    void transmitCountsWhatTheKernelTakesAndRefuses() throws Exception {
        TapDevice tap = openInNs(TapDevice.Config.of(NetNs.uniqueName("st")).withMac(STRATA_MAC));
        RealTimeLoop loop = startLoop();
        // Link down on the kernel side: the kernel refuses frames (EIO), counted as drops.
        ByteBuffer frame = ByteBuffer.allocate(60);
        STRATA_MAC.write(frame, 6);
        MacAddr.BROADCAST.write(frame, 0);
        frame.putShort(12, (short) 0x88B6);
        loop.run(() -> tap.transmit(frame.duplicate()));
        assertThat(loop.call(() -> tap.counters().txDropped)).isEqualTo(1);
        configureKernelSide(tap.name());
        loop.run(() -> {
            tap.transmit(frame.duplicate()); // heap buffer: copied
            ByteBuffer direct =
                    ByteBuffer.allocateDirect(60).put(frame.duplicate()).flip();
            tap.transmit(direct); // direct buffer: written in place
            tap.transmit(ByteBuffer.allocate(13)); // shorter than an Ethernet header
            tap.transmit(ByteBuffer.allocate(1500 + 18 + 1)); // longer than the MTU allows
        });
        DeviceCounters c = loop.call(() -> copy(tap.counters()));
        assertThat(c.txFrames).isEqualTo(2);
        assertThat(c.txBytes).isEqualTo(120);
        assertThat(c.txDropped).isEqualTo(3);
        eventually(() -> kernelRxPackets(tap.name()) >= 2);
    }

    private long kernelRxPackets(String dev) {
        String s = ns.execOk("cat", "/sys/class/net/" + dev + "/statistics/rx_packets")
                .out()
                .trim();
        return Long.parseLong(s);
    }

    private void configureKernelSide(String dev) {
        ns.execOk("ip", "addr", "add", "192.0.2.1/24", "dev", dev);
        ns.execOk("ip", "link", "set", dev, "up");
        assertThat(KERNEL_IP).isNotEqualTo(STRATA_IP);
    }

    private static DeviceCounters copy(DeviceCounters c) {
        DeviceCounters d = new DeviceCounters();
        d.rxFrames = c.rxFrames;
        d.rxBytes = c.rxBytes;
        d.rxDropped = c.rxDropped;
        d.txFrames = c.txFrames;
        d.txBytes = c.txBytes;
        d.txDropped = c.txDropped;
        return d;
    }

    static boolean threadAlive(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().equals(name) && t.isAlive());
    }

    /** Waits, generously, for {@code condition}; fails the test when it never holds. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
