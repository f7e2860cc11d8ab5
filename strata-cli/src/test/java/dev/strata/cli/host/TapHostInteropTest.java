package dev.strata.cli.host;

import static dev.strata.cli.host.KernelPeer.KERNEL;
import static dev.strata.cli.host.KernelPeer.STRATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.apps.simple.BulkClient;
import dev.strata.apps.simple.ServiceCounters;
import dev.strata.apps.simple.SimpleService;
import dev.strata.host.Ping;
import dev.strata.ip.NetInterface;
import dev.strata.link.LinkParams;
import dev.strata.tcp.CloseReason;
import dev.strata.testing.NetNs;
import dev.strata.testing.Tshark;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Strata host against the Linux kernel over a TAP device: ARP and ping both ways, and bulk TCP transfers
 * (byte-exact by SHA-256) with Linux's socat as client and server, on a clean link, with 5% loss injected by
 * nftables on the kernel side, and with Strata's own impairments.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TapHostInteropTest extends TapHostFixture {

    /** The link a transfer runs over. */
    enum Link {
        /** A clean link, no offloads: 20 MB. */
        CLEAN(20_000_000),
        /**
         * A clean link with the TAP's offloads on (IFF_VNET_HDR) and the kernel's TSO on: the kernel hands over 64 KB
         * TCP segments that Strata takes whole, and Strata hands the kernel super-segments to cut: 20 MB.
         */
        OFFLOADS(20_000_000),
        /** 5% of frames dropped each way by nftables on the kernel side, no offloads: 20 MB. */
        KERNEL_LOSS(20_000_000),
        /**
         * Offloads on and 5% loss by nftables on the kernel side, where the hooks see the super-segments: a loss is
         * a whole 64 KB segment: 20 MB.
         */
        OFFLOADS_KERNEL_LOSS(20_000_000),
        /**
         * Strata's {@code --impair loss=5%,delay=20ms,jitter=5ms}, with the TAP's offloads on as by default (the
         * impairments take no offloaded frames, so the TAP completes checksums and cuts segments for them): 2 MB.
         * At 5% loss and a 40 ms round trip Linux's
         * sender moves about 1 MB/s and Strata's about 130 KB/s (its loss recovery waits for the retransmission
         * timer where Linux has RACK-TLP, see docs/host.md), so 20 MB would take minutes per test.
         */
        STRATA_IMPAIR(2_000_000);

        final int size;

        Link(int size) {
            this.size = size;
        }

        boolean offloads() {
            return this == OFFLOADS || this == OFFLOADS_KERNEL_LOSS;
        }

        boolean kernelLoss() {
            return this == KERNEL_LOSS || this == OFFLOADS_KERNEL_LOSS;
        }

        /**
         * How long a transfer may take: with 5% loss each way, every lost retransmission waits for Strata's RTO (1 s
         * at least, RFC 6298; no RACK-TLP yet), so 20 MB take 20 to 60 s and more on a loaded machine.
         */
        Duration limit() {
            return kernelLoss() ? Duration.ofSeconds(240) : Duration.ofSeconds(60);
        }
    }

    private TapHost start(Link link) throws Exception {
        UnaryOperator<TapHostConfig> adjust = switch (link) {
            case STRATA_IMPAIR ->
                c -> c.withImpair(LinkParams.parse("loss=5%,delay=20ms,jitter=5ms", LinkParams.IDEAL))
                        .withOffloads(true);
            case OFFLOADS, OFFLOADS_KERNEL_LOSS -> c -> c.withOffloads(true);
            default -> c -> c;
        };
        start(adjust);
        if (link.kernelLoss()) {
            peer.loss(5);
        }
        return host;
    }

    /** The kernel's large segments reached the stack whole: counted by the device and by TCP. */
    private void largeSegmentsArrived() {
        assertThat(host.call(() -> host.tap().offloadCounters().rxLarge))
                .as("GSO super-segments the kernel handed over whole")
                .isPositive();
        assertThat(host.call(() -> host.host().tcp().counters.inLargeSegs)).isPositive();
        assertThat(host.call(() -> host.host().tcp().counters.inCsumOffloaded)).isPositive();
        assertThat(host.call(() -> host.host().tcp().counters.inErrs)).isZero();
    }

    /** Strata's super-segments went to the kernel to be cut: counted by TCP and by the device. */
    private void largeSegmentsLeft() {
        assertThat(host.call(() -> host.host().tcp().counters.outLargeSegs)).isPositive();
        assertThat(host.call(() -> host.tap().offloadCounters().txLarge))
                .as("super-segments written with a GSO header")
                .isPositive();
        assertThat(host.call(() -> host.tap().counters().txDropped)).isZero();
    }

    private Path randomFile(int size, long seed) throws Exception {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        Path f = dir.resolve("data-" + seed + ".bin");
        Files.write(f, b);
        return f;
    }

    private static String sha256(Path file) throws Exception {
        return BulkClient.sha256(ByteBuffer.wrap(Files.readAllBytes(file)));
    }

    private List<String> recordCloses() {
        List<String> closes = new CopyOnWriteArrayList<>();
        host.run(() -> host.services().onClosed((c, r) -> closes.add(c.localPort() + " " + r)));
        return closes;
    }

    @Test
    void linuxPingAndArpReachStrataAndStrataPingsLinux() throws Exception {
        start(c -> c);
        NetNs.Result ping = ns.exec("ping", "-c", "3", "-i", "0.2", "-W", "5", STRATA);
        assertThat(ping.ok()).as(ping.toString()).isTrue();
        assertThat(ping.out()).contains("3 packets transmitted, 3 received");
        // The kernel resolved Strata's MAC with ARP ...
        assertThat(ns.execOk("ip", "neigh", "show", STRATA, "dev", dev).out()).contains("lladdr " + STRATA_MAC);
        // ... and arping asks again explicitly, with broadcast requests.
        NetNs.Result arping = ns.exec("arping", "-c", "2", "-w", "10", "-I", dev, STRATA);
        assertThat(arping.ok()).as(arping.toString()).isTrue();
        assertThat(arping.out().toLowerCase(Locale.ROOT)).contains("reply from " + STRATA + " [" + STRATA_MAC + "]");
        assertThat(host.call(() -> host.iface().arp().counters.repliesSent)).isGreaterThanOrEqualTo(3);

        CompletableFuture<Ping.Summary> done = new CompletableFuture<>();
        host.run(() -> Ping.from(host.host(), Ip4.parse(KERNEL))
                .count(3)
                .interval(200_000_000L)
                .onDone(done::complete)
                .start());
        Ping.Summary s = done.get(30, TimeUnit.SECONDS);
        assertThat(s.received()).isEqualTo(3);
        assertThat(s.events()).allMatch(e -> e instanceof Ping.Reply r && r.ttl() == 64 && r.bytes() == 56);
    }

    @Test
    void junkFramesFromTheKernelSideAreCountedDrops() throws Exception {
        start(c -> c);
        assertThat(ns.exec("ping", "-c", "1", "-W", "5", STRATA).ok()).isTrue();
        long before = host.call(() -> malformed(host.iface())
                + host.host().ip().counters.inHdrErrors
                + host.host().ip().counters.inTruncatedPkts);
        // 200 frames for Strata's MAC: IPv4 and ARP EtherTypes with random payloads, and runts of 14 to 20 octets.
        NetNs.Result r = peer.python("""
                import os, random, sys
                from scapy.all import Ether, Raw, sendp
                iface, mac = sys.argv[1], sys.argv[2]
                random.seed(7)
                frames = []
                for i in range(200):
                    t = 0x0800 if i % 2 == 0 else 0x0806
                    n = random.randint(0, 6) if i % 10 == 0 else random.randint(1, 1400)
                    frames.append(Ether(dst=mac, type=t) / Raw(os.urandom(n)))
                sendp(frames, iface=iface, verbose=False)
                """, dev, STRATA_MAC.toString());
        assertThat(r.ok()).as(r.toString()).isTrue();
        KernelPeer.eventually(
                Duration.ofSeconds(20),
                () -> host.call(() -> malformed(host.iface())
                                        + host.host().ip().counters.inHdrErrors
                                        + host.host().ip().counters.inTruncatedPkts)
                                - before
                        >= 150);
        // The stack is unharmed: nothing threw, and it still answers.
        assertThat(host.loop().failures()).isZero();
        NetNs.Result ping = ns.exec("ping", "-c", "2", "-i", "0.2", "-W", "5", STRATA);
        assertThat(ping.ok()).as(ping.toString()).isTrue();
    }

    private static long malformed(NetInterface i) {
        return i.counters.inMalformed;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Link.class)
    void linuxClientEchoIsByteExact(Link link) throws Exception {
        start(link);
        List<String> closes = recordCloses();
        Path in = randomFile(link.size, 1);
        Path out = dir.resolve("echoed.bin");
        NetNs.Result r = peer.sh(link.limit(), "socat -t 300 -T 300 - TCP:" + STRATA + ":7 < " + in + " > " + out);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(Files.size(out)).isEqualTo(link.size);
        assertThat(sha256(out)).isEqualTo(sha256(in));
        KernelPeer.eventually(Duration.ofSeconds(30), () -> closes.contains("7 NORMAL"));
        ServiceCounters echo = host.call(() -> host.services().counters(SimpleService.ECHO));
        assertThat(echo.octetsIn).isEqualTo(link.size);
        assertThat(echo.octetsOut).isEqualTo(link.size);
        if (link.kernelLoss()) {
            assertThat(peer.lossDrops()).isPositive();
        }
        if (link.offloads()) {
            largeSegmentsArrived();
            largeSegmentsLeft();
        }
        if (link == Link.STRATA_IMPAIR) {
            assertThat(host.call(() -> host.impaired().outbound().counters().lost
                            + host.impaired().inbound().counters().lost))
                    .isPositive();
            // Ordinary frames only, made by the TAP from the kernel's partial checksums and super-segments.
            assertThat(host.call(() -> host.tap().offloadCounters().rxOffloaded))
                    .isZero();
            assertThat(host.call(() -> host.tap().offloadCounters().rxChecksumsCompleted
                            + host.tap().offloadCounters().rxCut))
                    .isPositive();
            assertThat(host.call(() -> host.host().tcp().counters.outLargeSegs)).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Link.class)
    void linuxClientToDiscard(Link link) throws Exception {
        start(link);
        List<String> closes = recordCloses();
        Path in = randomFile(link.size, 2);
        // Without -u socat waits for Strata's FIN after sending its own: the whole exchange, not just the sending.
        NetNs.Result r = peer.sh(link.limit(), "socat -t 300 -T 300 - TCP:" + STRATA + ":9 < " + in + " > /dev/null");
        assertThat(r.ok()).as(r.toString()).isTrue();
        KernelPeer.eventually(Duration.ofSeconds(30), () -> closes.contains("9 NORMAL"));
        ServiceCounters discard = host.call(() -> host.services().counters(SimpleService.DISCARD));
        assertThat(discard.octetsIn).isEqualTo(link.size);
        assertThat(discard.octetsOut).isZero();
        if (link.offloads()) {
            largeSegmentsArrived();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Link.class)
    void strataClientToLinuxServerIsByteExact(Link link) throws Exception {
        start(link);
        Path in = randomFile(link.size, 3);
        Path out = dir.resolve("received.bin");
        Process server = ns.spawn(
                dir.resolve("socat.log"), "socat", "-u", "TCP-LISTEN:5001,reuseaddr", "OPEN:" + out + ",creat,trunc");
        KernelPeer.eventually(
                Duration.ofSeconds(20),
                () -> ns.exec("ss", "-ltnH", "sport = :5001").out().contains("5001"));
        ByteBuffer data = ByteBuffer.wrap(Files.readAllBytes(in)).asReadOnlyBuffer();
        CompletableFuture<BulkClient> done = new CompletableFuture<>();
        host.run(() -> BulkClient.start(host.host(), Ip4.parse(KERNEL), 5001, data, done::complete));
        BulkClient c = done.get(280, TimeUnit.SECONDS);
        assertThat(c.closeReason()).isEqualTo(CloseReason.NORMAL);
        assertThat(c.sent()).isEqualTo(link.size);
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(server.exitValue()).isZero();
        assertThat(Files.size(out)).isEqualTo(link.size);
        assertThat(sha256(out)).isEqualTo(sha256(in));
        if (link.offloads()) {
            largeSegmentsLeft();
        }
        if (link.kernelLoss()) {
            assertThat(peer.lossDrops()).isPositive();
        }
    }

    @Test
    void withOffloadsTheCaptureHoldsTheSuperSegmentsWithValidChecksums() throws Exception {
        Assumptions.assumeTrue(Tshark.available(), "needs tshark");
        Path pcap = dir.resolve("strata.pcapng");
        start(c -> c.withOffloads(true).withPcap(pcap));
        Path in = randomFile(2_000_000, 4);
        Path out = dir.resolve("echoed.bin");
        NetNs.Result r = peer.sh("socat -t 60 -T 60 - TCP:" + STRATA + ":7 < " + in + " > " + out);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(sha256(out)).isEqualTo(sha256(in));
        largeSegmentsArrived();
        largeSegmentsLeft();
        host.stop(TapHost.DEFAULT_FIN_WAIT_NANOS);
        // Recorded as they crossed the TAP, as tcpdump shows a GSO interface: one frame per super-segment, each
        // with its TCP checksum filled in, so that tshark checking every checksum finds nothing wrong.
        assertThat(Tshark.count(pcap, "ip.src == " + KERNEL + " && frame.len > 1514"))
                .isPositive();
        assertThat(Tshark.count(pcap, "ip.src == " + STRATA + " && frame.len > 1514"))
                .isPositive();
        assertThat(Tshark.problems(pcap)).isEmpty();
    }
}
