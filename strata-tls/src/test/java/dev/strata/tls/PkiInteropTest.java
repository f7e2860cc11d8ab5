package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.testing.ChildProcess;
import dev.strata.tls.io.SocketTransport;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 5's negative certificate cases over real loopback connections with openssl, certificates from Strata's CA:
 * the Strata client ({@link PkiVerifier}) against {@code openssl s_server} presenting each broken certificate; the
 * Strata server presenting it to {@code openssl s_client -verify_return_error}; and a Strata server checking broken
 * client certificates from {@code openssl s_client -cert}. Each side reports the failure and the alert, the peer
 * receives that alert, no application data crosses, and every process and thread ends.
 */
// "try": peer processes are held by try-with-resources only so that they are killed at the end of the scope.
@SuppressWarnings("try")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PkiInteropTest {

    /** What neither side may ever see: written before the handshake, held by the engine, never released. */
    static final String MARKER = "APPLICATION-DATA-THAT-MUST-NOT-LEAVE";

    /**
     * The alert openssl 3 sends for each server case (ssl_verify_alarm_type): it differs from Strata's for a
     * not-yet-valid certificate (bad_certificate, where RFC 8446 §6.2 allows certificate_expired) and a bad
     * signature (decrypt_error, where Strata says bad_certificate).
     */
    static final Map<String, AlertDescription> OPENSSL_ALERT = Map.of(
            "expired", AlertDescription.CERTIFICATE_EXPIRED,
            "not yet valid", AlertDescription.BAD_CERTIFICATE,
            "wrong host name", AlertDescription.BAD_CERTIFICATE,
            "unknown CA", AlertDescription.UNKNOWN_CA,
            "bad signature", AlertDescription.DECRYPT_ERROR,
            "wrong EKU", AlertDescription.UNSUPPORTED_CERTIFICATE);

    @TempDir
    static Path dir;

    static final List<CaChains.Bad> SERVERS = CaChains.badServers();
    static final List<CaChains.Bad> CLIENTS = CaChains.badClients();
    static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
    static final List<String> ORDER = new ArrayList<>();

    @BeforeAll
    static void files() throws IOException {
        CaChains.write(dir, "good", CaChains.GOOD_SERVER);
        CaChains.write(dir, "client", CaChains.GOOD_CLIENT);
        for (int i = 0; i < SERVERS.size(); i++) {
            CaChains.write(dir, "bad" + i, SERVERS.get(i).certificate());
        }
        for (int i = 0; i < CLIENTS.size(); i++) {
            CaChains.write(dir, "badclient" + i, CLIENTS.get(i).certificate());
        }
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("\nCertificate verification over loopback (Strata vs openssl)\n");
        synchronized (ORDER) {
            for (String name : ORDER) {
                sb.append(String.format("%-90s %s%n", name, RESULTS.get(name)));
            }
        }
        System.out.println(sb);
    }

    static void record(String scenario, String result) {
        synchronized (ORDER) {
            if (!ORDER.contains(scenario)) {
                ORDER.add(scenario);
            }
        }
        RESULTS.put(scenario, result);
    }

    static Arguments[] serverCases() {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < SERVERS.size(); i++) {
            out.add(Arguments.of(i, ProtocolVersion.TLS13));
            out.add(Arguments.of(i, ProtocolVersion.TLS12));
        }
        return out.toArray(Arguments[]::new);
    }

    static Arguments[] clientCases() {
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < CLIENTS.size(); i++) {
            out.add(Arguments.of(i, ProtocolVersion.TLS13));
            out.add(Arguments.of(i, ProtocolVersion.TLS12));
        }
        return out.toArray(Arguments[]::new);
    }

    static String flag(ProtocolVersion v) {
        return v.equals(ProtocolVersion.TLS13) ? "-tls1_3" : "-tls1_2";
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static ChildProcess opensslServer(int port, String prefix, ProtocolVersion v, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-cert",
                prefix + ".crt",
                "-cert_chain",
                prefix + ".chain.pem",
                "-key",
                prefix + ".key",
                flag(v)));
        cmd.addAll(List.of(extra));
        ChildProcess p = ChildProcess.startMerged(dir, cmd);
        if (!p.awaitOut("ACCEPT", 10_000)) {
            p.close();
            throw new AssertionError("openssl s_server did not start: " + p.out());
        }
        return p;
    }

    // -------------------------------------------------------------------------------------------------------------
    // Strata client (PkiVerifier) against openssl s_server presenting a broken certificate

    @ParameterizedTest(name = "Strata client vs openssl s_server, {0} {1}")
    @MethodSource("serverCases")
    void strataClientRefusesABrokenServerCertificate(int i, ProtocolVersion v) throws Exception {
        CaChains.Bad bad = SERVERS.get(i);
        String scenario = "Strata client vs openssl s_server " + v + ": " + bad.name();
        record(scenario, "FAIL");
        int port = freePort();
        try (ChildProcess p = opensslServer(port, "bad" + i, v);
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            TlsStream t = TlsStream.client(
                    SocketTransport.of(s),
                    TlsConfig.builder()
                            .versions(v)
                            .verifier(CaChains.verifier())
                            .build(),
                    CaChains.HOST);
            t.getOutputStream().write(MARKER.getBytes(StandardCharsets.US_ASCII)); // queued until connected
            assertThatThrownBy(t::handshake).isInstanceOf(TlsIOException.class).satisfies(e -> {
                TlsFailure f = ((TlsIOException) e).failure();
                assertThat(f.alert()).as(f.toString()).isEqualTo(bad.alert());
                assertThat(f.sentByUs()).isTrue();
                assertThat(f.reason()).contains(bad.reason());
            });
            assertThat(t.engine().available()).isZero();
            t.close();
            // openssl names the alert it received, and never saw the application data.
            assertThat(p.awaitOut("SSL alert number " + bad.alert().value(), 10_000))
                    .as(p.out())
                    .isTrue();
            assertThat(p.out()).doesNotContain(MARKER);
        }
        record(scenario, "PASS  Strata sent " + bad.alert().alertName());
    }

    @ParameterizedTest(name = "Strata client vs openssl s_server, good chain {0}")
    @MethodSource("versions")
    void strataClientAcceptsTheGoodChain(ProtocolVersion v) throws Exception {
        String scenario = "Strata client vs openssl s_server " + v + ": good chain via intermediate";
        record(scenario, "FAIL");
        int port = freePort();
        try (ChildProcess p = opensslServer(port, "good", v, "-www");
                Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            TlsStream t = TlsStream.connect(
                    s,
                    TlsConfig.builder()
                            .versions(v)
                            .verifier(CaChains.verifier())
                            .build(),
                    CaChains.HOST);
            t.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String page = new String(t.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(page).contains("200 ok").contains(v.equals(ProtocolVersion.TLS13) ? "TLSv1.3" : "TLSv1.2");
            t.close();
        }
        record(scenario, "PASS");
    }

    static ProtocolVersion[] versions() {
        return new ProtocolVersion[] {ProtocolVersion.TLS13, ProtocolVersion.TLS12};
    }

    // -------------------------------------------------------------------------------------------------------------
    // Strata server presenting a broken certificate to openssl s_client -verify_return_error

    /**
     * A Strata server on a free port accepting one connection: it queues {@link #MARKER} before the handshake and
     * completes with the handshake's outcome (null on success).
     */
    static CompletableFuture<Throwable> strataServer(ServerSocket listener, TlsConfig config) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                listener.setSoTimeout(20_000); // a peer that never connects fails the test rather than hanging it
            } catch (IOException e) {
                return e;
            }
            try (Socket a = listener.accept()) {
                a.setSoTimeout(10_000);
                TlsStream t = TlsStream.server(SocketTransport.of(a), config);
                t.getOutputStream().write(MARKER.getBytes(StandardCharsets.US_ASCII));
                t.handshake();
                t.close();
                return null;
            } catch (IOException e) {
                return e;
            }
        });
    }

    @ParameterizedTest(name = "openssl s_client -verify_return_error vs Strata server, {0} {1}")
    @MethodSource("serverCases")
    void opensslClientRefusesTheBrokenCertificateStrataPresents(int i, ProtocolVersion v) throws Exception {
        CaChains.Bad bad = SERVERS.get(i);
        AlertDescription expected = OPENSSL_ALERT.get(bad.name());
        String scenario = "openssl s_client -verify_return_error vs Strata server " + v + ": " + bad.name();
        record(scenario, "FAIL");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> server = strataServer(
                    listener,
                    TlsConfig.builder()
                            .versions(v)
                            .certifiedKey(CaChains.key(bad.certificate()))
                            .build());
            try (ChildProcess c = opensslClient(
                    listener.getLocalPort(),
                    "-verify_return_error",
                    "-verify_hostname",
                    CaChains.HOST,
                    "-servername",
                    CaChains.HOST,
                    flag(v))) {
                assertThat(c.waitFor(20_000)).as(c.out()).isNotZero();
                assertThat(c.out()).contains("verify error:").doesNotContain(MARKER);
            }
            Throwable t = server.get(20, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(TlsIOException.class);
            TlsFailure f = ((TlsIOException) t).failure();
            assertThat(f.sentByUs()).as(f.toString()).isFalse();
            assertThat(f.alert()).as(f.toString()).isEqualTo(expected);
        }
        record(scenario, "PASS  openssl sent " + expected.alertName());
    }

    @ParameterizedTest(name = "openssl s_client vs Strata server, good chain {0}")
    @MethodSource("versions")
    void opensslClientAcceptsTheGoodChain(ProtocolVersion v) throws Exception {
        String scenario = "openssl s_client -verify_return_error vs Strata server " + v + ": good chain";
        record(scenario, "FAIL");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> server = strataServer(
                    listener,
                    TlsConfig.builder()
                            .versions(v)
                            .certifiedKey(CaChains.key(CaChains.GOOD_SERVER))
                            .build());
            try (ChildProcess c = opensslClient(
                    listener.getLocalPort(),
                    "-verify_return_error",
                    "-verify_hostname",
                    CaChains.HOST,
                    "-servername",
                    CaChains.HOST,
                    flag(v))) {
                assertThat(c.awaitOut(MARKER, 20_000)).as(c.out()).isTrue();
                c.closeInput();
                assertThat(c.waitFor(20_000)).as(c.out()).isZero();
                assertThat(c.out()).contains("Verify return code: 0 (ok)");
            }
            assertThat(server.get(20, TimeUnit.SECONDS)).isNull();
        }
        record(scenario, "PASS");
    }

    // -------------------------------------------------------------------------------------------------------------
    // Strata server (PkiVerifier, client authentication) against openssl s_client -cert presenting a broken one

    @ParameterizedTest(name = "openssl s_client -cert vs Strata server verifying clients, {0} {1}")
    @MethodSource("clientCases")
    void strataServerRefusesABrokenClientCertificate(int i, ProtocolVersion v) throws Exception {
        CaChains.Bad bad = CLIENTS.get(i);
        String scenario = "openssl s_client -cert vs Strata server --verify-client " + v + ": " + bad.name();
        record(scenario, "FAIL");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> server = strataServer(
                    listener,
                    TlsConfig.builder()
                            .versions(v)
                            .certifiedKey(CaChains.key(CaChains.GOOD_SERVER))
                            .clientAuth(ClientAuth.REQUIRED)
                            .verifier(CaChains.verifier())
                            .build());
            try (ChildProcess c = opensslClient(
                    listener.getLocalPort(),
                    "-cert",
                    "badclient" + i + ".crt",
                    "-cert_chain",
                    "badclient" + i + ".chain.pem",
                    "-key",
                    "badclient" + i + ".key",
                    flag(v))) {
                Throwable t = server.get(20, TimeUnit.SECONDS);
                assertThat(t).isInstanceOf(TlsIOException.class);
                TlsFailure f = ((TlsIOException) t).failure();
                assertThat(f.sentByUs()).as(f.toString()).isTrue();
                assertThat(f.alert()).as(f.toString()).isEqualTo(bad.alert());
                assertThat(f.reason()).contains(bad.reason());
                assertThat(c.awaitOut("SSL alert number " + bad.alert().value(), 20_000))
                        .as(c.out())
                        .isTrue();
                assertThat(c.waitFor(20_000)).as(c.out()).isNotEqualTo(-1);
                assertThat(c.out()).doesNotContain(MARKER);
            }
        }
        record(scenario, "PASS  Strata sent " + bad.alert().alertName());
    }

    @Test
    void strataServerAcceptsAGoodClientCertificate() throws Exception {
        String scenario = "openssl s_client -cert vs Strata server --verify-client TLS 1.3: good client chain";
        record(scenario, "FAIL");
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Throwable> server = strataServer(
                    listener,
                    TlsConfig.builder()
                            .certifiedKey(CaChains.key(CaChains.GOOD_SERVER))
                            .clientAuth(ClientAuth.REQUIRED)
                            .verifier(CaChains.verifier())
                            .build());
            try (ChildProcess c = opensslClient(
                    listener.getLocalPort(),
                    "-cert",
                    "client.crt",
                    "-cert_chain",
                    "client.chain.pem",
                    "-key",
                    "client.key")) {
                assertThat(c.awaitOut(MARKER, 20_000)).as(c.out()).isTrue();
                c.closeInput();
                c.waitFor(20_000);
            }
            assertThat(server.get(20, TimeUnit.SECONDS)).isNull();
        }
        record(scenario, "PASS");
    }

    /** {@code openssl s_client} to Strata on {@code port} with Strata's root as its trust anchor, then {@code options}. */
    private ChildProcess opensslClient(int port, String... options) throws IOException {
        List<String> cmd =
                new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-CAfile", "root.pem"));
        cmd.addAll(List.of(options));
        return ChildProcess.startMerged(dir, cmd);
    }
}
