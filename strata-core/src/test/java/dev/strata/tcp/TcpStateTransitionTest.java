package dev.strata.tcp;

import static dev.strata.tcp.ScriptedPeer.DUT;
import static dev.strata.tcp.ScriptedPeer.DUT_PORT;
import static dev.strata.tcp.ScriptedPeer.PEER;
import static dev.strata.tcp.ScriptedPeer.PEER_PORT;
import static dev.strata.wire.TcpFlags.ACK_BIT;
import static dev.strata.wire.TcpFlags.FIN_BIT;
import static dev.strata.wire.TcpFlags.RST_BIT;
import static dev.strata.wire.TcpFlags.SYN_BIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One row per RFC 9293 §3.10 state transition: bring the device under test to a state with a script of segments,
 * apply one input (a segment from the peer, a user call, or time), and check exactly what the device sent and which
 * state it is in. The peer's ISN is the seed notes' 8633 and the device's is 303 (passive) or 8633 (active, the
 * peer then being at 303).
 */
class TcpStateTransitionTest {

    /** The device under test with its connection, for user calls. */
    static final class Dut {
        final ScriptedPeer p = new ScriptedPeer(1);
        TcpConnection conn;
        TcpListener listener;

        void listen() {
            listener = p.dut.tcp().listen(DUT, DUT_PORT, 8, TcpConfig.DEFAULT.withIsn(303));
            listener.onAccept(c -> conn = c);
        }

        void connect() {
            conn = p.dut.tcp()
                    .connect(DUT, DUT_PORT, PEER, PEER_PORT, TcpConfig.DEFAULT.withIsn(8633), new TcpHandler() {});
            p.settle();
        }

        String last() {
            return p.states.isEmpty() ? "-" : p.states.getLast();
        }
    }

    // ---- the ways into each state -------------------------------------------------------------------------------

    static void listen(Dut d) {
        d.listen();
    }

    static void synReceived(Dut d) {
        d.listen();
        d.p.send(SYN_BIT, 8633, 0);
    }

    static void establishedPassive(Dut d) {
        synReceived(d);
        d.p.send(ACK_BIT, 8634, 304);
    }

    static void closeWait(Dut d) {
        establishedPassive(d);
        d.p.send(FIN_BIT | ACK_BIT, 8634, 304);
    }

    static void lastAck(Dut d) {
        closeWait(d);
        d.conn.close();
        d.p.settle();
    }

    static void synSent(Dut d) {
        d.connect();
    }

    static void establishedActive(Dut d) {
        synSent(d);
        d.p.send(SYN_BIT | ACK_BIT, 303, 8634);
    }

    static void finWait1(Dut d) {
        establishedActive(d);
        d.conn.close();
        d.p.settle();
    }

    static void finWait2(Dut d) {
        finWait1(d);
        d.p.send(ACK_BIT, 304, 8635);
    }

    static void closing(Dut d) {
        finWait1(d);
        d.p.send(FIN_BIT | ACK_BIT, 304, 8634);
    }

    static void timeWait(Dut d) {
        finWait2(d);
        d.p.send(FIN_BIT | ACK_BIT, 304, 8635);
    }

    static void closed(Dut d) {}

    // ---- inputs -------------------------------------------------------------------------------------------------

    static Consumer<Dut> seg(int flags, long seq, long ack) {
        return d -> d.p.send(flags, seq, ack);
    }

    static Consumer<Dut> close() {
        return d -> {
            d.conn.close();
            d.p.settle();
        };
    }

    static Consumer<Dut> abort() {
        return d -> {
            d.conn.abort();
            d.p.settle();
        };
    }

    static Consumer<Dut> after(long nanos) {
        return d -> d.p.sim.runFor(nanos);
    }

    private static Arguments row(
            String name, Consumer<Dut> from, Consumer<Dut> input, List<String> expectedSent, String expectedState) {
        return Arguments.of(Named.of(name, from), input, expectedSent, expectedState);
    }

