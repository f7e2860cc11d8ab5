package dev.strata.bench.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void parsesWhatTheNs3ScriptsPrint() {
        // The line tcp_bulk.cc printed for scenario A in the reference README's run.
        ResultLine r = ResultLine.parse("RESULT scenario=tcp_bulk wall_run_s=11.480 sim_done_s=0.830154285"
                        + " data_dir_tx_pkts=690610 ack_dir_tx_pkts=345307")
                .orElseThrow();
        assertThat(r.get("scenario")).isEqualTo("tcp_bulk");
        assertThat(r.number("sim_done_s")).isEqualTo(0.830154285);
        assertThat(r.number("data_dir_tx_pkts")).isEqualTo(690610);
        assertThat(r.number("missing")).isNaN();
        assertThat(ResultLine.parse("config: rate=10Gbps")).isEmpty();
    }

    @Test
    void printsWhatItParses() {
        ResultLine r = new ResultLine().put("scenario", "x").put("n", 3).put("t", 0.5, 3);
        assertThat(r.toString()).isEqualTo("RESULT scenario=x n=3 t=0.500");
        assertThat(ResultLine.parse(r.toString()).orElseThrow().values()).isEqualTo(r.values());
    }

    @Test
    void timeFiguresComeFromTimeVerbose() {
        String out = "RESULT scenario=udp_echo_many wall_run_s=11.41\n"
                + "\tUser time (seconds): 11.30\n"
                + "\tMaximum resident set size (kbytes): 18232\n";
        ResultLine r = Ns3Runner.withTimeFigures(Ns3Runner.parseResult(out, "udp_echo_many"), out);
        assertThat(r.number("user_s")).isEqualTo(11.30);
        assertThat(r.number("peak_rss_kb")).isEqualTo(18232);
    }
}
