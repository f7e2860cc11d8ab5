package dev.strata.cli.demo;

import dev.strata.host.Host;
import dev.strata.link.LinkParams;
import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.IssuedCertificate;
import dev.strata.pki.KeyType;
import dev.strata.sim.Simulation;
import dev.strata.tcp.TcpState;
import dev.strata.tls.CertifiedKey;
import dev.strata.tls.HandshakeEvent;
import dev.strata.tls.HandshakeListener;
import dev.strata.tls.KeyLog;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.PkiVerifier;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.Role;
import dev.strata.tls.SessionSummary;
import dev.strata.tls.TlsCloseReason;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.TlsConnection;
import dev.strata.tls.TlsFailure;
import dev.strata.tls.TlsHandler;
import dev.strata.wire.Ip4;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata demo tls}: the seed notes' HTTPS story in the simulator. A CA is created and signs the server's
 * public key; the client opens TCP (three-way handshake), runs the TLS handshake over it (the notes' order:
 * ClientHello, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone, ClientKeyExchange, ChangeCipherSpec,
 * Finished), sends an HTTP request as encrypted application data, gets the answer, and both sides close:
 * close_notify, then TCP's four-way termination.
 *
 * <p>Deterministic: the CA's keys and serial numbers, both TLS endpoints' randoms, key shares and signatures come
 * from SHA1PRNG generators seeded from {@code --seed} (the JDK's SHA1PRNG is a pure function of its seed when seeded
 * before first use), the clocks are the simulation's virtual time from a fixed epoch: same seed, same bytes.
 */
@Command(
        name = "tls",
        mixinStandardHelpOptions = true,
        description =
                "A CA, a certificate, TCP, the TLS handshake, an HTTPS request and answer, close_notify and close.")
public final class TlsDemo implements Callable<Integer> {

