package dev.strata.link;

import dev.strata.testing.ArpIcmpResponder;
import dev.strata.testing.NetNs;
import dev.strata.time.RealTimeLoop;
import dev.strata.wire.Checksums;
import dev.strata.wire.EtherType;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A micro-measurement (not a test) of how many frames per second the TAP device moves, in a namespace it creates:
 * the kernel floods UDP at a Strata address whose neighbour entry is static, and Strata floods UDP at the kernel.
 *
 * <p>Run as root from strata-core after {@code mvn test-compile}: {@code java --enable-native-access=ALL-UNNAMED -cp
 * target/classes:target/test-classes:$(cat cp.txt) dev.strata.link.TapThroughput [seconds]} (see docs/tap.md).
 */
public final class TapThroughput {

    private static final MacAddr STRATA_MAC = MacAddr.parse("02:00:00:00:02:02");
    private static final int KERNEL_IP = 0xC0000201;
    private static final int STRATA_IP = 0xC0000202;

    private TapThroughput() {}

    /** Counts frames on whatever thread delivers them. */
    private static final class Counter implements FrameReceiver {
        long frames;
        long bytes;

        @Override
        public void receive(ByteBuffer frame) {
            frames++;
            bytes += frame.remaining();
        }
    }

    /** Only scenarios whose description contains this run (from the second argument; empty: all). */
    private static String filter = "";

    /**
     * Runs every scenario for {@code args[0]} seconds each (default 5), or those whose description contains
     * {@code args[1]}, and prints one line per figure.
     */
    public static void main(String[] args) throws Exception {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
        filter = args.length > 1 ? args[1] : "";
        String why = NetNs.unavailableReason();
        if (why != null) {
            System.err.println("TapThroughput: " + why);
            System.exit(2);
        }
        Path gso = Files.createTempFile("strata-gso-blast-", ".py");
        Files.writeString(gso, GSO_BLAST);
        try {
            // socat -b 65000: one 65000-octet datagram per send, which IP cuts into 45 fragments
            String[] fragments = {"socat", "-u", "-b", "65000", "/dev/zero", "UDP-SENDTO:192.0.2.2:9"};
            String[] small = {"socat", "-u", "-b", "18", "/dev/zero", "UDP-SENDTO:192.0.2.2:9"};
            String[] blast = {"/usr/bin/python3", gso.toString()};
            receive("rx 1514 B, IP fragments, reader -> loop", fragments, false, 1500, Delivery.LOOP, seconds);
            receive("rx 1514 B, IP fragments, on the reader", fragments, false, 1500, Delivery.READER, seconds);
            receive("rx 1514 B, IP fragments, loop polls", fragments, false, 1500, Delivery.POLLED, seconds);
            receive("rx 60 B, reader -> loop", small, false, 1500, Delivery.LOOP, seconds);
            receive("rx 60 B, loop polls", small, false, 1500, Delivery.POLLED, seconds);
            receive("rx 1514 B, UDP GSO cut by the kernel", blast, false, 1500, Delivery.LOOP, seconds);
            receive("rx 1514 B, UDP GSO cut by Strata (offloads)", blast, true, 1500, Delivery.LOOP, seconds);
            receive("rx 65014 B frames, MTU 65000", fragments, false, 65000, Delivery.LOOP, seconds);
        } finally {
            Files.deleteIfExists(gso);
        }
        for (int payload : new int[] {1472, 18}) {
            transmit(payload, seconds);
        }
        if ("rtt ping".contains(filter)) {
            pingRtt(Delivery.LOOP);
            pingRtt(Delivery.POLLED);
            pingRttVeth();
        }
    }

    /** One echo every millisecond, 2000 of them: one at a time, so each time is a round trip alone. */
    private static final String[] PING = {"ping", "-c", "2000", "-i", "0.001", "-W", "1", "192.0.2.2"};

    /** Round trips of ICMP echo: the kernel pings Strata's hand-built responder over the TAP. */
    private static void pingRtt(Delivery mode) throws Exception {
        try (NetNs ns = NetNs.create()) {
            TapDevice tap = TapDevice.open(TapDevice.Config.of(NetNs.uniqueName("st"))
                    .withMac(STRATA_MAC)
                    .inNamedNetns(ns.name()));
            RealTimeLoop loop = loopFor(tap, mode);
            try {
                ArpIcmpResponder responder = new ArpIcmpResponder(tap, STRATA_IP);
                loop.run(() -> tap.setReceiver(responder));
                kernelSide(ns, tap.name());
                System.out.println("rtt kernel -> Strata over the TAP, "
                        + (mode == Delivery.POLLED ? "loop polls:    " : "reader -> loop:") + " "
                        + percentiles(ns.execOk(PING).out()));
            } finally {
                tap.close();
                loop.shutdown();
                loop.join();
            }
        }
    }

