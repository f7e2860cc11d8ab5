package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ChildProcess;
import dev.strata.tls.TestPki.KeyType;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interoperability on loopback with real peers: openssl s_server/s_client, gnutls-serv/gnutls-cli and curl, both
 * directions, TLS 1.3 and 1.2. Each test starts its peer process and kills only that process. A pass/fail table is
 * printed at the end.
 */
// "try": peer processes are held by try-with-resources only so that they are killed at the end of the scope.
@SuppressWarnings("try")
class InteropTest {

    @TempDir
    static Path dir;

    static TestPki.Issued ec;
    static TestPki.Issued rsa;
    static TestPki.Issued clientCert;
    static final Map<String, String> RESULTS = new ConcurrentHashMap<>();
    static final List<String> ORDER = new ArrayList<>();

    static final String[] NAMES = {"server.example", "localhost", "127.0.0.1"};

    @BeforeAll
    static void certificates() throws IOException {
        ec = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, true, NAMES);
        rsa = TestPki.issue(KeyType.RSA_2048, KeyType.RSA_2048, true, NAMES);
        clientCert = TestPki.issue(KeyType.EC_P256, KeyType.EC_P256, false, "strata-client");
        TestPki.writePem(ec, dir, "ec-");
        TestPki.writePem(rsa, dir, "rsa-");
        TestPki.writePem(clientCert, dir, "client-");
    }

    @AfterAll
    static void printTable() {
        StringBuilder sb = new StringBuilder("\nTLS interop matrix\n");
        sb.append(String.format("%-78s %s%n", "scenario", "result"));
        synchronized (ORDER) {
            for (String name : ORDER) {
                sb.append(String.format("%-78s %s%n", name, RESULTS.get(name)));
            }
        }
        long pass = RESULTS.values().stream().filter("PASS"::equals).count();
        sb.append(pass).append(" passed, ").append(RESULTS.size() - pass).append(" failed\n");
        System.out.println(sb);
    }

    static DynamicTest scenario(String name, Executable body) {
        return DynamicTest.dynamicTest(name, () -> {
            synchronized (ORDER) {
                ORDER.add(name);
            }
            RESULTS.put(name, "FAIL");
            body.execute();
            RESULTS.put(name, "PASS");
        });
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static TestPki.Issued issued(String kind) {
        return kind.equals("rsa") ? rsa : ec;
    }

    static String opensslGroup(NamedGroup g) {
        return g.equals(NamedGroup.X25519) ? "X25519" : g.equals(NamedGroup.SECP256R1) ? "P-256" : "P-384";
    }

    static String gnutlsGroup(NamedGroup g) {
        return g.equals(NamedGroup.X25519)
                ? "GROUP-X25519"
                : g.equals(NamedGroup.SECP256R1) ? "GROUP-SECP256R1" : "GROUP-SECP384R1";
    }

    static String gnutlsCipher(CipherSuite s) {
        return switch (s.aead()) {
            case AES_128_GCM -> "AES-128-GCM";
            case AES_256_GCM -> "AES-256-GCM";
            case CHACHA20_POLY1305 -> "CHACHA20-POLY1305";
        };
    }

    static String opensslTls12Name(CipherSuite s) {
        return switch (s.value()) {
            case 0xC02B -> "ECDHE-ECDSA-AES128-GCM-SHA256";
            case 0xC02C -> "ECDHE-ECDSA-AES256-GCM-SHA384";
            case 0xC02F -> "ECDHE-RSA-AES128-GCM-SHA256";
            case 0xC030 -> "ECDHE-RSA-AES256-GCM-SHA384";
            case 0xCCA8 -> "ECDHE-RSA-CHACHA20-POLY1305";
            case 0xCCA9 -> "ECDHE-ECDSA-CHACHA20-POLY1305";
            case 0x009C -> "AES128-GCM-SHA256";
            default -> throw new IllegalArgumentException(s.toString());
        };
    }

    /**
     * The result of a Strata client's HTTP GET.
     *
     * @param summary the session
     * @param response the response text
     */
    record ClientResult(SessionSummary summary, String response) {}

    static ClientResult strataGet(int port, TlsConfig config, String sni) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
            s.setSoTimeout(10_000);
            TlsStream t = TlsStream.connect(s, config, sni);
            t.getOutputStream()
                    .write("GET / HTTP/1.0\r\nHost: server.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = t.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            int n;
            try {
                while ((n = in.read(buf)) >= 0) {
                    body.write(buf, 0, n);
                }
            } catch (IOException e) {
                if (body.size() == 0) {
                    throw e;
                }
            }
            SessionSummary sum = t.summary();
            t.close();
            return new ClientResult(sum, body.toString(StandardCharsets.ISO_8859_1));
        }
    }

    static TlsConfig.Builder strataClient(TestPki.Issued trust, ProtocolVersion v) {
        return TlsConfig.builder().versions(v).verifier(TestPki.trusting(trust.ca()));
    }

    static TlsConfig.Builder strataServer(TestPki.Issued key, ProtocolVersion v) {
        return TlsConfig.builder().versions(v).certifiedKey(key.key());
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strata client against openssl s_server

    static ChildProcess opensslServer(int port, String kind, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "s_server",
                "-accept",
                "127.0.0.1:" + port,
                "-cert",
                kind + "-cert.pem",
                "-key",
                kind + "-key.pem",
                "-www"));
        cmd.addAll(extra);
        ChildProcess p = ChildProcess.startMerged(dir, cmd);
        if (!p.awaitOut("ACCEPT", 5000)) {
            p.close();
            throw new AssertionError("openssl s_server did not start: " + p.out());
        }
        return p;
    }

    static void clientVsOpenssl13(CipherSuite suite, NamedGroup group, String kind) throws Exception {
        int port = freePort();
        try (ChildProcess p = opensslServer(
                port, kind, List.of("-tls1_3", "-ciphersuites", suite.ianaName(), "-groups", opensslGroup(group)))) {
            ClientResult r = strataGet(
                    port,
                    strataClient(issued(kind), ProtocolVersion.TLS13)
                            .groups(group)
                            .cipherSuites(suite)
                            .build(),
                    "server.example");
            assertThat(r.response()).contains("HTTP/1.0 200 ok").contains(suite.ianaName());
            assertThat(r.summary().cipherSuite()).isEqualTo(suite);
            assertThat(r.summary().group()).isEqualTo(group);
        }
    }

    @TestFactory
    Stream<DynamicTest> strataClientVsOpensslServer13() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS13_DEFAULTS) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                t.add(scenario(
                        "1.3 strata client -> openssl s_server  " + s + " " + g + " ECDSA",
                        () -> clientVsOpenssl13(s, g, "ec")));
            }
        }
        t.add(scenario(
                "1.3 strata client -> openssl s_server  RSA-PSS certificate",
                () -> clientVsOpenssl13(CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "rsa")));
        t.add(scenario("1.3 strata client -> openssl s_server  HRR (server wants P-256)", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(port, "ec", List.of("-tls1_3", "-groups", "P-256"))) {
                ClientResult r = strataGet(
                        port,
                        strataClient(ec, ProtocolVersion.TLS13)
                                .groups(NamedGroup.X25519, NamedGroup.SECP256R1)
                                .keyShareGroups(NamedGroup.X25519)
                                .build(),
                        "server.example");
                assertThat(r.summary().helloRetry()).isTrue();
                assertThat(r.summary().group()).isEqualTo(NamedGroup.SECP256R1);
                assertThat(r.response()).contains("HTTP/1.0 200 ok");
            }
        }));
        t.add(scenario("1.3 strata client -> openssl s_server  resumption (ticket, psk_dhe_ke)", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(port, "ec", List.of("-tls1_3"))) {
                TlsConfig cfg = strataClient(ec, ProtocolVersion.TLS13)
                        .sessionCache(SessionCache.inMemory(4))
                        .build();
                ClientResult first = strataGet(port, cfg, "server.example");
                ClientResult second = strataGet(port, cfg, "server.example");
                assertThat(first.summary().resumed()).isFalse();
                assertThat(second.summary().resumed()).isTrue();
                assertThat(second.response()).contains("Reused, TLSv1.3");
            }
        }));
        t.add(scenario("1.3 strata client -> openssl s_server  client certificate", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(
                    port,
                    "ec",
                    List.of("-tls1_3", "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"))) {
                ClientResult r = strataGet(
                        port,
                        strataClient(ec, ProtocolVersion.TLS13)
                                .certifiedKey(clientCert.key())
                                .build(),
                        "server.example");
                assertThat(r.response()).contains("HTTP/1.0 200 ok").contains("strata-client");
            }
        }));
        t.add(scenario("1.3 strata client -> openssl s_server  ALPN", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(port, "ec", List.of("-tls1_3", "-alpn", "h2,http/1.1"))) {
                ClientResult r = strataGet(
                        port,
                        strataClient(ec, ProtocolVersion.TLS13).alpn("http/1.1").build(),
                        "server.example");
                assertThat(r.summary().alpn()).isEqualTo("http/1.1");
            }
        }));
        return t.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Strata client against gnutls-serv

    static ChildProcess gnutlsServer(int port, String kind, String priority, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "gnutls-serv",
                "--port",
                String.valueOf(port),
                "--x509certfile",
                kind + "-cert.pem",
                "--x509keyfile",
                kind + "-key.pem",
                "--priority",
                priority));
        cmd.addAll(extra);
        ChildProcess p = ChildProcess.startMerged(dir, cmd);
        if (!p.awaitOut("IPv4 0.0.0.0 port " + port + "...done", 5000)) {
            p.close();
            throw new AssertionError("gnutls-serv did not start: " + p.out());
        }
        return p;
    }

    static void clientVsGnutls(ProtocolVersion v, CipherSuite suite, NamedGroup group, String kind) throws Exception {
        int port = freePort();
        String vers = v.equals(ProtocolVersion.TLS13) ? "+VERS-TLS1.3" : "+VERS-TLS1.2";
        String priority = "NORMAL:-VERS-ALL:" + vers + ":-CIPHER-ALL:+" + gnutlsCipher(suite) + ":-GROUP-ALL:+"
                + gnutlsGroup(group);
        try (ChildProcess p = gnutlsServer(port, kind, priority, List.of())) {
            ClientResult r = strataGet(
                    port,
                    strataClient(issued(kind), v)
                            .groups(withCertCurve(group))
                            .cipherSuites(suite)
                            .build(),
                    "server.example");
            assertThat(r.response()).contains("200 OK");
            assertThat(r.summary().cipherSuite()).isEqualTo(suite);
            assertThat(r.summary().version()).isEqualTo(v);
        }
    }

    @TestFactory
    Stream<DynamicTest> strataClientVsGnutlsServer13() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS13_DEFAULTS) {
            t.add(scenario(
                    "1.3 strata client -> gnutls-serv  " + s + " x25519 ECDSA",
                    () -> clientVsGnutls(ProtocolVersion.TLS13, s, NamedGroup.X25519, "ec")));
        }
        t.add(scenario(
                "1.3 strata client -> gnutls-serv  P-256 RSA-PSS certificate",
                () -> clientVsGnutls(
                        ProtocolVersion.TLS13, CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.SECP256R1, "rsa")));
        return t.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // openssl s_client, gnutls-cli and curl against a Strata server

    static String opensslClient(int port, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-servername",
                "server.example",
                "-verify_return_error",
                "-ign_eof"));
        cmd.addAll(extra);
        try (ChildProcess p = ChildProcess.startMerged(dir, cmd)) {
            p.send("GET / HTTP/1.1\r\nHost: server.example\r\n\r\n");
            p.closeInput();
            int code = p.waitFor(15_000);
            assertThat(p.out()).as("s_client exit " + code).contains("strata says hello");
            return p.out();
        }
    }

    static void opensslVsServer13(CipherSuite suite, NamedGroup group, String kind) throws Exception {
        try (StrataHttpsServer srv = new StrataHttpsServer(
                strataServer(issued(kind), ProtocolVersion.TLS13).build())) {
            String out = opensslClient(
                    srv.port(),
                    List.of(
                            "-CAfile",
                            kind + "-ca.pem",
                            "-tls1_3",
                            "-ciphersuites",
                            suite.ianaName(),
                            "-groups",
                            opensslGroup(group)));
            assertThat(out).contains("Verify return code: 0 (ok)").contains(suite.ianaName());
            assertThat(srv.summaries).hasSize(1);
            assertThat(srv.summaries.getFirst().group()).isEqualTo(group);
        }
    }

    @TestFactory
    Stream<DynamicTest> opensslClientVsStrataServer13() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS13_DEFAULTS) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                t.add(scenario(
                        "1.3 openssl s_client -> strata server  " + s + " " + g + " ECDSA",
                        () -> opensslVsServer13(s, g, "ec")));
            }
        }
        t.add(scenario(
                "1.3 openssl s_client -> strata server  RSA-PSS certificate",
                () -> opensslVsServer13(CipherSuite.TLS_AES_256_GCM_SHA384, NamedGroup.X25519, "rsa")));
        t.add(scenario("1.3 openssl s_client -> strata server  HRR (client shares X25519, server wants P-256)", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS13)
                    .groups(NamedGroup.SECP256R1)
                    .build())) {
                opensslClient(srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_3", "-groups", "X25519:P-256"));
                assertThat(srv.summaries.getFirst().helloRetry()).isTrue();
                assertThat(srv.summaries.getFirst().group()).isEqualTo(NamedGroup.SECP256R1);
            }
        }));
        t.add(scenario("1.3 openssl s_client -> strata server  resumption (-sess_out/-sess_in)", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS13)
                    .ticketKeys(TicketKeys.generate(new java.security.SecureRandom()))
                    .build())) {
                Path sess = dir.resolve("s13.sess");
                Files.deleteIfExists(sess);
                opensslClient(srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_3", "-sess_out", sess.toString()));
                String second = opensslClient(
                        srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_3", "-sess_in", sess.toString()));
                assertThat(second).contains("Reused, TLSv1.3");
                assertThat(srv.summaries.get(1).resumed()).isTrue();
            }
        }));
        t.add(scenario("1.3 openssl s_client -> strata server  client certificate required", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS13)
                    .clientAuth(ClientAuth.REQUIRED)
                    .verifier(TestPki.trusting(clientCert.ca()))
                    .build())) {
                opensslClient(
                        srv.port(),
                        List.of(
                                "-CAfile",
                                "ec-ca.pem",
                                "-tls1_3",
                                "-cert",
                                "client-cert.pem",
                                "-key",
                                "client-key.pem"));
                assertThat(srv.summaries.getFirst().peerCertificates())
                        .containsExactly(clientCert.key().leaf());
            }
        }));
        t.add(scenario("1.3 openssl s_client -> strata server  ALPN", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS13)
                    .alpn("h2", "http/1.1")
                    .build())) {
                String out = opensslClient(srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_3", "-alpn", "http/1.1"));
                assertThat(out).contains("ALPN protocol: http/1.1");
            }
        }));
        return t.stream();
    }

    static String gnutlsClient(int port, String caKind, String priority, List<String> extra) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                "gnutls-cli",
                "--x509cafile",
                caKind + "-ca.pem",
                "--port",
                String.valueOf(port),
                "--priority",
                priority));
        cmd.addAll(extra);
        cmd.add("localhost");
        try (ChildProcess p = ChildProcess.startMerged(dir, cmd)) {
            if (!p.awaitOut("Handshake was completed", 10_000)) {
                throw new AssertionError("gnutls-cli handshake failed: " + p.out());
            }
            p.send("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n");
            boolean got = p.awaitOut("strata says hello", 10_000);
            p.closeInput();
            p.waitFor(5000);
            assertThat(got).as(p.out()).isTrue();
            return p.out();
        }
    }

    static void gnutlsResumesWithStrataServer(ProtocolVersion v) throws Exception {
        String vers = v.equals(ProtocolVersion.TLS13) ? "+VERS-TLS1.3" : "+VERS-TLS1.2";
        try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, v)
                .ticketKeys(TicketKeys.generate(new java.security.SecureRandom()))
                .build())) {
            List<String> cmd = List.of(
                    "gnutls-cli",
                    "--x509cafile",
                    "ec-ca.pem",
                    "--port",
                    String.valueOf(srv.port()),
                    "--priority",
                    "NORMAL:-VERS-ALL:" + vers,
                    "-r",
                    "localhost");
            try (ChildProcess p = ChildProcess.startMerged(dir, cmd)) {
                p.send("\n");
                p.closeInput();
                p.waitFor(15_000);
                assertThat(p.out()).contains("This is a resumed session");
            }
            assertThat(srv.summaries).hasSizeGreaterThanOrEqualTo(2);
            assertThat(srv.summaries.getLast().resumed()).isTrue();
        }
    }

    static void gnutlsVsServer(ProtocolVersion v, CipherSuite suite, NamedGroup group, String kind) throws Exception {
        String vers = v.equals(ProtocolVersion.TLS13) ? "+VERS-TLS1.3" : "+VERS-TLS1.2";
        String priority = "NORMAL:-VERS-ALL:" + vers + ":-CIPHER-ALL:+" + gnutlsCipher(suite) + ":-GROUP-ALL:+"
                + gnutlsGroup(group);
        try (StrataHttpsServer srv =
                new StrataHttpsServer(strataServer(issued(kind), v).build())) {
            gnutlsClient(srv.port(), kind, priority, List.of());
            assertThat(srv.summaries.getFirst().cipherSuite()).isEqualTo(suite);
            assertThat(srv.summaries.getFirst().version()).isEqualTo(v);
        }
    }

    @TestFactory
    Stream<DynamicTest> gnutlsClientVsStrataServer13() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS13_DEFAULTS) {
            t.add(scenario(
                    "1.3 gnutls-cli -> strata server  " + s + " x25519 ECDSA",
                    () -> gnutlsVsServer(ProtocolVersion.TLS13, s, NamedGroup.X25519, "ec")));
        }
        t.add(scenario(
                "1.3 gnutls-cli -> strata server  resumption (-r)",
                () -> gnutlsResumesWithStrataServer(ProtocolVersion.TLS13)));
        t.add(scenario(
                "1.2 gnutls-cli -> strata server  resumption (-r, RFC 5077 ticket)",
                () -> gnutlsResumesWithStrataServer(ProtocolVersion.TLS12)));
        t.add(scenario(
                "1.3 gnutls-cli -> strata server  P-256 RSA-PSS certificate",
                () -> gnutlsVsServer(
                        ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.SECP256R1, "rsa")));
        return t.stream();
    }

    static void curlVsServer(ProtocolVersion v, List<String> tlsArgs, TlsConfig config) throws Exception {
        try (StrataHttpsServer srv = new StrataHttpsServer(config)) {
            List<String> cmd = new ArrayList<>(List.of(
                    "curl",
                    "-sS",
                    "--max-time",
                    "10",
                    "--cacert",
                    "ec-ca.pem",
                    "--resolve",
                    "server.example:" + srv.port() + ":127.0.0.1",
                    "--http1.1"));
            cmd.addAll(tlsArgs);
            cmd.add("https://server.example:" + srv.port() + "/");
            try (ChildProcess p = ChildProcess.startMerged(dir, cmd)) {
                int code = p.waitFor(15_000);
                assertThat(p.out()).as("curl exit " + code).contains("strata says hello");
                assertThat(code).isZero();
            }
            assertThat(srv.summaries.getFirst().version()).isEqualTo(v);
        }
    }

    @TestFactory
    Stream<DynamicTest> keyUpdate13() {
        return Stream.of(
                scenario("1.3 openssl s_client -> strata server  KeyUpdate (K: update_requested)", () -> {
                    try (StrataHttpsServer srv = new StrataHttpsServer(
                            strataServer(ec, ProtocolVersion.TLS13).build())) {
                        try (ChildProcess p = ChildProcess.startMerged(
                                dir,
                                List.of(
                                        "openssl",
                                        "s_client",
                                        "-connect",
                                        "127.0.0.1:" + srv.port(),
                                        "-tls1_3",
                                        "-CAfile",
                                        "ec-ca.pem",
                                        "-servername",
                                        "server.example"))) {
                            assertThat(p.awaitOut("Verify return code", 10_000)).isTrue();
                            p.send("K\n");
                            assertThat(p.awaitOut("KEYUPDATE", 10_000))
                                    .as(p.out())
                                    .isTrue();
                            p.send("GET / HTTP/1.1\r\n\r\n");
                            assertThat(p.awaitOut("strata says hello", 10_000))
                                    .as(p.out())
                                    .isTrue();
                        }
                    }
                }),
                scenario("1.3 strata client -> openssl s_server  KeyUpdate (update_requested)", () -> {
                    int port = freePort();
                    try (ChildProcess p = opensslServer(port, "ec", List.of("-tls1_3"));
                            Socket s = new Socket()) {
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                        s.setSoTimeout(10_000);
                        TlsStream t = TlsStream.connect(
                                s, strataClient(ec, ProtocolVersion.TLS13).build(), "server.example");
                        t.keyUpdate(true);
                        t.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                        byte[] all = t.getInputStream().readAllBytes();
                        assertThat(new String(all, StandardCharsets.ISO_8859_1)).contains("HTTP/1.0 200 ok");
                        t.close();
                    }
                }));
    }

    @TestFactory
    Stream<DynamicTest> curlVsStrataServer13() {
        return Stream.of(
                scenario(
                        "1.3 curl -> strata server  TLS_AES_128_GCM_SHA256 x25519 ALPN http/1.1",
                        () -> curlVsServer(
                                ProtocolVersion.TLS13,
                                List.of("--tlsv1.3", "--curves", "X25519"),
                                strataServer(ec, ProtocolVersion.TLS13)
                                        .alpn("http/1.1")
                                        .build())),
                scenario(
                        "1.3 curl -> strata server  TLS_CHACHA20_POLY1305_SHA256 P-256",
                        () -> curlVsServer(
                                ProtocolVersion.TLS13,
                                List.of(
                                        "--tlsv1.3",
                                        "--tls13-ciphers",
                                        "TLS_CHACHA20_POLY1305_SHA256",
                                        "--curves",
                                        "P-256"),
                                strataServer(ec, ProtocolVersion.TLS13).build())));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The JDK's SSLEngine, in process, both ways

    static String jdkGroup(NamedGroup g) {
        return g.equals(NamedGroup.X25519) ? "x25519" : g.ianaName();
    }

    static void jdkBothWays(ProtocolVersion v, CipherSuite suite, NamedGroup group, String kind, boolean strataIsClient)
            throws Exception {
        TestPki.Issued key = issued(kind);
        String protocol = v.equals(ProtocolVersion.TLS13) ? "TLSv1.3" : "TLSv1.2";
        byte[] request = "GET / HTTP/1.1\r\nHost: server.example\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[70_000];
        new java.util.Random(7).nextBytes(response);
        if (strataIsClient) {
            JdkPeer jdk = JdkPeer.server(
                    JdkPeer.context(key.key(), key.ca()), protocol, suite.ianaName(), jdkGroup(group), false);
            TlsEngine c = TlsEngine.client(
                    strataClient(key, v).cipherSuites(suite).groups(group).build(), "server.example");
            jdk.pump(c, java.nio.ByteBuffer.allocate(0));
            assertThat(c.failure()).isEmpty();
            assertThat(c.summary().cipherSuite()).isEqualTo(suite);
            c.write(request);
            jdk.pump(c, java.nio.ByteBuffer.allocate(0));
            assertThat(jdk.received()).isEqualTo(request);
            jdk.pump(c, java.nio.ByteBuffer.wrap(response));
            assertThat(c.readApplicationData()).isEqualTo(response);
        } else {
            JdkPeer jdk = JdkPeer.client(
                    JdkPeer.context(null, key.ca()),
                    protocol,
                    suite.ianaName(),
                    java.util.Arrays.stream(withCertCurve(group))
                            .map(InteropTest::jdkGroup)
                            .toArray(String[]::new));
            TlsEngine s = TlsEngine.server(
                    strataServer(key, v).cipherSuites(suite).groups(group).build());
            jdk.pump(s, java.nio.ByteBuffer.wrap(request));
            assertThat(s.failure()).isEmpty();
            assertThat(s.summary().cipherSuite()).isEqualTo(suite);
            assertThat(s.readApplicationData()).isEqualTo(request);
            s.write(response);
            jdk.pump(s, java.nio.ByteBuffer.allocate(0));
            assertThat(jdk.received()).isEqualTo(response);
        }
    }

    @TestFactory
    Stream<DynamicTest> jdkSslEngine13() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS13_DEFAULTS) {
            for (NamedGroup g : List.of(NamedGroup.X25519, NamedGroup.SECP256R1)) {
                t.add(scenario(
                        "1.3 strata client -> JDK SSLEngine  " + s + " " + g + " ECDSA",
                        () -> jdkBothWays(ProtocolVersion.TLS13, s, g, "ec", true)));
                t.add(scenario(
                        "1.3 JDK SSLEngine -> strata server  " + s + " " + g + " ECDSA",
                        () -> jdkBothWays(ProtocolVersion.TLS13, s, g, "ec", false)));
            }
        }
        t.add(scenario(
                "1.3 strata client -> JDK SSLEngine  RSA-PSS certificate",
                () -> jdkBothWays(
                        ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "rsa", true)));
        t.add(scenario(
                "1.3 JDK SSLEngine -> strata server  RSA-PSS certificate",
                () -> jdkBothWays(
                        ProtocolVersion.TLS13, CipherSuite.TLS_AES_128_GCM_SHA256, NamedGroup.X25519, "rsa", false)));
        return t.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // TLS 1.2

    /**
     * The client's groups: {@code group}, plus P-256 because in TLS 1.2 the ECDSA certificate's curve must be among
     * them (RFC 8422 §5.1).
     */
    static NamedGroup[] withCertCurve(NamedGroup group) {
        return group.equals(NamedGroup.SECP256R1)
                ? new NamedGroup[] {group}
                : new NamedGroup[] {group, NamedGroup.SECP256R1};
    }

    static String certFor(CipherSuite s) {
        return s.keyExchange() == CipherSuite.KeyExchange.ECDHE_ECDSA ? "ec" : "rsa";
    }

    static void clientVsOpenssl12(CipherSuite suite, NamedGroup group) throws Exception {
        int port = freePort();
        String kind = certFor(suite);
        try (ChildProcess p = opensslServer(
                port, kind, List.of("-tls1_2", "-cipher", opensslTls12Name(suite), "-groups", opensslGroup(group)))) {
            ClientResult r = strataGet(
                    port,
                    strataClient(issued(kind), ProtocolVersion.TLS12)
                            .groups(withCertCurve(group))
                            .cipherSuites(suite)
                            .build(),
                    "server.example");
            assertThat(r.response()).contains("HTTP/1.0 200 ok").contains(opensslTls12Name(suite));
            assertThat(r.summary().version()).isEqualTo(ProtocolVersion.TLS12);
            assertThat(r.summary().cipherSuite()).isEqualTo(suite);
            assertThat(r.summary().extendedMasterSecret()).isTrue();
        }
    }

    static void opensslVsServer12(CipherSuite suite, NamedGroup group) throws Exception {
        String kind = certFor(suite);
        try (StrataHttpsServer srv = new StrataHttpsServer(
                strataServer(issued(kind), ProtocolVersion.TLS12).build())) {
            String out = opensslClient(
                    srv.port(),
                    List.of(
                            "-CAfile",
                            kind + "-ca.pem",
                            "-tls1_2",
                            "-cipher",
                            opensslTls12Name(suite),
                            "-groups",
                            opensslGroup(group) + (group.equals(NamedGroup.SECP256R1) ? "" : ":P-256")));
            assertThat(out).contains("Verify return code: 0 (ok)").contains(opensslTls12Name(suite));
            assertThat(out).contains("Extended master secret: yes");
            assertThat(srv.summaries.getFirst().cipherSuite()).isEqualTo(suite);
            assertThat(srv.summaries.getFirst().group()).isEqualTo(group);
        }
    }

    @TestFactory
    Stream<DynamicTest> tls12WithOpenssl() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : CipherSuite.TLS12_DEFAULTS) {
            t.add(scenario(
                    "1.2 strata client -> openssl s_server  " + s + " x25519",
                    () -> clientVsOpenssl12(s, NamedGroup.X25519)));
            t.add(scenario(
                    "1.2 openssl s_client -> strata server  " + s + " x25519",
                    () -> opensslVsServer12(s, NamedGroup.X25519)));
        }
        t.add(scenario(
                "1.2 strata client -> openssl s_server  ECDHE-ECDSA-AES128-GCM P-256",
                () -> clientVsOpenssl12(CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1)));
        t.add(scenario(
                "1.2 openssl s_client -> strata server  ECDHE-RSA-AES128-GCM P-256",
                () -> opensslVsServer12(CipherSuite.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, NamedGroup.SECP256R1)));
        t.add(scenario("1.2 strata client -> openssl s_server  resumption (RFC 5077 ticket)", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(port, "ec", List.of("-tls1_2"))) {
                TlsConfig cfg = strataClient(ec, ProtocolVersion.TLS12)
                        .sessionCache(SessionCache.inMemory(4))
                        .build();
                ClientResult first = strataGet(port, cfg, "server.example");
                ClientResult second = strataGet(port, cfg, "server.example");
                assertThat(first.summary().resumed()).isFalse();
                assertThat(second.summary().resumed()).isTrue();
                assertThat(second.response()).contains("Reused, TLSv1.2");
            }
        }));
        t.add(scenario("1.2 openssl s_client -> strata server  resumption (-sess_out/-sess_in)", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS12)
                    .ticketKeys(TicketKeys.generate(new java.security.SecureRandom()))
                    .build())) {
                Path sess = dir.resolve("s12.sess");
                Files.deleteIfExists(sess);
                opensslClient(srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_2", "-sess_out", sess.toString()));
                String second = opensslClient(
                        srv.port(), List.of("-CAfile", "ec-ca.pem", "-tls1_2", "-sess_in", sess.toString()));
                assertThat(second).contains("Reused, TLSv1.2");
                assertThat(srv.summaries.get(1).resumed()).isTrue();
            }
        }));
        t.add(scenario("1.2 strata client -> openssl s_server  client certificate", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(
                    port,
                    "ec",
                    List.of("-tls1_2", "-Verify", "1", "-verify_return_error", "-CAfile", "client-ca.pem"))) {
                ClientResult r = strataGet(
                        port,
                        strataClient(ec, ProtocolVersion.TLS12)
                                .certifiedKey(clientCert.key())
                                .build(),
                        "server.example");
                assertThat(r.response()).contains("HTTP/1.0 200 ok").contains("strata-client");
            }
        }));
        t.add(scenario("1.2 openssl s_client -> strata server  client certificate + ALPN", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(ec, ProtocolVersion.TLS12)
                    .clientAuth(ClientAuth.REQUIRED)
                    .verifier(TestPki.trusting(clientCert.ca()))
                    .alpn("http/1.1")
                    .build())) {
                String out = opensslClient(
                        srv.port(),
                        List.of(
                                "-CAfile",
                                "ec-ca.pem",
                                "-tls1_2",
                                "-cert",
                                "client-cert.pem",
                                "-key",
                                "client-key.pem",
                                "-alpn",
                                "http/1.1"));
                assertThat(out).contains("ALPN protocol: http/1.1");
                assertThat(srv.summaries.getFirst().peerCertificates())
                        .containsExactly(clientCert.key().leaf());
            }
        }));
        t.add(scenario("1.2 strata client -> openssl s_server  RSA key transport (teaching mode)", () -> {
            int port = freePort();
            try (ChildProcess p = opensslServer(port, "rsa", List.of("-tls1_2", "-cipher", "AES128-GCM-SHA256"))) {
                ClientResult r = strataGet(
                        port,
                        strataClient(rsa, ProtocolVersion.TLS12)
                                .rsaKeyTransportTeachingMode()
                                .build(),
                        "server.example");
                assertThat(r.summary().cipherSuite()).isEqualTo(CipherSuite.TLS_RSA_WITH_AES_128_GCM_SHA256);
                assertThat(r.response()).contains("AES128-GCM-SHA256");
            }
        }));
        t.add(scenario("1.2 openssl s_client -> strata server  RSA key transport (teaching mode)", () -> {
            try (StrataHttpsServer srv = new StrataHttpsServer(strataServer(rsa, ProtocolVersion.TLS12)
                    .rsaKeyTransportTeachingMode()
                    .build())) {
                String out = opensslClient(
                        srv.port(), List.of("-CAfile", "rsa-ca.pem", "-tls1_2", "-cipher", "AES128-GCM-SHA256"));
                assertThat(out).contains("AES128-GCM-SHA256");
            }
        }));
        return t.stream();
    }

    @TestFactory
    Stream<DynamicTest> tls12WithGnutlsCurlJdk() {
        List<DynamicTest> t = new ArrayList<>();
        for (CipherSuite s : List.of(
                CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
                CipherSuite.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
                CipherSuite.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256)) {
            t.add(scenario(
                    "1.2 strata client -> gnutls-serv  " + s + " x25519",
                    () -> clientVsGnutls(ProtocolVersion.TLS12, s, NamedGroup.X25519, certFor(s))));
            t.add(scenario(
                    "1.2 gnutls-cli -> strata server  " + s + " P-256",
                    () -> gnutlsVsServer(ProtocolVersion.TLS12, s, NamedGroup.SECP256R1, certFor(s))));
        }
        t.add(scenario(
                "1.2 curl -> strata server  ECDHE-ECDSA-AES256-GCM x25519",
                () -> curlVsServer(
                        ProtocolVersion.TLS12,
                        List.of("--tlsv1.2", "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384"),
                        strataServer(ec, ProtocolVersion.TLS12).build())));
        for (CipherSuite s : CipherSuite.TLS12_DEFAULTS) {
            t.add(scenario(
                    "1.2 strata client -> JDK SSLEngine  " + s,
                    () -> jdkBothWays(ProtocolVersion.TLS12, s, NamedGroup.SECP256R1, certFor(s), true)));
            t.add(scenario(
                    "1.2 JDK SSLEngine -> strata server  " + s,
                    () -> jdkBothWays(ProtocolVersion.TLS12, s, NamedGroup.X25519, certFor(s), false)));
        }
        return t.stream();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What Strata refuses, as real peers see it

    @TestFactory
    Stream<DynamicTest> refusals() {
        return Stream.of(
                scenario("refuse: openssl s_client -tls1_1 -> strata server (protocol_version)", () -> {
                    try (StrataHttpsServer srv = new StrataHttpsServer(
                            strataServer(ec, ProtocolVersion.TLS13).build())) {
                        try (ChildProcess p = ChildProcess.startMerged(
                                dir,
                                List.of(
                                        "openssl",
                                        "s_client",
                                        "-connect",
                                        "127.0.0.1:" + srv.port(),
                                        "-tls1_1",
                                        "-cipher",
                                        "ALL:@SECLEVEL=0"))) {
                            p.closeInput();
                            p.waitFor(10_000);
                            assertThat(p.out()).contains("protocol version");
                        }
                        assertThat(srv.summaries).isEmpty();
                        assertThat(srv.failures.getFirst()).contains("protocol_version");
                    }
                }),
                scenario("refuse: openssl s_client CBC-only -> strata server (handshake_failure)", () -> {
                    try (StrataHttpsServer srv = new StrataHttpsServer(
                            strataServer(ec, ProtocolVersion.TLS12).build())) {
                        try (ChildProcess p = ChildProcess.startMerged(
                                dir,
                                List.of(
                                        "openssl",
                                        "s_client",
                                        "-connect",
                                        "127.0.0.1:" + srv.port(),
                                        "-tls1_2",
                                        "-cipher",
                                        "ECDHE-ECDSA-AES128-SHA256"))) {
                            p.closeInput();
                            p.waitFor(10_000);
                            assertThat(p.out()).contains("handshake failure");
                        }
                        assertThat(srv.failures.getFirst()).contains("handshake_failure");
                    }
                }),
                scenario("refuse: HelloRequest from openssl s_server (no_renegotiation, session goes on)", () -> {
                    int port = freePort();
                    List<String> cmd = List.of(
                            "stdbuf",
                            "-o0",
                            "openssl",
                            "s_server",
                            "-accept",
                            "127.0.0.1:" + port,
                            "-cert",
                            "ec-cert.pem",
                            "-key",
                            "ec-key.pem",
                            "-tls1_2",
                            "-msg");
                    try (ChildProcess p = ChildProcess.startMerged(dir, cmd);
                            Socket s = new Socket()) {
                        assertThat(p.awaitOut("ACCEPT", 5000)).isTrue();
                        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                        s.setSoTimeout(10_000);
                        TlsStream t = TlsStream.connect(
                                s, strataClient(ec, ProtocolVersion.TLS12).build(), "server.example");
                        assertThat(p.awaitOut("CIPHER is", 5000)).as(p.out()).isTrue();
                        p.send("R\n");
                        assertThat(p.awaitOut("HelloRequest", 5000)).as(p.out()).isTrue();
                        p.send("still here\n");
                        byte[] buf = new byte[100];
                        StringBuilder got = new StringBuilder();
                        try {
                            int n;
                            while (!got.toString().contains("still here")
                                    && (n = t.getInputStream().read(buf)) > 0) {
                                got.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            }
                        } catch (TlsIOException e) {
                            // OpenSSL may abort its own renegotiation attempt with handshake_failure: its choice.
                            assertThat(e.failure().sentByUs()).isFalse();
                        }
                        assertThat(p.awaitOut("no_renegotiation", 5000))
                                .as(p.out())
                                .isTrue();
                        t.engine()
                                .failure()
                                .ifPresent(f -> assertThat(f.sentByUs()).isFalse());
                        t.close();
                    }
                }),
                scenario("refuse: renegotiation from openssl s_client (no_renegotiation)", () -> {
                    try (StrataHttpsServer srv = new StrataHttpsServer(
                            strataServer(ec, ProtocolVersion.TLS12).build())) {
                        try (ChildProcess p = ChildProcess.startMerged(
                                dir,
                                List.of(
                                        "openssl",
                                        "s_client",
                                        "-connect",
                                        "127.0.0.1:" + srv.port(),
                                        "-tls1_2",
                                        "-CAfile",
                                        "ec-ca.pem"))) {
                            assertThat(p.awaitOut("Verify return code", 10_000)).isTrue();
                            p.send("R\n");
                            assertThat(p.awaitOut("no renegotiation", 10_000))
                                    .as(p.out())
                                    .isTrue();
                        }
                    }
                }));
    }
}
