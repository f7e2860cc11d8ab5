package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.time.EventQueue;
import dev.strata.wire.MacAddr;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ImpairedDeviceTest {

    /** A device that records what is sent through it and lets the test deliver frames as if received. */
    static final class Recorder implements NetDevice {
        final List<Long> sentAt = new ArrayList<>();
        final List<Integer> sentIds = new ArrayList<>();
        final DeviceCounters counters = new DeviceCounters();
        final EventQueue clock;
        FrameReceiver receiver;

        Recorder(EventQueue clock) {
            this.clock = clock;
        }

        @Override
        public String name() {
            return "tap9";
        }

        @Override
        public MacAddr mac() {
            return MacAddr.parse("02:00:00:00:00:09");
        }

        @Override
        public int mtu() {
            return 1500;
        }

        @Override
        public void transmit(ByteBuffer frame) {
            sentAt.add(clock.nanos());
            sentIds.add(frame.getInt(frame.position()));
        }

        @Override
        public void setReceiver(FrameReceiver r) {
            receiver = r;
        }

        @Override
        public DeviceCounters counters() {
            return counters;
        }
    }

    private static ByteBuffer frame(int id) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt(0, id);
        return b;
    }

    @Test
    void delaysBothDirectionsAndPassesTheIdentityThrough() {
        EventQueue q = new EventQueue();
        Recorder tap = new Recorder(q);
        LinkParams p = LinkParams.parse("delay=20ms", LinkParams.IDEAL);
        ImpairedDevice dev = ImpairedDevice.symmetric(tap, q, new SplittableRandom(1), p);
        List<Long> receivedAt = new ArrayList<>();
        List<Integer> receivedIds = new ArrayList<>();
        dev.setReceiver(f -> {
            receivedAt.add(q.nanos());
            receivedIds.add(f.getInt(f.position()));
        });
        assertThat(dev.name()).isEqualTo("tap9");
        assertThat(dev.mac()).isEqualTo(tap.mac());
        assertThat(dev.mtu()).isEqualTo(1500);

        dev.transmit(frame(1));
        tap.receiver.receive(frame(2));
        assertThat(tap.sentIds).isEmpty();
        assertThat(receivedIds).isEmpty();
        while (q.runNext()) {}

        assertThat(tap.sentIds).containsExactly(1);
        assertThat(tap.sentAt).containsExactly(20_000_000L);
        assertThat(receivedIds).containsExactly(2);
        assertThat(receivedAt).containsExactly(20_000_000L);
        assertThat(dev.counters().txFrames).isEqualTo(1);
        assertThat(dev.counters().rxFrames).isEqualTo(1);
        assertThat(dev.counters().txDropped + dev.counters().rxDropped).isZero();
    }

    @Test
    void lossIsCountedPerDirectionAndSeedsReplay() {
        assertThat(run(7)).isEqualTo(run(7)).isNotEqualTo(run(8));
        EventQueue q = new EventQueue();
        Recorder tap = new Recorder(q);
        ImpairedDevice dev = new ImpairedDevice(
                tap, q, new SplittableRandom(3), LinkParams.parse("loss=100%", LinkParams.IDEAL), LinkParams.IDEAL);
        int[] got = {0};
        dev.setReceiver(f -> got[0]++);
        for (int i = 0; i < 10; i++) {
            dev.transmit(frame(i));
            tap.receiver.receive(frame(i));
        }
        while (q.runNext()) {}
        assertThat(tap.sentIds).isEmpty();
        assertThat(got[0]).isEqualTo(10);
        assertThat(dev.counters().txDropped).isEqualTo(10);
        assertThat(dev.outbound().counters().lost).isEqualTo(10);
        assertThat(dev.inbound().counters().delivered).isEqualTo(10);
    }

    private static List<String> run(long seed) {
        EventQueue q = new EventQueue();
        Recorder tap = new Recorder(q);
        LinkParams p = LinkParams.parse("loss=5%,delay=20ms,jitter=5ms", LinkParams.IDEAL);
        ImpairedDevice dev = ImpairedDevice.symmetric(tap, q, new SplittableRandom(seed), p);
        List<String> log = new ArrayList<>();
        dev.setReceiver(f -> log.add("in " + f.getInt(0) + "@" + q.nanos()));
        for (int i = 0; i < 400; i++) {
            dev.transmit(frame(i));
            tap.receiver.receive(frame(1000 + i));
        }
        while (q.runNext()) {}
        for (int i = 0; i < tap.sentIds.size(); i++) {
            log.add("out " + tap.sentIds.get(i) + "@" + tap.sentAt.get(i));
        }
        // About 5% lost each way, and jitter spreads the arrivals around 20 ms without reordering them.
        assertThat(dev.counters().txDropped).isBetween(5L, 40L);
        assertThat(dev.counters().rxDropped).isBetween(5L, 40L);
        assertThat(tap.sentIds).isSorted();
        assertThat(tap.sentAt).allMatch(t -> t >= 15_000_000L && t <= 25_000_000L);
        return log;
    }
}
