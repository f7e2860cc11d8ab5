package dev.strata.host;

import dev.strata.ip.EchoListener;
import dev.strata.ip.IcmpError;
import dev.strata.ip.SendOptions;
import dev.strata.ip.SendResult;
import dev.strata.time.Timer;
import dev.strata.wire.Ip4;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The ping tool: sends ICMP echo requests at an interval and reports each reply with its round-trip time, then a
 * summary, like iputils {@code ping -c COUNT}.
 */
public final class Ping {

    /** One line of ping's output: a reply, an error, or a timeout. */
    public sealed interface Event {
        /** The echo sequence number this event is about. */
        int sequence();
    }

    /** An echo reply. */
    public record Reply(int sequence, Ip4 from, int ttl, int bytes, long rttNanos) implements Event {}

    /** An ICMP error about a request (e.g. time exceeded, unreachable). */
    public record Error(int sequence, IcmpError error) implements Event {}

    /** A request that was never answered. */
    public record Timeout(int sequence) implements Event {}

    /**
     * What a finished ping saw.
     *
     * @param transmitted requests sent
     * @param received replies received
     * @param events every reply, error and timeout, in the order they happened
     */
    public record Summary(Ip4 destination, int transmitted, int received, List<Event> events) {
        /** The share of requests not answered, 0..1. */
        public double loss() {
            return transmitted == 0 ? 0 : 1 - (double) received / transmitted;
        }

        /** The round-trip times of the replies. */
        public List<Long> rtts() {
            return events.stream()
                    .filter(e -> e instanceof Reply)
                    .map(e -> ((Reply) e).rttNanos())
                    .toList();
        }
    }

    private final Host host;
    private final Ip4 destination;
    private final int identifier;
    private final int count;
    private final long intervalNanos;
    private final long timeoutNanos;
    private final int size;
    private final SendOptions options;
    private final Consumer<Event> onEvent;
    private final Consumer<Summary> onDone;
    private final long[] sentAt;
    private final boolean[] answered;
    private final List<Event> events = new ArrayList<>();
    private final Timer next;
    private final Timer deadline;
    private int transmitted;
    private int received;
    private boolean done;

    private Ping(Builder b) {
        this.host = b.host;
        this.destination = b.destination;
        this.identifier = b.identifier >= 0 ? b.identifier : host.random().nextInt(0x10000);
        this.count = b.count;
        this.intervalNanos = b.intervalNanos;
        this.timeoutNanos = b.timeoutNanos;
        this.size = b.size;
        this.options = SendOptions.DEFAULT.withTtl(b.ttl);
        this.onEvent = b.onEvent;
        this.onDone = b.onDone;
        this.sentAt = new long[count];
        this.answered = new boolean[count];
        this.next = host.scheduler().newTimer(this::sendNext);
        this.deadline = host.scheduler().newTimer(this::finish);
    }

    /** Starts describing a ping from {@code host} to {@code destination}. */
    public static Builder from(Host host, Ip4 destination) {
        return new Builder(host, destination);
    }

    /** Options of a ping, with iputils' defaults: 56 data octets, 1 s apart, TTL 64. */
    public static final class Builder {
        private final Host host;
        private final Ip4 destination;
        private int identifier = -1;
        private int count = 4;
        private long intervalNanos = 1_000_000_000L;
        private long timeoutNanos = 2_000_000_000L;
        private int size = 56;
        private int ttl = 64;
        private Consumer<Event> onEvent = e -> {};
        private Consumer<Summary> onDone = s -> {};

        private Builder(Host host, Ip4 destination) {
            this.host = host;
            this.destination = destination;
        }

        /** Number of requests (-c). */
        public Builder count(int n) {
            if (n < 1 || n > 65536) {
                throw new IllegalArgumentException("ping count must be 1..65536, not " + n);
            }
            this.count = n;
            return this;
        }

        /** Time between requests (-i). */
        public Builder interval(long nanos) {
            this.intervalNanos = nanos;
            return this;
        }

        /** How long to wait for the last reply (-W). */
        public Builder timeout(long nanos) {
            this.timeoutNanos = nanos;
            return this;
        }

        /** Data octets per request (-s). */
        public Builder size(int octets) {
            this.size = octets;
            return this;
        }

        /** TTL of the requests (-t). */
        public Builder ttl(int t) {
            this.ttl = t;
            return this;
        }

        /** The echo identifier; random by default. */
        public Builder identifier(int id) {
            this.identifier = id;
            return this;
        }

        /** Called for each reply, error or timeout. */
        public Builder onEvent(Consumer<Event> c) {
            this.onEvent = c;
            return this;
        }

        /** Called once at the end. */
        public Builder onDone(Consumer<Summary> c) {
            this.onDone = c;
            return this;
        }

        /** Binds the echo identifier and sends the first request now. */
        public Ping start() {
            Ping p = new Ping(this);
            p.begin();
            return p;
        }
    }

    private void begin() {
        host.icmp().bindEcho(identifier, new EchoListener() {
            @Override
            public void echoReply(Ip4 from, int sequence, int ttl, ByteBuffer data) {
                reply(from, sequence, ttl, data);
            }

            @Override
            public void echoError(IcmpError error, int sequence) {
                if (sequence >= 1 && sequence <= transmitted) {
                    emit(new Error(sequence, error));
                }
            }
        });
        sendNext();
    }

    private void sendNext() {
        int seq = transmitted + 1;
        ByteBuffer data = ByteBuffer.allocate(size);
        for (int i = 0; i < size; i++) {
            data.put(i, (byte) (0x10 + i)); // iputils fills with 0x10, 0x11, ... after its timestamp
        }
        sentAt[seq - 1] = host.scheduler().nanos();
        transmitted++;
        SendResult r = host.icmp().sendEcho(destination, identifier, seq, data, options);
        if (r != SendResult.SENT) {
            emit(new Timeout(seq));
        }
        if (transmitted < count) {
            next.setAfter(intervalNanos);
        } else {
            deadline.setAfter(timeoutNanos);
        }
    }

    private void reply(Ip4 from, int sequence, int ttl, ByteBuffer data) {
        if (sequence < 1 || sequence > transmitted || answered[sequence - 1]) {
            return; // a duplicate or a stray
        }
        answered[sequence - 1] = true;
        received++;
        emit(new Reply(sequence, from, ttl, data.remaining(), host.scheduler().nanos() - sentAt[sequence - 1]));
        if (received == count) {
            finish();
        }
    }

    private void emit(Event e) {
        events.add(e);
        onEvent.accept(e);
    }

    private void finish() {
        if (done) {
            return;
        }
        done = true;
        next.cancel();
        deadline.cancel();
        for (int i = 0; i < transmitted; i++) {
            int seq = i + 1;
            if (!answered[i] && events.stream().noneMatch(e -> e.sequence() == seq)) {
                emit(new Timeout(seq));
            }
        }
        host.icmp().unbindEcho(identifier);
        onDone.accept(new Summary(destination, transmitted, received, List.copyOf(events)));
    }

    /** True once the summary was delivered. */
    public boolean isDone() {
        return done;
    }
}
