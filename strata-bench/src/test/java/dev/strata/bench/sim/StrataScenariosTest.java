package dev.strata.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The ns-3 scenarios in Strata at small sizes: each completes, and the simulated results follow from the model
 * (link rates, delays, segment sizes), as they do for ns-3. No timing is asserted.
 */
class StrataScenariosTest {

    @Test
    void bulkOverTenGigabitsIsLinkLimitedWithWholeSegmentsAndDelayedAcks() {
        ResultLine r = StrataScenarios.bulk(5_000_000L, 0, 1);
        assertThat(r.number("rx_bytes")).isEqualTo(5_000_000);
        // 5e6 / 1448 = 3453.1: 3454 data segments, plus the SYN and the handshake's ACK.
        assertThat(r.number("data_dir_tx_pkts")).isEqualTo(3456);
        // One ACK per two segments (RFC 5681 §4.2), give or take the handshake and the first window.
        assertThat(r.number("ack_dir_tx_pkts")).isBetween(1726.0, 1732.0);
        // ns-3 with the same model finishes 50 MB at 0.041549328 s: 1502 octets per frame at 10 Gbit/s.
        assertThat(r.number("goodput_gbps")).isBetween(9.3, 9.64);
        assertThat(r.number("lost_pkts")).isZero();
    }

    @Test
    void theSameSeedGivesTheSameLossesAndCompletion() {
        ResultLine a = StrataScenarios.bulk(2_000_000L, 0.01, 7);
        ResultLine b = StrataScenarios.bulk(2_000_000L, 0.01, 7);
        assertThat(a.number("lost_pkts")).isPositive();
        for (String key : new String[] {"sim_done_s", "lost_pkts", "fast_recoveries", "rtos", "events"}) {
            assertThat(b.get(key)).as(key).isEqualTo(a.get(key));
        }
    }

    @Test
    void everyStarFlowCompletesThroughTheRouter() {
        ResultLine r = StrataScenarios.star(4, 300_000L, 1);
        assertThat(r.number("flows_done")).isEqualTo(4);
        assertThat(r.number("total_rx_bytes")).isEqualTo(1_200_000);
        assertThat(r.number("drops")).isZero();
        // Each flow crosses two 1 ms links: no flow can finish before two round trips of 4 ms.
        assertThat(r.number("fct_min_s")).isGreaterThan(0.008);
    }

    @Test
    void everyEchoComesBackAfterTwoLinkCrossings() {
        ResultLine r = StrataScenarios.udpEcho(1000, 1);
        assertThat(r.number("client_rx")).isEqualTo(1000);
        assertThat(r.number("link_tx_pkts")).isEqualTo(2000);
        // The last request leaves at 999 x 76 ns; each crossing is 76 ns on the wire (94 octets at 10 Gbit/s,
        // rounded up) plus 10 us of propagation.
        assertThat(r.number("sim_last_echo_s")).isEqualTo((999 * 76 + 2 * (76 + 10_000)) / 1e9);
    }

    @Test
    void matchingNs3AckOrderWidensTheSinksWindowByOneSegment() {
        assertThat(Ns3Model.sink(false).receiveBuffer()).isEqualTo(131072);
        assertThat(Ns3Model.sink(true).receiveBuffer()).isEqualTo(131072 + 1448);
        assertThat(Ns3Model.SEND_BUFFER).isEqualTo(90 * 1448);
    }
}
