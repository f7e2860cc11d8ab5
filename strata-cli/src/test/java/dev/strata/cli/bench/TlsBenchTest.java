package dev.strata.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.bench.JsseTlsPair;
import dev.strata.bench.StrataTlsPair;
import dev.strata.bench.TlsBenchPki;
import dev.strata.cli.CliRun;
import java.nio.ByteBuffer;
import java.util.List;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;
import org.junit.jupiter.api.Test;

/**
 * {@code strata bench tls}: the three implementations really do what is timed (a full handshake with the chain
 * checked, a resumption that sends no certificate, a 16 KiB record sealed and opened), and the command ends with the
 * ratio line. No timing is asserted.
 */
class TlsBenchTest {

    @Test
    void everyImplementationDoesTheWorkThatIsTimed() throws Exception {
        TlsBenchPki pki = new TlsBenchPki();
        StrataTlsPair strata = new StrataTlsPair(pki);
        int full = strata.fullHandshake();
        assertThat(full).isGreaterThan(700); // the certificate and its signature travelled
        strata.primeResumption();
        // Resumed (it throws otherwise), so no Certificate and CertificateVerify, but a ticket.
        assertThat(strata.resumedHandshake()).isNotEqualTo(full);
        assertThat(strata.sealOpen(ByteBuffer.allocate(strata.connectBulk()))).isEqualTo(16384);

        for (JsseTlsPair jsse : List.of(
                new JsseTlsPair("SSLEngine", null, pki),
                new JsseTlsPair("BCJSSE", new BouncyCastleJsseProvider(), pki))) {
            assertThat(jsse.fullHandshake()).as(jsse.name()).isGreaterThan(700);
            int record = jsse.connectBulk();
            assertThat(record).as(jsse.name()).isGreaterThan(16000);
            assertThat(jsse.sealOpen(ByteBuffer.allocate(record))).isEqualTo(record);
        }
        JsseTlsPair jdk = new JsseTlsPair("SSLEngine", null, pki);
        jdk.primeResumption();
        int fullServer = jdk.lastServerBytes();
        jdk.resumedHandshake();
        assertThat(jdk.lastServerBytes()).as("the JDK resumed").isLessThan(fullServer / 2);
    }

    @Test
    void quickRunPrintsTheFiguresAndEndsWithTheRatio() {
        CliRun r = CliRun.of("bench", "tls", "--quick");
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> lines = r.lines();
        assertThat(String.join("\n", lines))
                .contains("full handshakes/s", "resumed handshakes/s", "bulk seal+open 16 KiB, MB/s")
                .contains("Strata/SSLEngine");
        assertThat(lines.getLast()).matches("ratio=\\d+\\.\\d\\d");
    }
}
