package dev.strata.cli.host;

import static dev.strata.cli.host.KernelPeer.KERNEL;
import static dev.strata.cli.host.KernelPeer.STRATA;
import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.apps.simple.SimpleService;
import dev.strata.testing.NetNs;
import dev.strata.testing.Tshark;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How connections between Linux and Strata end, as seen by tcpdump on the kernel's side of the TAP and by both
 * stacks' states: the four-way termination with either side closing first (RFC 9293 §3.6), and a reset from Linux.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TapHostCloseTest extends TapHostFixture {

    /** One TCP segment of the capture, sequence numbers relative to each side's ISN (tshark's default). */
    record Seg(String src, boolean syn, boolean fin, boolean ack, boolean rst, long seq, long ackNo, int len) {
        boolean from(String address) {
            return src.equals(address);
        }

        @Override
        public String toString() {
            return src + (syn ? " S" : "") + (fin ? " F" : "") + (rst ? " R" : "") + (ack ? " ." : "") + " seq=" + seq
                    + " ack=" + ackNo + " len=" + len;
        }
    }

    private final List<String> strataStates = new CopyOnWriteArrayList<>();
    private Path pcap;

    @BeforeEach
    void needsTshark() {
        Assumptions.assumeTrue(Tshark.available(), "needs tshark");
    }

    private void startWithCapture(int port) throws Exception {
        start(c -> c);
        host.run(() -> host.host().tcp().addObserver((c, from, to) -> {
            if (c.localPort() == port) {
                strataStates.add(to.rfcName());
            }
        }));
        pcap = dir.resolve("kernel-side.pcap");
        peer.startCapture(pcap, "tcp port " + port);
    }

    private List<Seg> segments() throws Exception {
        peer.stopCapture();
        System.err.println(
                "CAPINFOS " + Tshark.capinfos(pcap) + " " + java.nio.file.Files.readString(dir.resolve("tcpdump.log")));
        assertThat(Tshark.problems(pcap)).as("frames tshark finds wrong").isEmpty();
        List<Seg> out = new ArrayList<>();
        for (List<String> f : Tshark.fields(
                pcap,
                "tcp",
                "ip.src",
                "tcp.flags.syn",
                "tcp.flags.fin",
                "tcp.flags.ack",
                "tcp.flags.reset",
                "tcp.seq",
                "tcp.ack",
                "tcp.len")) {
            out.add(new Seg(
                    f.get(0),
                    f.get(1).equals("1") || f.get(1).equals("True"),
                    f.get(2).equals("1") || f.get(2).equals("True"),
                    f.get(3).equals("1") || f.get(3).equals("True"),
                    f.get(4).equals("1") || f.get(4).equals("True"),
                    Long.parseLong(f.get(5)),
                    Long.parseLong(f.get(6)),
                    Integer.parseInt(f.get(7))));
        }
        assertThat(out)
                .as("the capture: %s, tcpdump said: %s", Tshark.capinfos(pcap), peer.captureLog())
                .isNotEmpty();
        return out;
    }

    /**
     * Checks the four segments of a termination that {@code first} begins: its FIN, the other side's bare ACK of it,
     * the other side's FIN, and {@code first}'s ACK of that; returns them.
     */
    private static List<Seg> fourWay(List<Seg> segs, String first, String second) {
        int i = 0;
        while (i < segs.size() && !segs.get(i).fin()) {
            i++;
        }
        assertThat(i).as("a FIN in %s", segs).isLessThan(segs.size());
        Seg fin1 = segs.get(i);
        assertThat(fin1.from(first))
                .as("the first FIN comes from %s: %s", first, segs)
                .isTrue();
        Seg ack1 = null;
        Seg fin2 = null;
        Seg ack2 = null;
        for (Seg s : segs.subList(i + 1, segs.size())) {
            if (ack1 == null) {
                if (s.from(second) && s.ack() && !s.fin() && s.ackNo() == fin1.seq() + fin1.len() + 1) {
                    ack1 = s;
                }
            } else if (fin2 == null) {
                if (s.from(second) && s.fin()) {
                    fin2 = s;
                }
            } else if (ack2 == null && s.from(first) && s.ack() && s.ackNo() == fin2.seq() + fin2.len() + 1) {
                ack2 = s;
            }
        }
        assertThat(List.of(String.valueOf(ack1), String.valueOf(fin2), String.valueOf(ack2)))
                .as("ACK of the first FIN, second FIN, its ACK, in %s", segs)
                .doesNotContain("null");
        assertThat(fin2.ackNo()).isEqualTo(fin1.seq() + fin1.len() + 1);
        assertThat(segs).noneMatch(Seg::rst);
        return List.of(fin1, ack1, fin2, ack2);
    }

    @Test
    void linuxClosesFirst() throws Exception {
        startWithCapture(7);
        NetNs.Result r = peer.python("""
                import socket, sys, time
                s = socket.create_connection((sys.argv[1], 7), timeout=30)
                s.sendall(b"four-way")
                got = b""
                while len(got) < 8:
                    got += s.recv(100)
                time.sleep(0.3)
                s.shutdown(socket.SHUT_WR)
                while s.recv(100):
                    pass
                print("echoed", got.decode())
                time.sleep(0.3)
                s.close()
                """, STRATA);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.out()).contains("echoed four-way");
        // Linux, which closed first, waits in TIME-WAIT.
        assertThat(ns.execOk("ss", "-tanH", "state", "time-wait").out()).contains(STRATA + ":7");
        KernelPeer.eventually(Duration.ofSeconds(10), () -> strataStates.contains("CLOSED"));
        assertThat(strataStates).containsExactly("SYN-RECEIVED", "ESTABLISHED", "CLOSE-WAIT", "LAST-ACK", "CLOSED");
        fourWay(segments(), KERNEL, STRATA);
        assertThat(host.call(() -> host.services().counters(SimpleService.ECHO).closedNormally))
                .isEqualTo(1);
    }

    @Test
    void strataClosesFirst() throws Exception {
        startWithCapture(13);
        NetNs.Result r = peer.python("""
                import socket, sys, time
                s = socket.create_connection((sys.argv[1], 13), timeout=30)
                got = b""
                while True:
                    b = s.recv(100)
                    if not b:
                        break
                    got += b
                print("daytime", got.decode().strip())
                time.sleep(0.5)
                s.close()
                """, STRATA);
        assertThat(r.ok()).as(r.toString()).isTrue();
        assertThat(r.out())
                .containsPattern("daytime [A-Z][a-z]+day, [A-Z][a-z]+ \\d+, \\d{4} \\d\\d:\\d\\d:\\d\\d-UTC");
        // Strata, which closed first, waits in TIME-WAIT; Linux's side is gone (LAST-ACK was acknowledged).
        KernelPeer.eventually(Duration.ofSeconds(10), () -> strataStates.contains("TIME-WAIT"));
        assertThat(strataStates)
                .containsExactly("SYN-RECEIVED", "ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT");
        KernelPeer.eventually(
                Duration.ofSeconds(10),
                () -> ns.exec("ss", "-tanH", "dst", STRATA).out().isBlank());
        List<Seg> close = fourWay(segments(), STRATA, KERNEL);
        // Linux acknowledges the date (with CR LF) and the FIN: relative sequence 1 + the date + 1.
        int dateLength = r.out().strip().length() - "daytime ".length() + 2;
        assertThat(close.get(1).ackNo()).isEqualTo(1 + dateLength + 1);
    }

    @Test
    void aResetFromLinuxAbortsTheStrataConnection() throws Exception {
        startWithCapture(9);
        List<String> closes = new CopyOnWriteArrayList<>();
        host.run(() -> host.services().onClosed((c, why) -> closes.add(c.localPort() + " " + why)));
        NetNs.Result r = peer.python("""
                import socket, struct, sys, time
                s = socket.create_connection((sys.argv[1], 9), timeout=30)
                s.sendall(b"x" * 1000)
                time.sleep(0.3)
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                s.close()
                """, STRATA);
        assertThat(r.ok()).as(r.toString()).isTrue();
        KernelPeer.eventually(Duration.ofSeconds(10), () -> closes.contains("9 RESET"));
        assertThat(strataStates).containsExactly("SYN-RECEIVED", "ESTABLISHED", "CLOSED");
        assertThat(host.call(() -> host.host().tcp().connectionCount())).isZero();
        assertThat(host.call(() -> host.services().counters(SimpleService.DISCARD).reset))
                .isEqualTo(1);
        assertThat(host.call(() -> host.services().counters(SimpleService.DISCARD).octetsIn))
                .isEqualTo(1000);
        List<Seg> segs = segments();
        List<Seg> resets = segs.stream().filter(Seg::rst).toList();
        assertThat(resets).hasSize(1);
        Seg rst = resets.getFirst();
        assertThat(rst.from(KERNEL)).isTrue();
        assertThat(rst.seq()).isEqualTo(1001); // exactly RCV.NXT, so Strata takes it (RFC 5961 §3.2)
        assertThat(segs).noneMatch(s -> s.fin());
        assertThat(segs.getLast()).isEqualTo(rst); // Strata sends nothing after it
    }
}