    static final Ip4 CLIENT = Ip4.parse("192.0.2.10");
    static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    static final int PORT = 443;
    static final String HOST = "www.example.com";
    /** Where the simulation's virtual clock starts, as wall time (certificates are issued then). */
    static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    @Mixin
    DemoOptions options = new DemoOptions();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--version", paramLabel = "V", description = "TLS version: 1.2 (the notes' flow, default) or 1.3.")
    String version = "1.2";

    @Option(
            names = "--key-exchange",
            paramLabel = "KX",
            description = "ecdhe (default, as the notes' ServerKeyExchange shows) or rsa (TLS 1.2 teaching mode:"
                    + " RSA key transport, no forward secrecy).")
    String keyExchange = "ecdhe";

    @Option(
            names = "--keylog",
            paramLabel = "FILE",
            description = "Write the NSS key log, so Wireshark decrypts the capture.")
    Path keylog;

    /** The command. */
    public TlsDemo() {}

    /**
     * The choices of one run.
     *
     * @param version the TLS version
     * @param rsa true for the RSA key transport teaching mode
     * @param keylog the key log file, or null
     */
    record Choice(ProtocolVersion version, boolean rsa, Path keylog) {}

    @Override
    public Integer call() throws IOException {
        return run(options, choice(spec.commandLine()), System.out);
    }

    Choice choice(CommandLine cl) {
        ProtocolVersion v = switch (version) {
            case "1.2", "tls1.2", "TLSv1.2" -> ProtocolVersion.TLS12;
            case "1.3", "tls1.3", "TLSv1.3" -> ProtocolVersion.TLS13;
            default ->
                throw new CommandLine.ParameterException(cl, "--version must be 1.2 or 1.3, not '" + version + "'");
        };
        boolean rsa = switch (keyExchange) {
            case "ecdhe" -> false;
            case "rsa" -> true;
            default ->
                throw new CommandLine.ParameterException(
                        cl, "--key-exchange must be ecdhe or rsa, not '" + keyExchange + "'");
        };
        if (rsa && v.equals(ProtocolVersion.TLS13)) {
            throw new CommandLine.ParameterException(
                    cl, "--key-exchange rsa is TLS 1.2 only: TLS 1.3 removed RSA key transport (RFC 8446 §1.2)");
        }
        return new Choice(v, rsa, keylog);
    }

    /** Runs the demo; returns 0 when the answer arrived and both sides closed cleanly. */
    static int run(DemoOptions options, Choice choice, PrintStream out) throws IOException {
        Simulation sim = new Simulation(options.seed);
        Host client = sim.addHost("client");
        Host server = sim.addHost("server");
        sim.connect(
                client,
                "eth0",
                "192.0.2.10/24",
                server,
                "eth0",
                "192.0.2.20/24",
                LinkParams.GIGABIT.withDelay(1_000_000));
        InstantSource wallClock = () -> EPOCH.plusNanos(sim.now());
        boolean tls13 = choice.version().equals(ProtocolVersion.TLS13);

        out.println("Strata demo: tls (seed " + options.seed + ", " + choice.version() + ", "
                + (choice.rsa() ? "RSA key transport: TEACHING MODE" : "ECDHE key exchange") + ")");
        out.println();
        out.println("  client 192.0.2.10 ---- 1 Gbit/s, 1 ms ---- server 192.0.2.20:443 (" + HOST + ")");
        out.println();

        // 1. The CA signs the server's public key with its private key.
        KeyType keyType = choice.rsa() ? KeyType.RSA_2048 : KeyType.EC_P256;
        CertificateAuthority ca = CertificateAuthority.createRoot(
                "Strata Demo CA", keyType, seeded(options.seed, 1), Clock.fixed(EPOCH, ZoneOffset.UTC));
        IssuedCertificate cert = ca.issueServer(List.of(HOST), keyType);
        out.println("CA: created CN=Strata Demo CA (" + keyType.cliName() + " key, self-signed: the client's trust"
                + " anchor)");
        out.println("CA: signed the server's public key with its private key: " + describe(cert));
        if (choice.rsa()) {
            out.println("TEACHING MODE: RSA key transport (TLS_RSA_WITH_AES_128_GCM_SHA256): the client encrypts the"
                    + " premaster secret with the server's public key, and the server decrypts it with its private"
                    + " key, as the notes describe. No forward secrecy: never use it for real.");
        }
        out.println();

        List<String> order = new ArrayList<>();
        DemoTrace trace = new DemoTrace(sim, options, out, List.of("client", "server"));
        KeyLog keyLog = null;
        if (choice.keylog() != null) {
            Files.deleteIfExists(choice.keylog());
            keyLog = KeyLog.appendingTo(choice.keylog());
        }
        TlsConfig.Builder serverConfig = TlsConfig.builder()
                .certifiedKey(new CertifiedKey(cert.chain(), cert.privateKey()))
                .alpn("http/1.1")
                .random(seeded(options.seed, 2))
                .clock(wallClock)
                .listener(listener(sim, trace, "server", "client", order));
        TlsConfig.Builder clientConfig = TlsConfig.builder()
                .verifier(new PkiVerifier(ca.trustAnchors(), wallClock))
                .groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                .alpn("http/1.1")
                .keyLog(keyLog)
                .random(seeded(options.seed, 3))
                .clock(wallClock)
                .listener(listener(sim, trace, "client", "server", order));
        if (choice.rsa()) {
            serverConfig.rsaKeyTransportTeachingMode();
            clientConfig.rsaKeyTransportTeachingMode();
        } else {
            serverConfig.versions(choice.version());
            clientConfig.versions(choice.version());
        }

        Exchange ex = new Exchange();
        TlsConnection[] conns = new TlsConnection[2];
        try {
            server.listen(PORT)
                    .onAccept(tcp ->
                            conns[1] = TlsConnection.accept(server, tcp, serverConfig.build(), ex.server(sim, trace)));
            conns[0] = TlsConnection.connect(
                    client, SERVER, PORT, client.tcp().defaults(), clientConfig.build(), HOST, ex.client(sim, trace));
            sim.runUntil(
                    () -> conns[1] != null
                            && conns[0].tcp().state() == TcpState.CLOSED
                            && conns[1].tcp().state() == TcpState.CLOSED,
                    sim.now() + 3_600_000_000_000L);
        } finally {
            trace.close();
        }

        out.println();
        SessionSummary s = conns[0].summary();
        out.println("TLS: "
                + (s != null
                        ? s
                        : "no session: "
                                + conns[0].failure().map(TlsFailure::toString).orElse("?")));
        out.println("handshake: "
                + String.join(
                        ", ",
                        order.stream()
                                .filter(n -> !n.startsWith("Alert") && !n.startsWith("Application"))
                                .toList()));
        out.println("HTTP: GET / -> " + (ex.statusLine != null ? ex.statusLine : "no answer") + " ("
                + ex.response.size() + " octets, sent as TLS application data)");
        out.println("closed: client " + ex.clientEnd + "; server " + ex.serverEnd);
        out.println("TCP: client " + conns[0].tcp().state() + ", server "
                + (conns[1] != null ? conns[1].tcp().state() : "never connected") + " (four-way termination done)");
        for (String line : trace.filesWritten()) {
            out.println(line);
        }
        if (choice.keylog() != null) {
            out.println("keylog: " + choice.keylog() + "  (tshark -r CAPTURE -o tls.keylog_file:" + choice.keylog()
                    + " -Y http)");
        }
        if (!tls13 && choice.rsa()) {
            out.println("TEACHING MODE was on: RSA key transport has no forward secrecy.");
        }
        boolean ok = ex.statusLine != null
                && ex.statusLine.startsWith("HTTP/1.1 200")
                && ex.clientEnd instanceof TlsCloseReason.Clean
                && ex.serverEnd instanceof TlsCloseReason.Clean;
        return ok ? 0 : 1;
    }

    /** Reports each TLS message as its sender produces it: arrows in the diagram, lines in the trace. */
    private static HandshakeListener listener(
            Simulation sim, DemoTrace trace, String me, String peer, List<String> order) {
        return new HandshakeListener() {
            @Override
            public void onMessage(HandshakeEvent e) {
                if (!e.sent()) {
                    return;
                }
                String label = e.name().equals("Alert")
                        ? "Alert (" + e.details().replaceFirst("^(warning|fatal) ", "") + ")"
                        : e.name() + (e.encrypted() ? " (encrypted)" : "");
                order.add(e.name());
                trace.message(sim.now(), me, peer, label, e.details());
            }

            @Override
            public void onComplete(Role role, SessionSummary summary) {
                trace.textNote(sim.now(), me, "TLS handshake complete: " + summary);
            }

            @Override
            public void onFailure(Role role, TlsFailure failure) {
                trace.textNote(sim.now(), me, "TLS failed: " + failure);
            }
        };
    }

    /** The HTTP exchange over TLS, and what each side saw. */
    private static final class Exchange {
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        final ByteArrayOutputStream response = new ByteArrayOutputStream();
        String statusLine;
        TlsCloseReason clientEnd;
        TlsCloseReason serverEnd;

        TlsHandler client(Simulation sim, DemoTrace trace) {
            return new TlsHandler() {
                @Override
                public void connected(TlsConnection c) {
                    String req = "GET / HTTP/1.1\r\nHost: " + HOST + "\r\nUser-Agent: strata-demo\r\n\r\n";
                    trace.message(
                            sim.now(),
                            "client",
                            "server",
                            "Application Data (HTTP GET /)",
                            "encrypted: " + req.strip().replace("\r\n", " | "));
                    c.write(ByteBuffer.wrap(req.getBytes(StandardCharsets.US_ASCII)));
                }

                @Override
                public void readable(TlsConnection c) {
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    int n;
                    while ((n = c.read(b.clear())) > 0) {
                        response.write(b.array(), 0, n);
                    }
                    String r = response.toString(StandardCharsets.ISO_8859_1);
                    int head = r.indexOf("\r\n\r\n");
                    if (head >= 0 && statusLine == null) {
                        statusLine = r.substring(0, r.indexOf("\r\n"));
                    }
                    if (head >= 0 && response.size() >= head + 4 + contentLength(r) || n < 0) {
                        c.close(); // the whole answer is in: close_notify, then TCP's FIN
                    }
                }

                @Override
                public void closed(TlsConnection c, TlsCloseReason reason) {
                    clientEnd = reason;
                    trace.textNote(sim.now(), "client", "TLS connection ended: " + reason);
                }
            };
        }

        TlsHandler server(Simulation sim, DemoTrace trace) {
            return new TlsHandler() {
                private boolean answered;

                @Override
                public void readable(TlsConnection c) {
                    ByteBuffer b = ByteBuffer.allocate(4096);
                    int n;
                    while ((n = c.read(b.clear())) > 0) {
                        request.write(b.array(), 0, n);
                    }
                    String r = request.toString(StandardCharsets.ISO_8859_1);
                    if (!answered && r.contains("\r\n\r\n")) {
                        answered = true;
                        byte[] page = page(c.summary()).getBytes(StandardCharsets.UTF_8);
                        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                                + page.length + "\r\n\r\n";
                        trace.message(
                                sim.now(),
                                "server",
                                "client",
                                "Application Data (HTTP 200 OK)",
                                "encrypted: HTTP/1.1 200 OK, " + page.length + " octets of HTML");
                        ByteBuffer answer = ByteBuffer.allocate(head.length() + page.length);
                        answer.put(head.getBytes(StandardCharsets.US_ASCII))
                                .put(page)
                                .flip();
                        c.write(answer); // one write, one record: Nagle has nothing to hold back
                    }
                    if (n < 0 && c.tcp().state().finReceived()) {
                        // The client's close_notify came, then its FIN (ACKed at once by TCP): now close too,
                        // close_notify and FIN, the second half of the four-way termination.
                        c.close();
                    }
                }

                @Override
                public void closed(TlsConnection c, TlsCloseReason reason) {
                    serverEnd = reason;
                    trace.textNote(sim.now(), "server", "TLS connection ended: " + reason);
                }
            };
        }
    }

    static String page(SessionSummary s) {
        return "<!DOCTYPE html>\n<html><head><title>Hello over TLS</title></head><body>\n"
                + "<h1>Hello from Strata</h1>\n<p>This page travelled as TLS application data: " + s.version() + ", "
                + s.cipherSuite() + ".</p>\n</body></html>\n";
    }

    static int contentLength(String response) {
        for (String line : response.split("\r\n")) {
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                try {
                    return Integer.parseInt(line.substring(15).strip());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
            if (line.isEmpty()) {
                break;
            }
        }
        return 0;
    }

    private static String describe(IssuedCertificate c) {
        var x = c.certificate();
        return x.getSubjectX500Principal().getName() + ", DNS:" + HOST + ", serial "
                + x.getSerialNumber().toString(16) + ", valid "
                + x.getNotBefore().toInstant() + " .. "
                + x.getNotAfter().toInstant() + ", issuer "
                + x.getIssuerX500Principal().getName();
    }

    /** A SHA1PRNG seeded before first use: a pure function of ({@code seed}, {@code stream}). */
    static SecureRandom seeded(long seed, int stream) {
        try {
            SecureRandom r = SecureRandom.getInstance("SHA1PRNG");
            r.setSeed(ByteBuffer.allocate(16).putLong(seed).putLong(stream).array());
            return r;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA1PRNG", e);
        }
    }
}
