package dev.strata.cli.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.Main;
import dev.strata.pki.Pem;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code strata ca init|issue|verify} run in-process against a temporary directory, with OpenSSL as referee. */
class CaCommandTest {

    /** One in-process run: exit code and what went to stdout and stderr. */
    record Result(int exit, String out, String err) {}

    private static Result strata(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Main.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private static String openssl(Path dir, int expectedExit, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("openssl", ".out");
        Process p = new ProcessBuilder(cmd)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + output).isEqualTo(expectedExit);
            return output;
        } finally {
            p.destroyForcibly();
            Files.deleteIfExists(log);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ec", "rsa", "ed25519"})
    void initIssueVerifyAndOpensslAgrees(String key, @TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("ca");
        Result init = strata("ca", "init", "--dir", d.toString(), "--name", "Strata Test CA", "--key", key);
        assertThat(init.exit()).as(init.toString()).isZero();
        assertThat(init.out()).contains("created root CA CN=Strata Test CA", "created intermediate CA");
        for (String f : List.of("root.crt", "root.key", "intermediate.crt", "intermediate.key")) {
            assertThat(d.resolve(f)).exists();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve("root.key"))))
                .isEqualTo("rw-------");

        Result issue = strata(
                "ca",
                "issue",
                "--dir",
                d.toString(),
                "--name",
                "www.example.test",
                "--dns",
                "api.example.test",
                "--ip",
                "192.0.2.10",
                "--ip",
                "2001:db8::10",
                "--days",
                "30",
                "--key",
                key);
        assertThat(issue.exit()).as(issue.toString()).isZero();
        Path crt = d.resolve("www.example.test.crt");
        Path chainFile = d.resolve("www.example.test.chain.pem");
        Path keyFile = d.resolve("www.example.test.key");
        assertThat(Pem.readCertificates(crt)).hasSize(1);
        List<X509Certificate> chain = Pem.readCertificates(chainFile);
        assertThat(chain).hasSize(2);
        assertThat(chain.getFirst()).isEqualTo(Pem.readCertificates(crt).getFirst());
        assertThat(chain.get(1))
                .isEqualTo(Pem.readCertificates(d.resolve("intermediate.crt")).getFirst());
        assertThat(Files.readString(keyFile)).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)))
                .isEqualTo("rw-------");
        X509Certificate leaf = chain.getFirst();
        long days = (leaf.getNotAfter().getTime() - leaf.getNotBefore().getTime()) / 86_400_000L;
        assertThat(days).isEqualTo(30);

        // Strata's verifier: every name, and failures with exit 1.
        for (String name : List.of("www.example.test", "api.example.test", "192.0.2.10", "2001:db8::10")) {
            Result ok = strata(
                    "ca", "verify", "--cafile", d.resolve("root.crt").toString(), chainFile.toString(), "--name", name);
            assertThat(ok.exit()).as(ok.toString()).isZero();
            assertThat(ok.out()).contains(": OK for " + name, "(trust anchor)");
        }
        Result wrong = strata(
                "ca",
                "verify",
                "--cafile",
                d.resolve("root.crt").toString(),
                chainFile.toString(),
                "--name",
                "evil.example.test");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(wrong.err()).contains("FAILED: HOSTNAME_MISMATCH");
        Result expired = strata(
                "ca",
                "verify",
                "--cafile",
                d.resolve("root.crt").toString(),
                chainFile.toString(),
                "--name",
                "www.example.test",
                "--at",
                leaf.getNotAfter().toInstant().plusSeconds(1).toString());
        assertThat(expired.exit()).isEqualTo(1);
        assertThat(expired.err()).contains("FAILED: EXPIRED");
        Result noChain =
                strata("ca", "verify", "--cafile", d.resolve("root.crt").toString(), crt.toString());
        assertThat(noChain.exit()).isEqualTo(1);
        assertThat(noChain.err()).contains("UNKNOWN_CA");
        Result withUntrusted = strata(
                "ca",
                "verify",
                "--cafile",
                d.resolve("root.crt").toString(),
                crt.toString(),
                "--untrusted",
                d.resolve("intermediate.crt").toString(),
                "--name",
                "www.example.test");
        assertThat(withUntrusted.exit()).as(withUntrusted.toString()).isZero();

        // OpenSSL agrees on the files written.
        String v = openssl(
                d,
                0,
                "verify",
                "-x509_strict",
                "-purpose",
                "sslserver",
                "-verify_hostname",
                "www.example.test",
                "-CAfile",
                "root.crt",
                "-untrusted",
                "www.example.test.chain.pem",
                "www.example.test.crt");
        assertThat(v).contains("www.example.test.crt: OK");
        openssl(
                d,
                0,
                "verify",
                "-x509_strict",
                "-verify_ip",
                "192.0.2.10",
                "-CAfile",
                "root.crt",
                "-untrusted",
                "intermediate.crt",
                "www.example.test.crt");
        String text = openssl(d, 0, "x509", "-in", "www.example.test.crt", "-noout", "-text");
        assertThat(text).contains("DNS:www.example.test, DNS:api.example.test, IP Address:192.0.2.10");
        assertThat(text).contains("TLS Web Server Authentication");
        // The key file is the certificate's key.
        String pub1 = openssl(d, 0, "pkey", "-in", "www.example.test.key", "-pubout");
        String pub2 = openssl(d, 0, "x509", "-in", "www.example.test.crt", "-noout", "-pubkey");
        assertThat(pub1).isEqualTo(pub2);
    }

    @Test
    void clientCertificates(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("ca");
        assertThat(strata("ca", "init", "--dir", d.toString()).exit()).isZero();
        Result issue = strata("ca", "issue", "--dir", d.toString(), "--name", "alice", "--client");
        assertThat(issue.exit()).as(issue.toString()).isZero();
        Path chain = d.resolve("alice.chain.pem");
        String ca = d.resolve("root.crt").toString();
        assertThat(strata("ca", "verify", "--cafile", ca, chain.toString(), "--purpose", "client")
                        .exit())
                .isZero();
        Result asServer = strata("ca", "verify", "--cafile", ca, chain.toString(), "--purpose", "server");
        assertThat(asServer.exit()).isEqualTo(1);
        assertThat(asServer.err()).contains("EXTENDED_KEY_USAGE");
        openssl(
                d,
                0,
                "verify",
                "-purpose",
                "sslclient",
                "-CAfile",
                "root.crt",
                "-untrusted",
                "alice.chain.pem",
                "alice.crt");
        openssl(
                d,
                2,
                "verify",
                "-purpose",
                "sslserver",
                "-CAfile",
                "root.crt",
                "-untrusted",
                "alice.chain.pem",
                "alice.crt");
    }

    @Test
    void rootOnlyCaSignsDirectly(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("ca");
        assertThat(strata("ca", "init", "--dir", d.toString(), "--root-only", "--key", "ed25519")
                        .exit())
                .isZero();
        assertThat(d.resolve("intermediate.crt")).doesNotExist();
        assertThat(strata("ca", "issue", "--dir", d.toString(), "--name", "198.51.100.20")
                        .exit())
                .isZero();
        assertThat(Pem.readCertificates(d.resolve("198.51.100.20.chain.pem"))).hasSize(1);
        Result ok = strata(
                "ca",
                "verify",
                "--cafile",
                d.resolve("root.crt").toString(),
                d.resolve("198.51.100.20.crt").toString(),
                "--name",
                "198.51.100.20");
        assertThat(ok.exit()).as(ok.toString()).isZero();
        openssl(d, 0, "verify", "-verify_ip", "198.51.100.20", "-CAfile", "root.crt", "198.51.100.20.crt");
    }

    @Test
    void initRefusesToOverwrite(@TempDir Path tmp) {
        Path d = tmp.resolve("ca");
        assertThat(strata("ca", "init", "--dir", d.toString()).exit()).isZero();
        Result again = strata("ca", "init", "--dir", d.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("already holds a CA");
    }

    @Test
    void usageErrorsExitTwoWithOneClearLine(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("ca");
        assertThat(strata("ca", "init", "--dir", d.toString()).exit()).isZero();
        String dir = d.toString();
        String ca = d.resolve("root.crt").toString();
        Path notPem = Files.writeString(tmp.resolve("x.txt"), "hello");
        String[][] bad = {
            {"ca"},
            {"ca", "init"},
            {"ca", "init", "--dir", tmp.resolve("other").toString(), "--key", "dsa"},
            {"ca", "init", "--dir", notPem.toString()},
            {"ca", "issue", "--dir", dir},
            {"ca", "issue", "--dir", dir, "--name", "../evil"},
            {"ca", "issue", "--dir", dir, "--name", "bad name"},
            {"ca", "issue", "--dir", dir, "--name", "ok.example.test", "--ip", "300.1.1.1"},
            {"ca", "issue", "--dir", dir, "--name", "ok.example.test", "--dns", "*.com"},
            {"ca", "issue", "--dir", dir, "--name", "ok.example.test", "--days", "0"},
            {"ca", "issue", "--dir", dir, "--name", "ok.example.test", "--days", "many"},
            {"ca", "issue", "--dir", dir, "--name", "ok.example.test", "--days", "36000"},
            {"ca", "issue", "--dir", tmp.resolve("nothing").toString(), "--name", "ok.example.test"},
            {"ca", "issue", "--dir", tmp.toString(), "--name", "ok.example.test"},
            {"ca", "verify", ca},
            {"ca", "verify", "--cafile", ca},
            {"ca", "verify", "--cafile", tmp.resolve("missing.pem").toString(), ca},
            {"ca", "verify", "--cafile", notPem.toString(), ca},
            {"ca", "verify", "--cafile", ca, ca, "--purpose", "email"},
            {"ca", "verify", "--cafile", ca, ca, "--at", "tomorrow"},
            {"ca", "frobnicate"},
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
        assertThat(Files.list(d).map(p -> p.getFileName().toString()).toList())
                .containsExactlyInAnyOrder("root.crt", "root.key", "intermediate.crt", "intermediate.key");
    }

    @Test
    void malformedCertificateFileFailsWithExitOne(@TempDir Path tmp) throws Exception {
        Path d = tmp.resolve("ca");
        assertThat(strata("ca", "init", "--dir", d.toString()).exit()).isZero();
        Path garbage = Files.writeString(
                tmp.resolve("garbage.pem"), "-----BEGIN CERTIFICATE-----\nMAMCAQE=\n-----END CERTIFICATE-----\n");
        Result r = strata("ca", "verify", "--cafile", d.resolve("root.crt").toString(), garbage.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("MALFORMED");
    }

    @Test
    void helpAndExitCodesThroughMainRun(@TempDir Path tmp) {
        assertThat(Main.run("ca", "--help")).isZero();
        assertThat(Main.run("ca", "init", "--help")).isZero();
        assertThat(Main.run("ca", "issue", "--help")).isZero();
        assertThat(Main.run("ca", "verify", "--help")).isZero();
        Path d = tmp.resolve("ca");
        assertThat(Main.run("ca", "init", "--dir", d.toString())).isZero();
        assertThat(Main.run("ca", "issue", "--dir", d.toString(), "--name", "h.example.test"))
                .isZero();
        assertThat(Main.run(
                        "ca",
                        "verify",
                        "--cafile",
                        d.resolve("root.crt").toString(),
                        d.resolve("h.example.test.chain.pem").toString(),
                        "--name",
                        "h.example.test"))
                .isZero();
        assertThat(Main.run(
                        "ca",
                        "verify",
                        "--cafile",
                        d.resolve("root.crt").toString(),
                        d.resolve("h.example.test.chain.pem").toString(),
                        "--name",
                        "x.example.test"))
                .isEqualTo(1);
        assertThat(Main.run("ca", "issue", "--dir", d.toString())).isEqualTo(2);
    }
}
