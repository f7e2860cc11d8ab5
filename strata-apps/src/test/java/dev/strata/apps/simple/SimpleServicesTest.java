package dev.strata.apps.simple;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.host.Host;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.tcp.TcpState;
import dev.strata.udp.UdpSocket;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The simple services on a simulated network, against Strata's own TCP and UDP clients. */
class SimpleServicesTest {

    private static final Ip4 SERVER = Ip4.parse("192.0.2.2");
    private static final Instant WHEN = Instant.parse("1982-02-22T17:37:43Z");
    private static final long SECOND = 1_000_000_000L;

    private final Simulation sim = new Simulation(4);
    private final Host client = sim.addHost("client");
    private final Host server = sim.addHost("server");
    private final SimpleServices services;
    private final List<String> closes = new ArrayList<>();

    SimpleServicesTest() {
        sim.connect(client, "eth0", "192.0.2.1/24", server, "eth0", "192.0.2.2/24", LinkParams.GIGABIT);
        services = SimpleServices.start(server, List.of(SimpleService.values()), InstantSource.fixed(WHEN));
        services.onClosed((c, r) -> closes.add(c.localPort() + " " + r));
    }

    private static ByteBuffer random(int n, long seed) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return ByteBuffer.wrap(b);
    }

    private BulkClient bulk(int port, ByteBuffer data) {
        BulkClient[] done = new BulkClient[1];
        BulkClient c = BulkClient.start(client, SERVER, port, data, b -> done[0] = b);
        assertThat(sim.runUntil(() -> done[0] != null, sim.now() + 120 * SECOND))
                .as("transfer to port %d finished", port)
                .isTrue();
        sim.runFor(SECOND); // the last ACK reaches the server
        return c;
    }

    @Test
    void echoSendsEveryOctetBackAndClosesAfterThePeer() {
        ByteBuffer data = random(3_000_000, 1);
        BulkClient c = bulk(7, data);
        assertThat(c.closeReason()).isEqualTo(CloseReason.NORMAL);
        assertThat(c.sent()).isEqualTo(3_000_000);
        assertThat(c.received()).isEqualTo(3_000_000);
        assertThat(c.receivedSha256()).isEqualTo(BulkClient.sha256(data));
        ServiceCounters echo = services.counters(SimpleService.ECHO);
        assertThat(echo.accepted).isEqualTo(1);
        assertThat(echo.octetsIn).isEqualTo(3_000_000);
        assertThat(echo.octetsOut).isEqualTo(3_000_000);
        // The client closed first and waits in TIME-WAIT; the server's side ended with LAST-ACK -> CLOSED.
        assertThat(closes).containsExactly("7 NORMAL");
        assertThat(echo.closedNormally).isEqualTo(1);
    }

    @Test
    void echoSurvivesALossyLink() {
        Simulation lossy = new Simulation(9);
        Host a = lossy.addHost("a");
        Host b = lossy.addHost("b");
        lossy.connect(
                a,
                "eth0",
                "192.0.2.1/24",
                b,
                "eth0",
                "192.0.2.2/24",
                LinkParams.parse("loss=5%,delay=2ms,jitter=1ms", LinkParams.GIGABIT));
        SimpleServices s = SimpleServices.start(b, List.of(SimpleService.ECHO), InstantSource.fixed(WHEN));
        ByteBuffer data = random(300_000, 2);
        BulkClient[] done = new BulkClient[1];
        BulkClient c = BulkClient.start(a, SERVER, 7, data, x -> done[0] = x);
        assertThat(lossy.runUntil(() -> done[0] != null, 600 * SECOND)).isTrue();
        lossy.runFor(10 * SECOND); // the last ACK (or its retransmission) reaches the server
        assertThat(c.closeReason()).isEqualTo(CloseReason.NORMAL);
        assertThat(c.receivedSha256()).isEqualTo(BulkClient.sha256(data));
        assertThat(s.counters(SimpleService.ECHO).closedNormally).isEqualTo(1);
    }

    @Test
    void discardCountsAndAnswersNothing() {
        BulkClient c = bulk(9, random(1_000_000, 3));
        assertThat(c.closeReason()).isEqualTo(CloseReason.NORMAL);
        assertThat(c.received()).isZero();
        assertThat(services.counters(SimpleService.DISCARD).octetsIn).isEqualTo(1_000_000);
        assertThat(services.counters(SimpleService.DISCARD).octetsOut).isZero();
    }

    @Test
    void daytimeSendsTheDateAsRfc867SuggestsThenClosesFirst() {
        List<String> states = new ArrayList<>();
        server.tcp().addObserver((c, from, to) -> states.add(to.rfcName()));
        BulkClient[] done = new BulkClient[1];
        BulkClient c = BulkClient.receiveOnly(client, SERVER, 13, b -> done[0] = b);
        assertThat(sim.runUntil(() -> done[0] != null, sim.now() + 60 * SECOND)).isTrue();
        assertThat(c.closeReason()).isEqualTo(CloseReason.NORMAL);
        assertThat(c.received()).isEqualTo("Monday, February 22, 1982 17:37:43-UTC\r\n".length());
        assertThat(c.receivedSha256())
                .isEqualTo(BulkClient.sha256(
                        StandardCharsets.US_ASCII.encode("Monday, February 22, 1982 17:37:43-UTC\r\n")));
        // The server closed first: FIN-WAIT-1, FIN-WAIT-2, TIME-WAIT.
        assertThat(states).containsSubsequence("ESTABLISHED", "FIN-WAIT-1", "FIN-WAIT-2", "TIME-WAIT");
    }

    @Test
    void chargenStreamsTheRotatingPatternUntilThePeerCloses() {
        ByteBuffer got = ByteBuffer.allocate(20_000);
        TcpConnection[] conn = new TcpConnection[1];
        CloseReason[] reason = new CloseReason[1];
        conn[0] = client.connect(SERVER, 19, new TcpHandler() {
            @Override
            public void readable(TcpConnection c) {
                if (got.hasRemaining()) {
                    c.read(got);
                    if (!got.hasRemaining()) {
                        c.shutdownOutput(); // enough: the peer closes in turn
                    }
                } else {
                    ByteBuffer rest = ByteBuffer.allocate(64 * 1024);
                    while (c.read(rest.clear()) > 0) {}
                    if (c.read(rest.clear()) < 0) {
                        c.close();
                    }
                }
            }

            @Override
            public void closed(TcpConnection c, CloseReason r) {
                reason[0] = r;
            }
        });
        // The client closed first, so it ends in TIME-WAIT (then CLOSED after 2 MSL).
        assertThat(sim.runUntil(() -> conn[0].state() == TcpState.TIME_WAIT, sim.now() + 60 * SECOND))
                .isTrue();
        sim.runFor(61 * SECOND);
        assertThat(reason[0]).isEqualTo(CloseReason.NORMAL);
        String text = new String(got.array(), StandardCharsets.US_ASCII);
        String[] lines = text.split("\r\n", -1);
        assertThat(lines[0]).isEqualTo(" !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefg");
        assertThat(lines[1]).isEqualTo("!\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefgh");
        for (int i = 0; i < lines.length - 1; i++) {
            assertThat(lines[i]).hasSize(72);
            assertThat(lines[i].charAt(0)).isEqualTo((char) (32 + i % 95));
        }
        assertThat(services.counters(SimpleService.CHARGEN).closedNormally).isEqualTo(1);
    }

    @Test
    void udpServicesAnswerEachDatagram() {
        List<String> answers = new ArrayList<>();
        UdpSocket u = client.openUdp(40000);
        u.onReceive((src, port, payload) ->
                answers.add(port + ":" + StandardCharsets.US_ASCII.decode(payload.duplicate())));
        for (int port : new int[] {7, 9, 13, 19}) {
            u.send(SERVER, port, StandardCharsets.US_ASCII.encode("hello"));
        }
        sim.runFor(SECOND);
        assertThat(answers).hasSize(3);
        assertThat(answers.get(0)).isEqualTo("7:hello");
        assertThat(answers.get(1)).isEqualTo("13:Monday, February 22, 1982 17:37:43-UTC\r\n");
        assertThat(answers.get(2)).startsWith("19:");
        assertThat(answers.get(2).length() - 3).isBetween(0, 512);
        assertThat(services.counters(SimpleService.DISCARD).datagramsIn).isEqualTo(1);
        assertThat(services.counters(SimpleService.DISCARD).datagramsOut).isZero();
    }

    @Test
    void udpDatagramsFromAServicePortGetNoAnswerSoTwoServicesCannotPingPong() {
        List<String> answers = new ArrayList<>();
        UdpSocket chargenPort = client.openUdp(19);
        chargenPort.onReceive((src, port, payload) -> answers.add("to 19 from " + port));
        chargenPort.send(SERVER, 7, StandardCharsets.US_ASCII.encode("loop?"));
        UdpSocket echoPort = client.openUdp(7);
        echoPort.onReceive((src, port, payload) -> answers.add("to 7 from " + port));
        echoPort.send(SERVER, 19, StandardCharsets.US_ASCII.encode("loop?"));
        sim.runFor(SECOND);
        assertThat(answers).isEmpty();
        assertThat(services.counters(SimpleService.ECHO).datagramsRefused).isEqualTo(1);
        assertThat(services.counters(SimpleService.CHARGEN).datagramsRefused).isEqualTo(1);
    }

    @Test
    void anOrderlyStopSendsAFinOnEveryOpenConnection() {
        List<String> clientStates = new ArrayList<>();
        TcpConnection[] conns = new TcpConnection[2];
        for (int i = 0; i < 2; i++) {
            int k = i;
            conns[i] = client.connect(SERVER, i == 0 ? 7 : 19, new TcpHandler() {
                @Override
                public void readable(TcpConnection c) {
                    ByteBuffer b = ByteBuffer.allocate(64 * 1024);
                    int n;
                    while ((n = c.read(b.clear())) > 0) {}
                    if (n < 0) {
                        clientStates.add(k + " EOF");
                        c.close();
                    }
                }
            });
        }
        ByteBuffer data = random(10_000, 5);
        conns[0].write(data);
        sim.runFor(SECOND / 10);
        assertThat(services.connections()).hasSize(2);
        assertThat(services.finished()).isFalse();

        services.stopConnections();
        services.close();
        assertThat(sim.runUntil(services::finished, sim.now() + 30 * SECOND)).isTrue();
        sim.runFor(SECOND);
        assertThat(clientStates).containsExactlyInAnyOrder("0 EOF", "1 EOF");
        assertThat(conns[0].state()).isEqualTo(TcpState.CLOSED);
        assertThat(conns[1].state()).isEqualTo(TcpState.CLOSED);
        assertThat(closes).hasSize(0); // the server closed first: its sides wait in TIME-WAIT
        assertThat(services.unfinished()).isZero();
        // New connections are refused once stopped.
        CloseReason[] r = new CloseReason[1];
        client.connect(SERVER, 7, new TcpHandler() {
            @Override
            public void closed(TcpConnection c, CloseReason why) {
                r[0] = why;
            }
        });
        sim.runFor(SECOND);
        assertThat(r[0]).isEqualTo(CloseReason.REFUSED);
    }

    @Test
    void serviceNamesParse() {
        assertThat(SimpleService.parseList("echo,DISCARD, daytime,chargen,echo"))
                .containsExactly(
                        SimpleService.ECHO, SimpleService.DISCARD, SimpleService.DAYTIME, SimpleService.CHARGEN);
        assertThatThrownBy(() -> SimpleService.parseList("echo,ftp"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown service 'ftp' (known: echo, discard, daytime, chargen)");
        assertThatThrownBy(() -> SimpleService.parseList("echo,,discard"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("empty service name");
        assertThat(SimpleService.ECHO.port()).isEqualTo(7);
        assertThat(SimpleService.CHARGEN.port()).isEqualTo(19);
    }

    @Test
    void aTakenPortLeavesNothingRunning() {
        Host h = sim.addHost("other");
        h.listen(9);
        assertThatThrownBy(() -> SimpleServices.start(
                        h, List.of(SimpleService.ECHO, SimpleService.DISCARD), InstantSource.fixed(WHEN)))
                .isInstanceOf(IllegalStateException.class);
        // echo was started before discard failed, and was closed again: port 7 is free.
        h.listen(7);
    }
}
