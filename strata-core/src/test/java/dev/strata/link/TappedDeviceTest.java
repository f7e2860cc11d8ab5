package dev.strata.link;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.time.EventQueue;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TappedDeviceTest {

    @Test
    void showsEachFrameToItsTapBeforePassingItOn() {
        EventQueue q = new EventQueue();
        q.advanceTo(42);
        ImpairedDeviceTest.Recorder inner = new ImpairedDeviceTest.Recorder(q);
        List<String> seen = new ArrayList<>();
        TappedDevice dev = new TappedDevice(
                inner,
                q,
                (t, f) -> seen.add("out " + f.getInt(f.position()) + "@" + t),
                (t, f) -> seen.add("in " + f.getInt(f.position()) + "@" + t));
        List<Integer> received = new ArrayList<>();
        dev.setReceiver(f -> received.add(f.getInt(f.position())));

        ByteBuffer out = ByteBuffer.allocate(64).putInt(0, 7);
        dev.transmit(out);
        inner.receiver.receive(ByteBuffer.allocate(64).putInt(0, 9));

        assertThat(seen).containsExactly("out 7@42", "in 9@42");
        assertThat(inner.sentIds).containsExactly(7);
        assertThat(received).containsExactly(9);
        assertThat(dev.counters()).isSameAs(inner.counters());
        assertThat(dev.mac()).isEqualTo(inner.mac());
    }
}
