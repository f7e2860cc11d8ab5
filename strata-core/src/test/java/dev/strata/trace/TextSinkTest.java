package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextSinkTest {

    @Test
    void printsOneLinePerEvent() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        try (Trace trace = Trace.of(new TextSink(out, new PacketLog(false)))) {
            trace.packet(1_000, "client", "eth0", Direction.OUTBOUND, TestFrames.tcpSynFrame());
            trace.tcpState(1_000, "client", "192.0.2.10:40000-198.51.100.20:80", "CLOSED", "SYN-SENT");
            trace.message(120_000, "Client", "Server", "ClientHello");
            trace.note(130_000, "server", "cwnd 14600");
            trace.packet(2_000_000, "server", "eth0", Direction.INBOUND, TestFrames.arpRequestFrame());
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                        0.000001000 client.eth0 > IP 192.0.2.10.40000 > 198.51.100.20.80: Flags [S], seq 8633, win 65535, options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0
                        0.000001000 client TCP 192.0.2.10:40000-198.51.100.20:80 CLOSED -> SYN-SENT
                        0.000120000 Client > Server: ClientHello
                        0.000130000 server: cwnd 14600
                        0.002000000 server.eth0 < ARP who-has 192.0.2.1 tell 192.0.2.10
                        """);
        assertThat(out.checkError()).isFalse();
    }

    @Test
    void closeFlushesButLeavesTheStreamOpenAndReportsStreamErrors() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8);
        TextSink sink = new TextSink(out);
        sink.note(0, "n", "before");
        assertThat(catchIo(sink::close)).isNull();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("0.000000000 n: before\n");
        out.print("still open");
        out.flush();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).endsWith("still open");

        PrintStream broken = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("gone");
            }
        });
        TextSink failing = new TextSink(broken);
        failing.note(0, "n", "x");
        assertThatThrownBy(failing::flush).isInstanceOf(IOException.class).hasMessageContaining("failed");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static IOException catchIo(IoAction a) {
        try {
            a.run();
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