    /** The same round trips between two kernels over a veth pair, for reference. */
    private static void pingRttVeth() {
        try (NetNs a = NetNs.create();
                NetNs b = NetNs.create()) {
            String va = NetNs.uniqueName("va");
            String vb = NetNs.uniqueName("vb");
            a.execOk("ip", "link", "add", va, "type", "veth", "peer", "name", vb, "netns", b.name());
            a.execOk("ip", "addr", "add", "192.0.2.1/24", "dev", va);
            b.execOk("ip", "addr", "add", "192.0.2.2/24", "dev", vb);
            a.execOk("ip", "link", "set", va, "up");
            b.execOk("ip", "link", "set", vb, "up");
            System.out.println("rtt kernel -> kernel over veth:              "
                    + percentiles(a.execOk(PING).out()));
        }
    }

    /** p50, p99 and max of ping's "time=X ms" lines, in microseconds. */
    private static String percentiles(String pingOutput) {
        double[] us = pingOutput
                .lines()
                .filter(l -> l.contains("time="))
                .mapToDouble(l -> Double.parseDouble(l.replaceAll(".*time=([0-9.]+) ms.*", "$1")) * 1000)
                .sorted()
                .toArray();
        if (us.length == 0) {
            return "no replies";
        }
        return String.format(
                Locale.ROOT,
                "%d replies, p50 %.0f us, p99 %.0f us, max %.0f us",
                us.length,
                us[us.length / 2],
                us[(int) Math.min(us.length - 1, Math.round(us.length * 0.99))],
                us[us.length - 1]);
    }

    /** Sends 44 x 1472 octets per sendto with UDP_SEGMENT (Linux UDP GSO), as fast as it can. */
    private static final String GSO_BLAST = """
            import socket
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.setsockopt(socket.SOL_UDP, 103, 1472)  # UDP_SEGMENT
            buf = bytes(1472 * 44)
            while True:
                try:
                    s.sendto(buf, ("192.0.2.2", 9))
                except OSError:
                    pass
            """;

    /** Where frames are read and delivered. */
    private enum Delivery {
        /** A reader thread hands batches to the loop (TapDevice.start). */
        LOOP,
        /** The reader thread delivers them itself: the ceiling of the hand-off, not a way to run a stack. */
        READER,
        /** The loop polls the TAP and reads on its own thread (TapDevice.pollFrom). */
        POLLED
    }

    /** A started loop with {@code tap} delivering to it as {@code mode} says. */
    private static RealTimeLoop loopFor(TapDevice tap, Delivery mode) {
        RealTimeLoop loop = new RealTimeLoop("strata-bench-loop");
        if (mode == Delivery.POLLED) {
            tap.pollFrom(loop);
        }
        loop.start();
        if (mode != Delivery.POLLED) {
            tap.start(mode == Delivery.LOOP ? loop : Runnable::run);
        }
        return loop;
    }

    private static void receive(String what, String[] generator, boolean offloads, int mtu, Delivery mode, long seconds)
            throws Exception {
        if (!what.contains(filter)) {
            return;
        }
        try (NetNs ns = NetNs.create()) {
            TapDevice tap = TapDevice.open(TapDevice.Config.of(NetNs.uniqueName("st"))
                    .withMac(STRATA_MAC)
                    .withOffloads(offloads)
                    .inNamedNetns(ns.name()));
            RealTimeLoop loop = loopFor(tap, mode);
            try {
                Counter counter = new Counter();
                loop.run(() -> tap.setReceiver(counter));
                kernelSide(ns, tap.name());
                ns.execOk("ip", "link", "set", tap.name(), "mtu", Integer.toString(mtu));
                ns.spawn(null, generator);
                Thread.sleep(500); // let it ramp up
                long[] a = snapshot(loop, mode != Delivery.READER, counter);
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                long[] b = snapshot(loop, mode != Delivery.READER, counter);
                long dt = System.nanoTime() - t0;
                long kernelDropped = sysStat(ns, tap.name(), "tx_dropped");
                print(
                        what,
                        b[0] - a[0],
                        b[1] - a[1],
                        dt,
                        "kernel tx_dropped " + kernelDropped + ", large segments cut "
                                + loop.call(() -> tap.offloadCounters().rxCut));
            } finally {
                tap.close();
                loop.shutdown();
                loop.join();
            }
        }
    }

