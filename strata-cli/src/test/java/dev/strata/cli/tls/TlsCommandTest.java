package dev.strata.cli.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import dev.strata.testing.ChildProcess;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * {@code strata tls client} and {@code strata tls server} as users run them: each in its own JVM, against curl,
 * {@code openssl s_client} and {@code openssl s_server} on loopback, with certificates from {@code strata ca}. Every
 * process a test starts is killed at the end of the test.
 */
// "try": processes are held by try-with-resources only so that they are killed at the end of the scope.
@SuppressWarnings("try")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsCommandTest {

    @TempDir
    static Path dir;

    static final String REQUEST = "GET / HTTP/1.0\r\nHost: localhost\r\n\r\n";

    /** One in-process run: exit code and what went to stdout and stderr. */
    record Result(int exit, String out, String err) {}

    static Result strata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @BeforeAll
    static void certificates() {
        // Strata's own CA, as a user would make it: root + intermediate, a server and a client certificate.
        assertThat(strata("ca", "init", "--dir", dir.resolve("ca").toString()).exit())
                .isZero();
        assertThat(strata("ca", "issue", "--dir", ca(""), "--name", "localhost", "--ip", "127.0.0.1")
                        .exit())
                .isZero();
        assertThat(strata("ca", "issue", "--dir", ca(""), "--name", "strata-client", "--client")
                        .exit())
                .isZero();
        assertThat(strata("ca", "init", "--dir", dir.resolve("other").toString(), "--name", "Other CA")
                        .exit())
                .isZero();
    }

    static String ca(String file) {
        return dir.resolve("ca").resolve(file).toString();
    }

    static String otherRoot() {
        return dir.resolve("other").resolve("root.crt").toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code strata tls server ARGS --port 0} and returns it with the port it printed. */
    static ChildProcess server(List<String> args, int[] port) throws Exception {
        List<String> all = new ArrayList<>(List.of("tls", "server", "--port", "0"));
        all.addAll(args);
        ChildProcess p = StrataCli.start(dir, all.toArray(String[]::new));
        if (!p.awaitOut("listening on port ", 60_000)) {
            p.close();
            throw new AssertionError("strata tls server did not start: " + p);
        }
        Matcher m = Pattern.compile("listening on port (\\d+)").matcher(p.out());
        assertThat(m.find()).isTrue();
        port[0] = Integer.parseInt(m.group(1));
        return p;
    }

    static ChildProcess run(List<String> command) throws IOException {
        return ChildProcess.start(dir, command);
    }

    // ---- the server against curl and openssl s_client --------------------------------------------------------------

    @Test
    void serverWwwAnswersCurlAndOpensslWithThePageOfTheirSession() throws Exception {
        int[] port = new int[1];
        try (ChildProcess srv = server(
                List.of(
                        "--cert",
                        ca("localhost.chain.pem"),
                        "--key",
                        ca("localhost.key"),
                        "--www",
                        "--max-connections",
                        "4"),
                port)) {
            String url = "https://localhost:" + port[0] + "/";

            try (ChildProcess c = run(List.of("curl", "-sS", "--cacert", ca("root.crt"), url))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isZero();
                assertThat(c.out())
                        .contains("<h1>Strata TLS server</h1>", "protocol: TLSv1.3", "server name: localhost");
            }
            try (ChildProcess c = run(List.of(
                    "curl", "-sS", "-i", "--tlsv1.2", "--tls-max", "1.2", "--cacert", ca("root.crt"), url + "page"))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isZero();
                assertThat(c.out())
                        .startsWith("HTTP/1.1 200 OK")
                        .contains("GET /page HTTP/1.1", "protocol: TLSv1.2", "extended master secret: yes");
            }
            try (ChildProcess c = run(List.of(
                    "openssl",
                    "s_client",
                    "-connect",
                    "127.0.0.1:" + port[0],
                    "-CAfile",
                    ca("root.crt"),
                    "-verify_return_error",
                    "-verify_hostname",
                    "localhost",
                    "-servername",
                    "localhost",
                    "-ign_eof"))) {
                c.send(REQUEST);
                c.closeInput();
                assertThat(c.waitFor(30_000)).as(c.toString()).isZero();
                assertThat(c.out()).contains("Verify return code: 0 (ok)", "HTTP/1.1 200 OK", "protocol: TLSv1.3");
            }
            // A client that does not trust Strata's CA: curl refuses, and the server reports the alert it received.
            try (ChildProcess c = run(List.of("curl", "-sS", "--cacert", otherRoot(), url))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isEqualTo(60);
            }
            assertThat(srv.waitFor(30_000)).as(srv.toString()).isZero();
            assertThat(srv.err()).contains("handshake failed: received unknown_ca alert");
            assertThat(srv.out()).contains("connection 1 from 127.0.0.1:", "answered 1 request");
        }
    }

    @Test
    void serverRequiresAndChecksClientCertificates() throws Exception {
        int[] port = new int[1];
        try (ChildProcess srv = server(
                List.of(
                        "--cert",
                        ca("localhost.crt"),
                        "--chain",
                        ca("intermediate.crt"),
                        "--key",
                        ca("localhost.key"),
                        "--cafile",
                        ca("root.crt"),
                        "--verify-client",
                        "--www",
                        "--max-connections",
                        "3"),
                port)) {
            String url = "https://localhost:" + port[0] + "/";
            try (ChildProcess c = run(List.of(
                    "curl",
                    "-sS",
                    "--cacert",
                    ca("root.crt"),
                    "--cert",
                    ca("strata-client.chain.pem"),
                    "--key",
                    ca("strata-client.key"),
                    url))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isZero();
                assertThat(c.out()).contains("peer certificate 0: CN=strata-client", "peer verification: verified");
            }
            // Without a certificate: TLS 1.3 certificate_required; TLS 1.2 handshake_failure.
            try (ChildProcess c = run(List.of("curl", "-sS", "--cacert", ca("root.crt"), url))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isNotZero();
            }
            try (ChildProcess c =
                    run(List.of("curl", "-sS", "--tlsv1.2", "--tls-max", "1.2", "--cacert", ca("root.crt"), url))) {
                assertThat(c.waitFor(30_000)).as(c.toString()).isNotZero();
            }
            assertThat(srv.waitFor(30_000)).as(srv.toString()).isZero();
            assertThat(srv.err()).contains("sent certificate_required alert", "sent handshake_failure alert");
        }
    }

    // ---- the client against openssl s_server ---------------------------------------------------------------------

    static ChildProcess opensslServer(int port, String version, String... extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-cert",
                ca("localhost.crt"),
                "-cert_chain",
                ca("intermediate.crt"),
                "-key",
                ca("localhost.key"),
                version));
        cmd.addAll(List.of(extra));
        ChildProcess p = run(cmd);
        if (!p.awaitOut("ACCEPT", 10_000)) {
            p.close();
            throw new AssertionError("openssl s_server did not start: " + p);
        }
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void clientFetchesAPageFromOpensslWithAlpnAndAKeyLog(String v) throws Exception {
        int port = freePort();
        Path keylog = dir.resolve("client-" + v + ".keys");
        try (ChildProcess srv = opensslServer(port, "-tls" + v.replace('.', '_'), "-www", "-alpn", "http/1.1");
                ChildProcess c = StrataCli.start(
                        dir,
                        "tls",
                        "client",
                        "localhost:" + port,
                        "--tls" + v,
                        "--cafile",
                        ca("root.crt"),
                        "--alpn",
                        "h2,http/1.1",
                        "--keylog",
                        keylog.toString())) {
            c.send(REQUEST);
            c.closeInput();
            assertThat(c.waitFor(60_000)).as(c.toString()).isZero();
            assertThat(c.out())
                    .contains("connected to localhost:" + port)
                    .contains("protocol: TLSv" + v)
                    .contains("ALPN: http/1.1")
                    .contains("peer certificate 0: CN=localhost")
                    .contains("peer verification: verified by Strata's PKI")
                    .contains("HTTP/1.0 200 ok")
                    .contains("Ciphers supported in s_server binary");
            assertThat(Files.readString(keylog))
                    .contains(v.equals("1.3") ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET " : "CLIENT_RANDOM ");
        }
    }

    @Test
    void clientPresentsItsCertificateToOpensslVerifyingClients() throws Exception {
        int port = freePort();
        try (ChildProcess srv = opensslServer(port, "-tls1_3", "-www", "-Verify", "2", "-CAfile", ca("root.crt"));
                ChildProcess c = StrataCli.start(
                        dir,
                        "tls",
                        "client",
                        "localhost:" + port,
                        "--cafile",
                        ca("root.crt"),
                        "--cert",
                        ca("strata-client.chain.pem"),
                        "--key",
                        ca("strata-client.key"),
                        "--quiet")) {
            c.send(REQUEST);
            c.closeInput();
            assertThat(c.waitFor(60_000)).as(c.toString()).isZero();
            assertThat(c.out()).startsWith("HTTP/1.0 200 ok").doesNotContain("protocol: TLSv1.3");
            assertThat(srv.awaitErr("depth=0 CN = strata-client", 10_000))
                    .as(srv.toString())
                    .isTrue();
        }
    }

    @Test
    void clientRefusalsAndFailuresExitOneWithTheReason() throws Exception {
        int port = freePort();
        try (ChildProcess srv = opensslServer(port, "-tls1_3")) {
            try (ChildProcess c = StrataCli.start(
                    dir,
                    "tls",
                    "client",
                    "127.0.0.1:" + port,
                    "--cafile",
                    ca("root.crt"),
                    "--servername",
                    "other.example")) {
                assertThat(c.waitFor(60_000)).as(c.toString()).isEqualTo(1);
                assertThat(c.err())
                        .contains("handshake with 127.0.0.1:" + port + " failed: sent bad_certificate alert")
                        .contains("host name mismatch")
                        .doesNotContain("Exception");
                assertThat(c.out()).isEmpty();
            }
            assertThat(srv.awaitErr("SSL alert number 42", 10_000))
                    .as(srv.toString())
                    .isTrue();
        }
        try (ChildProcess srv = opensslServer(port, "-tls1_2")) {
            try (ChildProcess c = StrataCli.start(dir, "tls", "client", "localhost:" + port, "--cafile", otherRoot())) {
                assertThat(c.waitFor(60_000)).as(c.toString()).isEqualTo(1);
                assertThat(c.err()).contains("failed: sent unknown_ca alert", "unknown CA");
            }
            assertThat(srv.awaitErr("SSL alert number 48", 10_000))
                    .as(srv.toString())
                    .isTrue();
        }
        int closed = freePort();
        try (ChildProcess c = StrataCli.start(dir, "tls", "client", "127.0.0.1:" + closed, "--insecure")) {
            assertThat(c.waitFor(60_000)).as(c.toString()).isEqualTo(1);
            assertThat(c.err()).contains("cannot connect to 127.0.0.1:" + closed);
        }
    }

    // ---- Strata against Strata -------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"1.3", "1.2"})
    void strataClientAndServerRelayBothWays(String v) throws Exception {
        int[] port = new int[1];
        try (ChildProcess srv = server(
                List.of("--cert", ca("localhost.chain.pem"), "--key", ca("localhost.key"), "--max-connections", "1"),
                port)) {
            try (ChildProcess c = StrataCli.start(
                    dir, "tls", "client", "localhost:" + port[0], "--tls" + v, "--cafile", ca("root.crt"))) {
                assertThat(c.awaitOut("---", 60_000)).as(c.toString()).isTrue();
                c.send("hello from the client\n");
                assertThat(srv.awaitOut("hello from the client", 30_000))
                        .as(srv.toString())
                        .isTrue();
                srv.send("hello from the server\n");
                assertThat(c.awaitOut("hello from the server", 30_000))
                        .as(c.toString())
                        .isTrue();
                if (v.equals("1.3")) {
                    c.closeInput(); // TLS 1.3: the client half-closes; the server sees the end and closes too
                } else {
                    srv.closeInput(); // TLS 1.2: the client waits for the server, whose input ends: it closes
                }
                assertThat(c.waitFor(30_000)).as(c.toString()).isZero();
                assertThat(srv.waitFor(30_000)).as(srv.toString()).isZero();
                assertThat(srv.out()).contains("connection 1 from 127.0.0.1:", ": closed");
            }
        }
    }

    // ---- usage ---------------------------------------------------------------------------------------------------

    @Test
    void badArgumentsExitTwoWithAOneLineReason() {
        String[][] bad = {
            {"tls"},
            {"tls", "client"},
            {"tls", "client", "localhost"},
            {"tls", "client", "localhost:0", "--insecure"},
            {"tls", "client", "localhost:99999", "--insecure"},
            {"tls", "client", "[::1:443", "--insecure"},
            {"tls", "client", "localhost:443", "--tls1.2", "--tls1.3", "--insecure"},
            {"tls", "client", "localhost:443", "--cert", ca("strata-client.crt"), "--insecure"},
            {
                "tls",
                "client",
                "localhost:443",
                "--cafile",
                dir.resolve("missing.pem").toString()
            },
            {"tls", "client", "localhost:443", "--cafile", ca("root.key")},
            {"tls", "client", "localhost:443", "--insecure", "--cafile", ca("root.crt")},
            {"tls", "client", "localhost:443", "--insecure", "--cert", ca("root.key"), "--key", ca("root.key")},
            {"tls", "server", "--port", "4433"},
            {"tls", "server", "--port", "70000", "--cert", ca("localhost.crt"), "--key", ca("localhost.key")},
            {"tls", "server", "--port", "4433", "--cert", ca("localhost.crt"), "--key", ca("strata-client.key")},
            {"tls", "server", "--port", "4433", "--cert", ca("localhost.key"), "--key", ca("localhost.key")},
            {"tls", "server", "--port", "x", "--cert", ca("localhost.crt"), "--key", ca("localhost.key")},
            {
                "tls",
                "server",
                "--port",
                "4433",
                "--cert",
                ca("localhost.crt"),
                "--key",
                ca("localhost.key"),
                "--verify-client"
            },
            {"tls", "frobnicate"},
        };
        for (String[] args : bad) {
            Result r = strata(args);
            assertThat(r.exit()).as(String.join(" ", args) + " -> " + r).isEqualTo(2);
            assertThat(r.err().lines().findFirst().orElse(""))
                    .as(String.join(" ", args))
                    .isNotBlank();
            assertThat(r.err()).as(String.join(" ", args)).doesNotContain("Exception", "\tat ");
            assertThat(r.out()).as(String.join(" ", args)).isEmpty();
        }
    }
}