    static Stream<Arguments> transitions() {
        long msl2 = 2 * TcpConfig.DEFAULT.mslNanos();
        return Stream.of(
                // CLOSED (no TCB): RFC 9293 §3.10.7.1
                row(
                        "CLOSED + SYN -> RST,ACK",
                        TcpStateTransitionTest::closed,
                        seg(SYN_BIT, 100, 0),
                        List.of("[R.] 0 101"),
                        "-"),
                row(
                        "CLOSED + ACK -> RST seq=SEG.ACK",
                        TcpStateTransitionTest::closed,
                        seg(ACK_BIT, 5, 777),
                        List.of("[R] 777 0"),
                        "-"),
                row("CLOSED + RST -> nothing", TcpStateTransitionTest::closed, seg(RST_BIT, 5, 0), List.of(), "-"),
                // LISTEN: §3.10.7.2
                row(
                        "LISTEN + SYN -> SYN,ACK, SYN-RECEIVED",
                        TcpStateTransitionTest::listen,
                        seg(SYN_BIT, 8633, 0),
                        List.of("[S.] 303 8634"),
                        "SYN-RECEIVED"),
                row(
                        "LISTEN + ACK -> RST",
                        TcpStateTransitionTest::listen,
                        seg(ACK_BIT, 8634, 999),
                        List.of("[R] 999 0"),
                        "-"),
                row("LISTEN + RST -> ignored", TcpStateTransitionTest::listen, seg(RST_BIT, 8634, 0), List.of(), "-"),
                // SYN-RECEIVED
                row(
                        "SYN-RECEIVED + ACK -> ESTABLISHED",
                        TcpStateTransitionTest::synReceived,
                        seg(ACK_BIT, 8634, 304),
                        List.of(),
                        "ESTABLISHED"),
                row(
                        "SYN-RECEIVED + RST -> CLOSED (back to LISTEN)",
                        TcpStateTransitionTest::synReceived,
                        seg(RST_BIT, 8634, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "SYN-RECEIVED + bad ACK -> RST",
                        TcpStateTransitionTest::synReceived,
                        seg(ACK_BIT, 8634, 999),
                        List.of("[R] 999 0"),
                        "SYN-RECEIVED"),
                row(
                        "SYN-RECEIVED + duplicate SYN -> SYN,ACK again",
                        TcpStateTransitionTest::synReceived,
                        seg(SYN_BIT, 8633, 0),
                        List.of("[S.] 303 8634"),
                        "SYN-RECEIVED"),
                // SYN-SENT: §3.10.7.3
                row(
                        "SYN-SENT + SYN,ACK -> ACK, ESTABLISHED",
                        TcpStateTransitionTest::synSent,
                        seg(SYN_BIT | ACK_BIT, 303, 8634),
                        List.of("[.] 8634 304"),
                        "ESTABLISHED"),
                row(
                        "SYN-SENT + SYN -> SYN,ACK, SYN-RECEIVED (simultaneous open)",
                        TcpStateTransitionTest::synSent,
                        seg(SYN_BIT, 303, 0),
                        List.of("[S.] 8633 304"),
                        "SYN-RECEIVED"),
                row(
                        "SYN-SENT + RST,ACK -> CLOSED (refused)",
                        TcpStateTransitionTest::synSent,
                        seg(RST_BIT | ACK_BIT, 0, 8634),
                        List.of(),
                        "CLOSED"),
                row(
                        "SYN-SENT + RST without ACK -> ignored",
                        TcpStateTransitionTest::synSent,
                        seg(RST_BIT, 0, 0),
                        List.of(),
                        "SYN-SENT"),
                row(
                        "SYN-SENT + unacceptable ACK -> RST",
                        TcpStateTransitionTest::synSent,
                        seg(SYN_BIT | ACK_BIT, 303, 5000),
                        List.of("[R] 5000 0"),
                        "SYN-SENT"),
                // ESTABLISHED: §3.10.7.4 with RFC 5961
                row(
                        "ESTABLISHED + FIN -> ACK, CLOSE-WAIT",
                        TcpStateTransitionTest::establishedPassive,
                        seg(FIN_BIT | ACK_BIT, 8634, 304),
                        List.of("[.] 304 8635"),
                        "CLOSE-WAIT"),
                row(
                        "ESTABLISHED + RST at RCV.NXT -> CLOSED",
                        TcpStateTransitionTest::establishedPassive,
                        seg(RST_BIT, 8634, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "ESTABLISHED + RST in window -> challenge ACK",
                        TcpStateTransitionTest::establishedPassive,
                        seg(RST_BIT, 8700, 0),
                        List.of("[.] 304 8634"),
                        "ESTABLISHED"),
                row(
                        "ESTABLISHED + RST outside window -> dropped",
                        TcpStateTransitionTest::establishedPassive,
                        seg(RST_BIT, 8633 + 1_000_000, 0),
                        List.of(),
                        "ESTABLISHED"),
                row(
                        "ESTABLISHED + SYN -> challenge ACK",
                        TcpStateTransitionTest::establishedPassive,
                        seg(SYN_BIT, 9000, 0),
                        List.of("[.] 304 8634"),
                        "ESTABLISHED"),
                row(
                        "ESTABLISHED + ACK of unsent data -> challenge ACK",
                        TcpStateTransitionTest::establishedPassive,
                        seg(ACK_BIT, 8634, 999_999),
                        List.of("[.] 304 8634"),
                        "ESTABLISHED"),
                row(
                        "ESTABLISHED + segment beyond the window -> ACK",
                        TcpStateTransitionTest::establishedPassive,
                        seg(ACK_BIT, 8634 + 200_000, 304),
                        List.of("[.] 304 8634"),
                        "ESTABLISHED"),
                row(
                        "ESTABLISHED + close -> FIN, FIN-WAIT-1",
                        TcpStateTransitionTest::establishedActive,
                        close(),
                        List.of("[F.] 8634 304"),
                        "FIN-WAIT-1"),
                row(
                        "ESTABLISHED + abort -> RST, CLOSED",
                        TcpStateTransitionTest::establishedPassive,
                        abort(),
                        List.of("[R] 304 0"),
                        "CLOSED"),
                // Closing: four-way and simultaneous close
                row(
                        "FIN-WAIT-1 + ACK of FIN -> FIN-WAIT-2",
                        TcpStateTransitionTest::finWait1,
                        seg(ACK_BIT, 304, 8635),
                        List.of(),
                        "FIN-WAIT-2"),
                row(
                        "FIN-WAIT-1 + FIN -> ACK, CLOSING (simultaneous close)",
                        TcpStateTransitionTest::finWait1,
                        seg(FIN_BIT | ACK_BIT, 304, 8634),
                        List.of("[.] 8635 305"),
                        "CLOSING"),
                row(
                        "FIN-WAIT-1 + FIN,ACK of FIN -> ACK, TIME-WAIT",
                        TcpStateTransitionTest::finWait1,
                        seg(FIN_BIT | ACK_BIT, 304, 8635),
                        List.of("[.] 8635 305"),
                        "TIME-WAIT"),
                row(
                        "FIN-WAIT-2 + FIN -> ACK, TIME-WAIT",
                        TcpStateTransitionTest::finWait2,
                        seg(FIN_BIT | ACK_BIT, 304, 8635),
                        List.of("[.] 8635 305"),
                        "TIME-WAIT"),
                row(
                        "CLOSING + ACK of FIN -> TIME-WAIT",
                        TcpStateTransitionTest::closing,
                        seg(ACK_BIT, 305, 8635),
                        List.of(),
                        "TIME-WAIT"),
                row(
                        "CLOSE-WAIT + close -> FIN, LAST-ACK",
                        TcpStateTransitionTest::closeWait,
                        close(),
                        List.of("[F.] 304 8635"),
                        "LAST-ACK"),
                row(
                        "LAST-ACK + ACK of FIN -> CLOSED",
                        TcpStateTransitionTest::lastAck,
                        seg(ACK_BIT, 8635, 305),
                        List.of(),
                        "CLOSED"),
                row(
                        "TIME-WAIT + retransmitted FIN -> ACK again",
                        TcpStateTransitionTest::timeWait,
                        seg(FIN_BIT | ACK_BIT, 304, 8635),
                        List.of("[.] 8635 305"),
                        "TIME-WAIT"),
                row(
                        "TIME-WAIT + 2*MSL -> CLOSED",
                        TcpStateTransitionTest::timeWait,
                        after(msl2 + 1),
                        List.of(),
                        "CLOSED"),
                // RST in each remaining state (exact sequence number)
                row(
                        "FIN-WAIT-1 + RST -> CLOSED",
                        TcpStateTransitionTest::finWait1,
                        seg(RST_BIT, 304, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "FIN-WAIT-2 + RST -> CLOSED",
                        TcpStateTransitionTest::finWait2,
                        seg(RST_BIT, 304, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "CLOSE-WAIT + RST -> CLOSED",
                        TcpStateTransitionTest::closeWait,
                        seg(RST_BIT, 8635, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "CLOSING + RST -> CLOSED",
                        TcpStateTransitionTest::closing,
                        seg(RST_BIT, 305, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "LAST-ACK + RST -> CLOSED",
                        TcpStateTransitionTest::lastAck,
                        seg(RST_BIT, 8635, 0),
                        List.of(),
                        "CLOSED"),
                row(
                        "TIME-WAIT + RST -> ignored (RFC 1337)",
                        TcpStateTransitionTest::timeWait,
                        seg(RST_BIT, 305, 0),
                        List.of(),
                        "TIME-WAIT"),
                row(
                        "SYN-RECEIVED + RST in window but not exact -> challenge ACK",
                        TcpStateTransitionTest::synReceived,
                        seg(RST_BIT, 8640, 0),
                        List.of("[.] 304 8634"),
                        "SYN-RECEIVED"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transitions")
    void transition(Consumer<Dut> from, Consumer<Dut> input, List<String> expectedSent, String expectedState) {
        Dut d = new Dut();
        from.accept(d);
        d.p.take();
        input.accept(d);
        List<String> sent = new ArrayList<>();
        for (ScriptedPeer.Sent s : d.p.take()) {
            sent.add(s.flagString() + " " + s.seq() + " " + s.ack());
        }
        assertThat(sent).as("segments sent").isEqualTo(expectedSent);
        assertThat(d.last()).as("state").isEqualTo(expectedState);
    }

    @org.junit.jupiter.api.Test
    void pawsDropsASegmentWithAnOldTimestamp() {
        Dut d = new Dut();
        d.listen();
        var ts = new dev.strata.wire.TcpOption.Timestamps(1000, 0);
        d.p.send(SYN_BIT, 8633, 0, 65535, new byte[0], ts);
        long iss = d.p.take().getFirst().seq();
        d.p.send(ACK_BIT, 8634, iss + 1, 65535, new byte[0], new dev.strata.wire.TcpOption.Timestamps(1001, 0));
        d.p.send(
                ACK_BIT | dev.strata.wire.TcpFlags.PSH_BIT,
                8634,
                iss + 1,
                65535,
                "hello".getBytes(),
                new dev.strata.wire.TcpOption.Timestamps(2000, 0));
        assertThat(d.conn.available()).isEqualTo(5);
        d.p.take();
        // RFC 7323 §5.3: TSval 1500 < TS.Recent 2000: an old duplicate; dropped, acknowledged, not delivered.
        d.p.send(
                ACK_BIT | dev.strata.wire.TcpFlags.PSH_BIT,
                8639,
                iss + 1,
                65535,
                "world".getBytes(),
                new dev.strata.wire.TcpOption.Timestamps(1500, 0));
        assertThat(d.conn.available()).isEqualTo(5);
        assertThat(d.p.take()).singleElement().satisfies(s -> {
            assertThat(s.flagString()).isEqualTo("[.]");
            assertThat(s.ack()).isEqualTo(8639);
        });
        assertThat(d.p.dut.tcp().counters.pawsRejected).isEqualTo(1);
        // A fresh timestamp is accepted again.
        d.p.send(
                ACK_BIT | dev.strata.wire.TcpFlags.PSH_BIT,
                8639,
                iss + 1,
                65535,
                "world".getBytes(),
                new dev.strata.wire.TcpOption.Timestamps(2001, 0));
        assertThat(d.conn.available()).isEqualTo(10);
    }
}