    private static long[] snapshot(RealTimeLoop loop, boolean onLoop, Counter c) {
        // Delivered on the reader, the counter lives on the reader thread; a racy read is fine for a rate.
        return onLoop ? loop.call(() -> new long[] {c.frames, c.bytes}) : new long[] {c.frames, c.bytes};
    }

    private static void transmit(int payload, long seconds) throws Exception {
        if (!("tx " + (14 + 28 + payload) + " B").contains(filter) && !filter.equals("tx")) {
            return;
        }
        try (NetNs ns = NetNs.create()) {
            TapDevice tap = TapDevice.open(TapDevice.Config.of(NetNs.uniqueName("st"))
                    .withMac(STRATA_MAC)
                    .inNamedNetns(ns.name()));
            RealTimeLoop loop = new RealTimeLoop("strata-bench-loop").start();
            try {
                kernelSide(ns, tap.name());
                ns.spawn(null, "socat", "-u", "UDP-RECV:9", "/dev/null");
                MacAddr kernelMac = MacAddr.parse(ns.execOk("cat", "/sys/class/net/" + tap.name() + "/address")
                        .out()
                        .trim());
                ByteBuffer frame = udpFrame(kernelMac, payload);
                boolean[] stop = {false};
                Runnable[] blast = new Runnable[1];
                blast[0] = () -> {
                    for (int i = 0; i < 64; i++) {
                        tap.transmit(frame.duplicate());
                    }
                    if (!stop[0]) {
                        loop.execute(blast[0]);
                    }
                };
                loop.execute(blast[0]);
                Thread.sleep(500);
                long[] a = loop.call(() -> new long[] {tap.counters().txFrames, tap.counters().txBytes});
                long k0 = sysStat(ns, tap.name(), "rx_packets");
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
                long[] b = loop.call(() -> new long[] {tap.counters().txFrames, tap.counters().txBytes});
                long k1 = sysStat(ns, tap.name(), "rx_packets");
                long dt = System.nanoTime() - t0;
                loop.run(() -> stop[0] = true);
                long dropped = loop.call(() -> tap.counters().txDropped);
                print(
                        "tx " + (14 + 28 + payload) + " B, written on the loop",
                        b[0] - a[0],
                        b[1] - a[1],
                        dt,
                        "kernel rx_packets " + (k1 - k0) + ", strata txDropped " + dropped);
            } finally {
                tap.close();
                loop.shutdown();
                loop.join();
            }
        }
    }

    private static void kernelSide(NetNs ns, String dev) {
        ns.execOk("ip", "addr", "add", "192.0.2.1/24", "dev", dev);
        ns.execOk("ip", "link", "set", dev, "up");
        ns.execOk(
                "ip", "neigh", "replace", "192.0.2.2", "lladdr", STRATA_MAC.toString(), "dev", dev, "nud", "permanent");
    }

    private static long sysStat(NetNs ns, String dev, String stat) {
        return Long.parseLong(ns.execOk("cat", "/sys/class/net/" + dev + "/statistics/" + stat)
                .out()
                .trim());
    }

    /** An Ethernet + IPv4 + UDP frame from Strata to the kernel's discard port, UDP checksum 0 (RFC 768). */
    private static ByteBuffer udpFrame(MacAddr kernelMac, int payload) {
        int ipLen = 20 + 8 + payload;
        ByteBuffer f = ByteBuffer.allocate(14 + ipLen);
        kernelMac.write(f, 0);
        STRATA_MAC.write(f, 6);
        f.putShort(12, (short) EtherType.IPV4.value());
        f.put(14, (byte) 0x45);
        f.putShort(16, (short) ipLen);
        f.put(22, (byte) 64);
        f.put(23, (byte) 17);
        f.putInt(26, STRATA_IP);
        f.putInt(30, KERNEL_IP);
        f.putShort(24, (short) Checksums.checksum(f, 14, 20));
        f.putShort(34, (short) 40000);
        f.putShort(36, (short) 9);
        f.putShort(38, (short) (8 + payload));
        return f;
    }

    private static void print(String what, long frames, long bytes, long nanos, String extra) {
        double s = nanos / 1e9;
        System.out.printf(
                Locale.ROOT, "%-46s %9.0f frames/s %7.3f Gbit/s (%s)%n", what, frames / s, bytes * 8 / s / 1e9, extra);
    }
}
