package dev.strata.tls;

import dev.strata.tls.crypto.Transcript;
import dev.strata.tls.handshake.ClientStates13;
import dev.strata.tls.handshake.Connected13;
import dev.strata.tls.handshake.HandshakeContext;
import dev.strata.tls.handshake.HandshakeState;
import dev.strata.tls.handshake.ServerStates13;
import dev.strata.tls.message.HandshakeCodec;
import dev.strata.tls.message.HandshakeMessage;
import dev.strata.tls.record.HandshakeReassembler;
import dev.strata.tls.record.RecordCipher;
import dev.strata.tls.record.RecordHeader;
import dev.strata.wire.Parsed;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * A TLS 1.2/1.3 connection as a sans-I/O state machine: network bytes go in through {@link #feed}, bytes to send come
 * out of {@link #pollOutput}, application data goes in through {@link #write} and comes out of {@link #read}. It owns
 * no socket and no thread; adapters ({@code dev.strata.tls.io}) connect it to a transport.
 *
 * <p>Every protocol error a peer can cause ends in {@link Status#FAILED} with a {@link TlsFailure} (and the fatal
 * alert queued for the peer); no method throws because of what the peer sent. Not thread-safe: one event loop (or
 * one adapter lock) drives it.
 */
public final class TlsEngine {

    /** The life cycle of a connection. */
    public enum Status {
        /** The handshake is running. */
        HANDSHAKING,
        /** The handshake completed; application data flows. */
        CONNECTED,
        /** Both close_notify alerts were exchanged (or this side closed and the peer answered). */
        CLOSED,
        /** A fatal alert was sent or received, or the stream was truncated. */
        FAILED
    }

    private static final int MAX_RECORD = RecordCipher.HEADER_LENGTH + RecordHeader.MAX_FRAGMENT;

    private final TlsConfig config;
    private final Role role;
    private final String serverName;
    private final Context ctx = new Context();
    private final Transcript transcript = new Transcript();
    private final HandshakeReassembler reassembler = new HandshakeReassembler();

    private HandshakeState state;
    private Status status = Status.HANDSHAKING;
    private TlsFailure failure;
    private SessionSummary summary;
    private ProtocolVersion version;
    private boolean rsaKeyTransport;
    private byte[] clientRandom = new byte[32];

    private RecordCipher readCipher;
    private RecordCipher writeCipher;

    private final byte[] in = new byte[MAX_RECORD];
    private int inLen;
    /** Octets the fast path of {@link #feed} consumed from the caller's buffer. */
    private int consumed;

    private final Buf out = new Buf(MAX_RECORD + 64);
    private final ByteArrayOutputStream pendingHandshake = new ByteArrayOutputStream();
    private final Buf appIn = new Buf(1024);
    private final Buf appOutPending = new Buf(256);
    private final byte[] scratch = new byte[RecordCipher.MAX_PLAINTEXT];

    private boolean closeNotifyReceived;
    private boolean closeNotifySent;
    private boolean started;

    private TlsEngine(TlsConfig config, Role role, String serverName) {
        this.config = config;
        this.role = role;
        this.serverName = serverName;
    }

    /**
     * A client engine for {@code serverName} (sent as SNI unless it is an IP literal, and passed to the verifier).
     * The ClientHello is ready in {@link #pollOutput} at once.
     */
    public static TlsEngine client(TlsConfig config, String serverName) {
        if (config.verifier() == null) {
            throw new IllegalArgumentException("a client needs a CertificateVerifier");
        }
        TlsEngine e = new TlsEngine(config, Role.CLIENT, serverName);
        e.start();
        return e;
    }

    /** A server engine; it waits for a ClientHello. */
    public static TlsEngine server(TlsConfig config) {
        if (config.certifiedKey() == null) {
            throw new IllegalArgumentException("a server needs a CertifiedKey");
        }
        if (config.clientAuth() != ClientAuth.NONE && config.verifier() == null) {
            throw new IllegalArgumentException("client authentication needs a CertificateVerifier");
        }
        TlsEngine e = new TlsEngine(config, Role.SERVER, null);
        e.start();
        return e;
    }

    private void start() {
        start(role == Role.CLIENT ? ClientStates13::start : c -> new ServerStates13.ExpectClientHello());
    }

    private void start(java.util.function.Function<HandshakeContext, HandshakeState> first) {
        if (started) {
            return;
        }
        started = true;
        guard(() -> {
            state = first.apply(ctx);
            flushHandshake();
        });
    }

    /**
     * A client whose first state the caller builds (having sent or injected its own ClientHello): for known-answer
     * tests that replay a recorded trace such as RFC 8448's.
     */
    static TlsEngine clientStartingWith(
            TlsConfig config, String serverName, java.util.function.Function<HandshakeContext, HandshakeState> first) {
        TlsEngine e = new TlsEngine(config, Role.CLIENT, serverName);
        e.start(first);
        return e;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Public API

    /** This engine's role. */
    public Role role() {
        return role;
    }

    /**
     * The connection status. After the peer's close_notify on TLS 1.3 the status stays {@link Status#CONNECTED} (with
     * {@link #isInboundDone()} true) until this side closes too.
     */
    public Status status() {
        return status;
    }

    /** True once the handshake has completed (also after a later close). */
    public boolean isHandshakeComplete() {
        return summary != null;
    }

    /** Why the connection failed, if it did. */
    public Optional<TlsFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** What the handshake negotiated, or null before it completes. */
    public SessionSummary summary() {
        return summary;
    }

    /** True when the peer sent close_notify: no more application data will come. */
    public boolean isInboundDone() {
        return closeNotifyReceived || status == Status.FAILED;
    }

    /** True when this side sent close_notify or a fatal alert. */
    public boolean isOutboundDone() {
        return closeNotifySent || status == Status.FAILED;
    }

    /**
     * Consumes all of {@code data} (bytes from the network), processing every complete record. Records split across
     * calls are joined; after a failure further input is ignored.
     */
    public void feed(ByteBuffer data) {
        if (inLen == 0 && data.hasArray() && status != Status.FAILED) {
            // Whole records straight from the caller's array (read, never written); a partial one is kept below.
            int from = data.arrayOffset() + data.position();
            consumed = 0;
            guard(() -> consumed = processRecords(data.array(), from, from + data.remaining()));
            data.position(data.position() + consumed);
        }
        while (data.hasRemaining() && status != Status.FAILED) {
            int n = Math.min(data.remaining(), in.length - inLen);
            data.get(in, inLen, n);
            inLen += n;
            guard(() -> {
                int done = processRecords(in, 0, inLen);
                System.arraycopy(in, done, in, 0, inLen - done);
                inLen -= done;
            });
        }
        data.position(data.limit());
    }

    /** Convenience form of {@link #feed(ByteBuffer)}. */
    public void feed(byte[] data) {
        feed(ByteBuffer.wrap(data));
    }

    /** True when bytes are waiting to be sent. */
    public boolean hasOutput() {
        return out.size() > 0;
    }

    /** The bytes to send to the peer, or an empty buffer when there are none. */
    public ByteBuffer pollOutput() {
        ByteBuffer b = ByteBuffer.wrap(Arrays.copyOfRange(out.data, out.start, out.len));
        out.consume(out.size());
        return b;
    }

    /** Moves as many pending output bytes as fit into {@code dst}; returns how many. */
    public int pollOutput(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), out.size());
        dst.put(out.data, out.start, n);
        out.consume(n);
        return n;
    }

    /**
     * Queues application data: sealed into records at once when connected, held until the handshake completes
     * before that. Consumes all of {@code src}.
     *
     * @throws IllegalStateException after close or failure
     */
    public void write(ByteBuffer src) {
        if (closeNotifySent || status == Status.FAILED || status == Status.CLOSED) {
            throw new IllegalStateException(
                    "cannot write: connection is " + status + (failure != null ? " (" + failure + ")" : ""));
        }
        if (status == Status.HANDSHAKING) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            appOutPending.append(b, 0, b.length);
            return;
        }
        guard(() -> {
            while (src.hasRemaining()) {
                int n = Math.min(src.remaining(), scratch.length);
                if (src.hasArray()) {
                    writeRecord(ContentType.APPLICATION_DATA, src.array(), src.arrayOffset() + src.position(), n);
                    src.position(src.position() + n);
                } else {
                    src.get(scratch, 0, n);
                    writeRecord(ContentType.APPLICATION_DATA, scratch, 0, n);
                }
            }
        });
    }

    /** Convenience form of {@link #write(ByteBuffer)}. */
    public void write(byte[] data) {
        write(ByteBuffer.wrap(data));
    }

    /** Number of decrypted application bytes waiting to be read. */
    public int available() {
        return appIn.size();
    }

    /** Moves decrypted application data into {@code dst}; returns how many bytes (0 when none is waiting). */
    public int read(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), appIn.size());
        dst.put(appIn.data, appIn.start, n);
        appIn.consume(n);
        return n;
    }

    /** All decrypted application data waiting, as a new array (empty when none). */
    public byte[] readApplicationData() {
        byte[] b = Arrays.copyOfRange(appIn.data, appIn.start, appIn.len);
        appIn.consume(b.length);
        return b;
    }

    /** Sends close_notify (RFC 8446 §6.1): no more application data from this side. Idempotent. */
    public void closeOutbound() {
        if (closeNotifySent || status == Status.FAILED) {
            return;
        }
        guard(() -> {
            flushHandshake();
            sendAlert(AlertDescription.CLOSE_NOTIFY, false);
            closeNotifySent = true;
            if (closeNotifyReceived) {
                status = Status.CLOSED;
            }
        });
    }

    /**
     * Tells the engine the transport reached end of stream. Without a close_notify first, this is a truncation and
     * the connection fails (RFC 8446 §6.1): the application can tell a clean end from a cut one.
     */
    public void transportClosed() {
        if (closeNotifyReceived || status == Status.FAILED) {
            return;
        }
        String why = status == Status.HANDSHAKING
                ? "connection closed by the peer during the handshake"
                : "stream truncated: the transport closed without close_notify";
        fail(new TlsFailure(AlertDescription.CLOSE_NOTIFY, false, why), false);
    }

    /**
     * Sends a TLS 1.3 KeyUpdate (RFC 8446 §4.6.3) and switches to the next write key; with {@code requestPeer} the
     * peer is asked to update its keys too.
     *
     * @throws IllegalStateException unless connected with TLS 1.3
     */
    public void requestKeyUpdate(boolean requestPeer) {
        if (!(state instanceof Connected13 c) || status != Status.CONNECTED) {
            throw new IllegalStateException("KeyUpdate needs a connected TLS 1.3 session");
        }
        guard(() -> state = c.sendKeyUpdate(ctx, requestPeer));
    }

    /** Records written so far under the current write key (for tests of KeyUpdate). */
    public long writeSequence() {
        return writeCipher == null ? 0 : writeCipher.sequence();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Record processing

    /** Processes the complete records in {@code buf[from, to)}; returns the octets consumed. */
    private int processRecords(byte[] buf, int from, int to) {
        int at = from;
        while (status != Status.FAILED) {
            int avail = to - at;
            if (avail < RecordCipher.HEADER_LENGTH) {
                break;
            }
            RecordHeader h = switch (RecordHeader.parse(buf, at, avail)) {
                case Parsed.Ok<RecordHeader> ok -> ok.value();
                case Parsed.Malformed<RecordHeader> m ->
                    throw switch (m.error()) {
                        case BAD_LENGTH -> new TlsAlertException(AlertDescription.RECORD_OVERFLOW, m.detail());
                        case BAD_FIELD -> TlsAlertException.unexpected("record " + m.detail());
                        default -> TlsAlertException.decode("record header: " + m.detail());
                    };
            };
            if (avail < RecordCipher.HEADER_LENGTH + h.length()) {
                break;
            }
            processRecord(buf, h, at);
            at += RecordCipher.HEADER_LENGTH + h.length();
        }
        flushHandshake();
        return at - from;
    }

    private boolean tls13() {
        return version == null || version.equals(ProtocolVersion.TLS13);
    }

    private void processRecord(byte[] buf, RecordHeader h, int at) {
        ContentType type = h.type();
        byte[] src = buf;
        int off = at + RecordCipher.HEADER_LENGTH;
        int len = h.length();
        if (type.equals(ContentType.CHANGE_CIPHER_SPEC)) {
            onChangeCipherSpec(buf, off, len);
            return;
        }
        if (readCipher != null && !(type.equals(ContentType.ALERT) && len == 2 && tls13())) {
            if (tls13() && !type.equals(ContentType.APPLICATION_DATA)) {
                throw TlsAlertException.unexpected("unprotected " + type + " record after keys were set");
            }
            // Decrypted straight behind the application data waiting to be read: application data then stays there
            // without a copy; other content is taken from there and the space is reused.
            appIn.ensure(len);
            RecordCipher.Opened o = readCipher.open(buf, at, len, appIn.data, appIn.len);
            type = o.type();
            src = appIn.data;
            off = o.offset();
            len = o.length();
        } else if (type.equals(ContentType.APPLICATION_DATA)) {
            throw TlsAlertException.unexpected("application data before the handshake protected the connection");
        } else if (len > RecordCipher.MAX_PLAINTEXT) {
            throw new TlsAlertException(AlertDescription.RECORD_OVERFLOW, "plaintext record of " + len + " octets");
        }
        if (reassembler.hasPartial() && !type.equals(ContentType.HANDSHAKE)) {
            throw TlsAlertException.unexpected(type + " record inside a fragmented handshake message");
        }
        switch (type.value()) {
            case 22 -> onHandshake(src, off, len);
            case 21 -> onAlert(src, off, len);
            case 23 -> onApplicationData(src, off, len);
            case 20 -> throw TlsAlertException.unexpected("ChangeCipherSpec inside a protected record");
            default -> throw TlsAlertException.unexpected("record content type " + type.value());
        }
    }

    private void onChangeCipherSpec(byte[] buf, int off, int len) {
        if (len != 1 || buf[off] != 1) {
            throw TlsAlertException.unexpected("malformed ChangeCipherSpec");
        }
        if (version != null && version.equals(ProtocolVersion.TLS12)) {
            report(false, "ChangeCipherSpec", "", false);
            state = state.onChangeCipherSpec(ctx);
            return;
        }
        // RFC 8446 §5: a TLS 1.3 endpoint drops one unprotected CCS during the handshake (middlebox compatibility).
        if (status != Status.HANDSHAKING || version == null && role == Role.CLIENT) {
            throw TlsAlertException.unexpected("ChangeCipherSpec outside the handshake");
        }
        report(false, "ChangeCipherSpec", "middlebox compatibility, ignored", false);
    }

    private void onHandshake(byte[] buf, int off, int len) {
        if (len == 0) {
            throw TlsAlertException.unexpected("empty handshake record");
        }
        if (closeNotifyReceived) {
            throw TlsAlertException.unexpected("handshake data after close_notify");
        }
        reassembler.add(buf, off, len);
        byte[] raw;
        while ((raw = reassembler.next()) != null && status != Status.FAILED) {
            HandshakeType t = HandshakeType.of(raw[0] & 0xFF);
            HandshakeMessage m =
                    HandshakeCodec.decode(t, Arrays.copyOfRange(raw, 4, raw.length), tls13(), rsaKeyTransport);
            report(false, m, readCipher != null);
            state = state.handle(ctx, m, raw);
            if (state.connected() && status == Status.HANDSHAKING) {
                onConnected();
            }
        }
    }

    private void onAlert(byte[] buf, int off, int len) {
        if (len != 2) {
            throw TlsAlertException.decode("alert record of " + len + " octets");
        }
        int level = buf[off] & 0xFF;
        AlertDescription d = AlertDescription.of(buf[off + 1] & 0xFF);
        report(false, "Alert", (level == 1 ? "warning " : "fatal ") + d.alertName(), readCipher != null);
        if (d.equals(AlertDescription.CLOSE_NOTIFY)) {
            closeNotifyReceived = true;
            if (!closeNotifySent && !tls13()) {
                // RFC 5246 §7.2.1: a TLS 1.2 peer answers close_notify with its own. TLS 1.3 allows a half-close
                // (RFC 8446 §6.1): this side may go on writing until the application closes it.
                flushHandshake();
                sendAlert(AlertDescription.CLOSE_NOTIFY, false);
                closeNotifySent = true;
            }
            if (closeNotifySent && status != Status.FAILED) {
                status = Status.CLOSED;
            }
            return;
        }
        if (level == 1 && !tls13() && !d.equals(AlertDescription.USER_CANCELED)) {
            return; // TLS 1.2 warnings (e.g. no_renegotiation) are informational
        }
        if (d.equals(AlertDescription.USER_CANCELED)) {
            return; // RFC 8446 §6.1: followed by close_notify
        }
        fail(new TlsFailure(d, false, "the peer sent a fatal " + d.alertName() + " alert"), false);
    }

    private void onApplicationData(byte[] buf, int off, int len) {
        if (status != Status.CONNECTED && status != Status.CLOSED || closeNotifyReceived) {
            throw TlsAlertException.unexpected("application data "
                    + (closeNotifyReceived ? "after close_notify" : "before the handshake completed"));
        }
        if (buf == appIn.data && off == appIn.len) {
            appIn.len += len; // decrypted in place at the end of the waiting data
        } else {
            appIn.append(buf, off, len);
        }
    }

    private void onConnected() {
        status = Status.CONNECTED;
        if (config.listener() != null) {
            config.listener().onComplete(role, summary);
        }
        flushHandshake();
        if (appOutPending.len > 0) {
            int done = 0;
            while (done < appOutPending.len) {
                int n = Math.min(RecordCipher.MAX_PLAINTEXT, appOutPending.len - done);
                writeRecord(ContentType.APPLICATION_DATA, appOutPending.data, done, n);
                done += n;
            }
            appOutPending.len = 0;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Output

    private void writeRecord(ContentType type, byte[] data, int off, int len) {
        out.ensure(len + RecordCipher.HEADER_LENGTH + 64);
        if (writeCipher == null) {
            RecordCipher.writeHeader(out.data, out.len, type.value(), len);
            // RFC 8446 §5.1: the first ClientHello may carry 0x0301 for compatibility; 0x0303 is also accepted.
            System.arraycopy(data, off, out.data, out.len + RecordCipher.HEADER_LENGTH, len);
            out.len += RecordCipher.HEADER_LENGTH + len;
        } else {
            out.len += writeCipher.seal(type, data, off, len, 0, out.data, out.len);
        }
    }

    private void flushHandshake() {
        if (pendingHandshake.size() == 0) {
            return;
        }
        byte[] b = pendingHandshake.toByteArray();
        pendingHandshake.reset();
        for (int done = 0; done < b.length; ) {
            int n = Math.min(RecordCipher.MAX_PLAINTEXT, b.length - done);
            writeRecord(ContentType.HANDSHAKE, b, done, n);
            done += n;
        }
    }

    private void sendAlert(AlertDescription d, boolean fatal) {
        int level = fatal ? 2 : 1;
        if (tls13() && !d.equals(AlertDescription.CLOSE_NOTIFY) && !d.equals(AlertDescription.USER_CANCELED)) {
            level = 2; // RFC 8446 §6: all other alerts are fatal
        }
        byte[] a = {(byte) level, (byte) d.value()};
        writeRecord(ContentType.ALERT, a, 0, 2);
        report(true, "Alert", (a[0] == 1 ? "warning " : "fatal ") + d.alertName(), writeCipher != null);
    }

    private static String displayName(HandshakeMessage m) {
        return m instanceof dev.strata.tls.message.ServerHello sh && sh.isHelloRetryRequest()
                ? "HelloRetryRequest"
                : m.type().messageName();
    }

    /** Reports a handshake message; its description is only built when someone listens. */
    private void report(boolean sent, HandshakeMessage m, boolean encrypted) {
        if (config.listener() != null) {
            report(sent, displayName(m), m.describe(), encrypted);
        }
    }

    private void report(boolean sent, String name, String details, boolean encrypted) {
        HandshakeListener l = config.listener();
        if (l != null) {
            l.onMessage(new HandshakeEvent(role, sent, name, details, encrypted));
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Failure

    private void guard(Runnable r) {
        try {
            r.run();
        } catch (TlsAlertException e) {
            fail(new TlsFailure(e.alert(), true, e.getMessage()), true);
        } catch (RuntimeException e) {
            fail(new TlsFailure(AlertDescription.INTERNAL_ERROR, true, "internal error: " + e), true);
        }
    }

    private void fail(TlsFailure f, boolean sendAlert) {
        if (status == Status.FAILED) {
            return;
        }
        failure = f;
        pendingHandshake.reset();
        appOutPending.len = 0;
        if (sendAlert && !closeNotifySent) {
            try {
                sendAlert(f.alert(), true);
            } catch (RuntimeException ignored) {
                // The connection is already failing; the alert is best effort.
            }
        }
        status = Status.FAILED;
        if (config.listener() != null) {
            config.listener().onFailure(role, f);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** A growable byte array whose content is {@code data[start, len)}. */
    private static final class Buf {
        byte[] data;
        int start;
        int len;

        Buf(int capacity) {
            data = new byte[capacity];
        }

        int size() {
            return len - start;
        }

        /** Drops {@code n} octets from the front. */
        void consume(int n) {
            start += n;
            if (start == len) {
                start = 0;
                len = 0;
            }
        }

        /** Makes room for {@code extra} octets at the end. */
        void ensure(int extra) {
            if (data.length - len >= extra) {
                return;
            }
            if (start > 0) {
                System.arraycopy(data, start, data, 0, len - start);
                len -= start;
                start = 0;
            }
            if (data.length - len < extra) {
                data = Arrays.copyOf(data, Math.max(data.length * 2, len + extra));
            }
        }

        void append(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, data, len, n);
            len += n;
        }
    }

    /** The engine as its handshake states see it. */
    private final class Context implements HandshakeContext {

        @Override
        public TlsConfig config() {
            return config;
        }

        @Override
        public Role role() {
            return role;
        }

        @Override
        public String serverName() {
            return serverName;
        }

        @Override
        public Transcript transcript() {
            return transcript;
        }

        @Override
        public void send(HandshakeMessage message) {
            byte[] b = message.encode();
            transcript.add(b);
            pendingHandshake.writeBytes(b);
            report(true, message, writeCipher != null);
        }

        @Override
        public void sendPostHandshake(HandshakeMessage message) {
            pendingHandshake.writeBytes(message.encode());
            report(true, message, writeCipher != null);
        }

        @Override
        public void sendChangeCipherSpec() {
            flushHandshake();
            writeRecord(ContentType.CHANGE_CIPHER_SPEC, new byte[] {1}, 0, 1);
            report(true, "ChangeCipherSpec", "", false);
        }

        @Override
        public void sendWarning(AlertDescription alert) {
            flushHandshake();
            sendAlert(alert, false);
        }

        @Override
        public void setReadCipher(RecordCipher cipher) {
            if (reassembler.hasPartial()) {
                // RFC 8446 §5.1: handshake messages MUST NOT span key changes.
                throw TlsAlertException.unexpected("handshake message spans a key change");
            }
            readCipher = cipher;
        }

        @Override
        public void setWriteCipher(RecordCipher cipher) {
            flushHandshake();
            writeCipher = cipher;
        }

        @Override
        public void setVersion(ProtocolVersion v) {
            version = v;
        }

        @Override
        public void setRsaKeyTransport(boolean rsa) {
            rsaKeyTransport = rsa;
        }

        @Override
        public void setClientRandom(byte[] random) {
            clientRandom = random.clone();
        }

        @Override
        public void keyLog(String label, byte[] secret) {
            KeyLog k = config.keyLog();
            if (k != null) {
                k.log(label, clientRandom, secret);
            }
        }

        @Override
        public void complete(SessionSummary s) {
            summary = s;
        }

        @Override
        public SessionSummary summary() {
            return summary;
        }
    }
}
