package dev.strata.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceTest {

    @Test
    void noneIsDisabledAndOfNothingIsNone() {
        assertThat(Trace.NONE.enabled()).isFalse();
        assertThat(Trace.of()).isSameAs(Trace.NONE);
        assertThat(Trace.of(new RecordingSink()).enabled()).isTrue();
    }

    @Test
    void fansEveryEventOutToEverySinkInOrder() {
        List<String> seen = new ArrayList<>();
        TraceSink a = new TraceSink() {
            @Override
            public void packet(long t, String node, String iface, Direction d, ByteBuffer frame) {
                seen.add("a packet " + t + " " + node + "." + iface + " " + d + " " + frame.remaining());
            }

            @Override
            public void note(long t, String node, String text) {
                seen.add("a note " + text);
            }
        };
        RecordingSink b = new RecordingSink();
        Trace trace = Trace.of(a, b);
        trace.packet(5, "h", "eth0", Direction.INBOUND, ByteBuffer.wrap(new byte[] {1, 2}));
        trace.tcpState(6, "h", "c", "CLOSED", "SYN-SENT");
        trace.message(7, "Client", "Server", "ClientHello");
        trace.note(8, "h", "hi");
        assertThat(seen).containsExactly("a packet 5 h.eth0 INBOUND 2", "a note hi");
        assertThat(b.events())
                .hasSize(4)
                .element(1)
                .isEqualTo(new TraceEvent.TcpState(6, "h", "c", "CLOSED", "SYN-SENT"));
        assertThat(b.events().get(2)).isEqualTo(new TraceEvent.Message(7, "Client", "Server", "ClientHello"));
        assertThat(b.events().get(3)).isEqualTo(new TraceEvent.Note(8, "h", "hi"));
    }

    @Test
    void recordingCopiesFramesAndLeavesTheBufferAlone() {
        RecordingSink r = new RecordingSink();
        byte[] bytes = {0, 1, 2, 3, 4};
        ByteBuffer frame = ByteBuffer.wrap(bytes).position(1).limit(4);
        r.packet(1, "h", "eth0", Direction.OUTBOUND, frame);
        bytes[2] = 99;
        assertThat(frame.position()).isEqualTo(1);
        assertThat(frame.limit()).isEqualTo(4);
        TraceEvent.Packet p = r.packets().getFirst();
        assertThat(p.frame()).containsExactly(1, 2, 3);
        assertThat(p.buffer().isReadOnly()).isTrue();
        assertThat(r.tcpStates()).isEmpty();
        r.clear();
        assertThat(r.events()).isEmpty();
    }

    @Test
    void closeAndFlushReachEverySinkAndReportTheFirstFailure() {
        List<String> closed = new ArrayList<>();
        TraceSink failing = new TraceSink() {
            @Override
            public void packet(long t, String n, String i, Direction d, ByteBuffer f) {}

            @Override
            public void flush() throws IOException {
                throw new IOException("flush 1");
            }

            @Override
            public void close() throws IOException {
                closed.add("1");
                throw new IOException("close 1");
            }
        };
        TraceSink failingToo = new TraceSink() {
            @Override
            public void packet(long t, String n, String i, Direction d, ByteBuffer f) {}

            @Override
            public void close() throws IOException {
                closed.add("2");
                throw new IOException("close 2");
            }
        };
        Trace trace = Trace.of(failing, failingToo);
        assertThatThrownBy(trace::flush).hasMessage("flush 1");
        assertThatThrownBy(trace::close)
                .hasMessage("close 1")
                .satisfies(e -> assertThat(e.getSuppressed())
                        .extracting(Throwable::getMessage)
                        .containsExactly("close 2"));
        assertThat(closed).containsExactly("1", "2");
    }

    @Test
    void aDisabledTraceCostsNoAllocation() {
        Trace trace = Trace.NONE;
        ByteBuffer frame = TestFrames.udpFrame();
        long bytes = Allocations.bytesAllocatedBy(() -> {
            for (int i = 0; i < 100_000; i++) {
                if (trace.enabled()) {
                    trace.packet(i, "h", "eth0", Direction.OUTBOUND, frame);
                }
                trace.packet(i, "h", "eth0", Direction.OUTBOUND, frame);
            }
        });
        assertThat(bytes).isLessThan(1024);
    }

    @Test
    void theAllocationMeterSeesAllocations() {
        Object[] keep = new Object[1];
        long bytes = Allocations.bytesAllocatedBy(() -> {
            for (int i = 0; i < 1000; i++) {
                keep[0] = new byte[1000];
            }
        });
        assertThat(bytes).isGreaterThanOrEqualTo(1000L * 1000);
    }

    @Test
    void traceTimeHasNineDecimals() {
        assertThat(TraceTime.format(1_234_567)).isEqualTo("0.001234567");
        assertThat(TraceTime.format(0)).isEqualTo("0.000000000");
        assertThat(TraceTime.format(12_000_000_001L)).isEqualTo("12.000000001");
        assertThat(TraceTime.format(-1)).isEqualTo("-0.000000001");
        assertThat(TraceTime.format(Long.MIN_VALUE)).isEqualTo("-9223372036.854775808");
        assertThat(TraceTime.format(Long.MAX_VALUE)).isEqualTo("9223372036.854775807");
    }
}
