package dev.strata.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.cli.CliRun;
import dev.strata.cli.Main;
import dev.strata.testing.Tshark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata demo tls}: the notes' TLS handshake over Strata's TCP in the simulator, as tshark sees it with the
 * demo's key log (the HTTP request and answer decrypted inside), in the trace and in the Mermaid diagram; and the
 * same seed gives the same bytes.
 */
class TlsDemoTest {

    @TempDir
    Path dir;

    private static String run(int expectedExit, String... args) {
        CliRun r = CliRun.of(args);
        assertThat(r.exitCode())
                .as("exit code of strata " + String.join(" ", args) + "\n" + r.err())
                .isEqualTo(expectedExit);
        return r.out();
    }

    /** tshark with the key log: the handshake message types, in capture order. */
    private static List<String> handshakeTypes(Path pcap, Path keylog) throws Exception {
        List<String> types = new ArrayList<>();
        for (String line : Tshark.run(
                pcap,
                "-o",
                "tls.keylog_file:" + keylog,
                "-Y",
                "tls.handshake",
                "-T",
                "fields",
                "-E",
                "occurrence=a",
                "-E",
                "aggregator=,",
                "-e",
                "tls.handshake.type")) {
            types.addAll(List.of(line.split(",")));
        }
        return types;
    }

    private static int decrypted(Path pcap, Path keylog, String filter) throws Exception {
        return Tshark.run(pcap, "-o", "tls.keylog_file:" + keylog, "-Y", filter).size();
    }

    /** The capture is clean: nothing malformed, every TCP checksum good, no retransmission. */
    private static void clean(Path pcap, Path keylog) throws Exception {
        assertThat(Tshark.problems(pcap)).isEmpty();
        assertThat(Tshark.run(
                        pcap, "-o", "tls.keylog_file:" + keylog, "-Y", "_ws.malformed || _ws.expert.severity >= error"))
                .isEmpty();
        assertThat(Tshark.count(pcap, "tcp.checksum.status == 1")).isEqualTo(Tshark.count(pcap, "tcp"));
        assertThat(Tshark.count(pcap, "tcp.analysis.retransmission || tcp.analysis.lost_segment"))
                .isZero();
    }

    @Test
    void tls12InTheNotesOrderDecryptedByTsharkWithTheKeyLog() throws Exception {
        Path pcap = dir.resolve("tls.pcapng");
        Path keylog = dir.resolve("tls.keys");
        Path mmd = dir.resolve("tls.mmd");
        String out = run(
                0,
                "demo",
                "tls",
                "--pcap",
                pcap.toString(),
                "--keylog",
                keylog.toString(),
                "--mermaid",
                mmd.toString());

        // The notes' order, in the trace, with the TCP handshake before and the termination after.
        assertThat(out)
                .containsSubsequence(
                        "CA: signed the server's public key with its private key: CN=www.example.com",
                        "client TCP 192.0.2.10:",
                        "SYN-SENT -> ESTABLISHED",
                        "client > server: ClientHello",
                        "server > client: ServerHello",
                        "server > client: Certificate",
                        "server > client: ServerKeyExchange",
                        "server > client: ServerHelloDone",
                        "client > server: ClientKeyExchange",
                        "client > server: ChangeCipherSpec",
                        "client > server: Finished (encrypted)",
                        "server > client: ChangeCipherSpec",
                        "server > client: Finished (encrypted)",
                        "client > server: Application Data (HTTP GET /)",
                        "server > client: Application Data (HTTP 200 OK)",
                        "client > server: Alert (close_notify)",
                        "ESTABLISHED -> FIN-WAIT-1",
                        "TIME-WAIT -> CLOSED")
                .contains("HTTP: GET / -> HTTP/1.1 200 OK")
                .contains("closed: client clean close (close_notify both ways); server clean close")
                .contains("TLS: TLSv1.2 TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 group=x25519");

        // tshark: the handshake messages in order, and the HTTP inside once decrypted (and only then).
        assertThat(handshakeTypes(pcap, keylog)).containsExactly("1", "2", "11", "12", "14", "16", "20", "20");
        assertThat(decrypted(pcap, keylog, "http.request.method == \"GET\" && http.request.uri == \"/\""))
                .isEqualTo(1);
        assertThat(decrypted(pcap, keylog, "http.response.code == 200")).isEqualTo(1);
        assertThat(decrypted(pcap, keylog, "http.file_data contains \"Hello from Strata\""))
                .isEqualTo(1);
        assertThat(Tshark.count(pcap, "http")).isZero();
        assertThat(decrypted(pcap, keylog, "tls.alert_message.desc == 0")).isEqualTo(2);
        clean(pcap, keylog);

        // TCP's four-way termination after the close_notify alerts: FIN/ACK, ACK, FIN/ACK, ACK.
        List<String> control =
                Tshark.fields(pcap, "tcp.len == 0 && tcp.flags.syn == 0", "ip.src", "tcp.flags.fin").stream()
                        .map(r -> (r.get(0).equals("192.0.2.10") ? "client" : "server")
                                + (r.get(1).equals("1") || r.get(1).equals("True") ? " FIN" : " ACK"))
                        .toList();
        assertThat(control.subList(control.size() - 4, control.size()))
                .containsExactly("client FIN", "server ACK", "server FIN", "client ACK");

        // The diagram: TCP segments and TLS messages, each message before the segment that carries it.
        assertThat(Files.readString(mmd))
                .startsWith("sequenceDiagram")
                .containsSubsequence(
                        "client->>server: SYN seq=",
                        "server->>client: SYN, ACK seq=",
                        "client->>server: ACK seq=",
                        "client->>server: ClientHello",
                        "client->>server: PSH, ACK",
                        "server->>client: ServerHello",
                        "server->>client: Certificate",
                        "server->>client: ServerKeyExchange",
                        "server->>client: ServerHelloDone",
                        "server->>client: PSH, ACK",
                        "client->>server: ClientKeyExchange",
                        "client->>server: ChangeCipherSpec",
                        "client->>server: Finished (encrypted)",
                        "server->>client: ChangeCipherSpec",
                        "server->>client: Finished (encrypted)",
                        "client->>server: Application Data (HTTP GET /)",
                        "server->>client: Application Data (HTTP 200 OK)",
                        "client->>server: Alert (close_notify)",
                        "client->>server: FIN, ACK",
                        "server->>client: Alert (close_notify)",
                        "server->>client: ACK",
                        "server->>client: FIN, ACK",
                        "client->>server: ACK");
    }

    @Test
    void tls13AndTheRsaTeachingModeDecryptToo() throws Exception {
        Path pcap = dir.resolve("tls13.pcapng");
        Path keylog = dir.resolve("tls13.keys");
        String out = run(
                0,
                "demo",
                "tls",
                "--version",
                "1.3",
                "--quiet",
                "--pcap",
                pcap.toString(),
                "--keylog",
                keylog.toString());
        assertThat(out)
                .contains("TLS: TLSv1.3 TLS_AES_128_GCM_SHA256 group=x25519")
                .doesNotContain("TEACHING");
        // ClientHello, ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished, Finished.
        assertThat(handshakeTypes(pcap, keylog)).containsExactly("1", "2", "8", "11", "15", "20", "20");
        assertThat(decrypted(pcap, keylog, "http.request.method == \"GET\"")).isEqualTo(1);
        assertThat(decrypted(pcap, keylog, "http.response.code == 200")).isEqualTo(1);
        clean(pcap, keylog);

        Path rsaPcap = dir.resolve("rsa.pcapng");
        Path rsaKeys = dir.resolve("rsa.keys");
        String rsa = run(
                0,
                "demo",
                "tls",
                "--key-exchange",
                "rsa",
                "--quiet",
                "--pcap",
                rsaPcap.toString(),
                "--keylog",
                rsaKeys.toString());
        assertThat(rsa)
                .contains("TEACHING MODE: RSA key transport (TLS_RSA_WITH_AES_128_GCM_SHA256)")
                .contains("the client encrypts the premaster secret with the server's public key")
                .contains("TLS_RSA_WITH_AES_128_GCM_SHA256")
                .contains("[TEACHING MODE: RSA key transport, no forward secrecy]");
        // No ServerKeyExchange: the client sends the premaster secret encrypted with the server's RSA key.
        assertThat(handshakeTypes(rsaPcap, rsaKeys)).containsExactly("1", "2", "11", "14", "16", "20", "20");
        assertThat(Tshark.count(rsaPcap, "tls.handshake.ciphersuite == 0x009c && tls.handshake.type == 2"))
                .isEqualTo(1);
        assertThat(decrypted(rsaPcap, rsaKeys, "http.response.code == 200")).isEqualTo(1);
        clean(rsaPcap, rsaKeys);
    }

    @Test
    void sameSeedSameBytesAnotherSeedDiffers() throws Exception {
        for (String version : List.of("1.2", "1.3")) {
            Path[] pcaps = new Path[3];
            Path[] keys = new Path[3];
            String[] seeds = {"7", "7", "8"};
            for (int i = 0; i < 3; i++) {
                pcaps[i] = dir.resolve(version + "-" + i + ".pcapng");
                keys[i] = dir.resolve(version + "-" + i + ".keys");
                run(
                        0,
                        "demo",
                        "tls",
                        "--version",
                        version,
                        "--seed",
                        seeds[i],
                        "--quiet",
                        "--pcap",
                        pcaps[i].toString(),
                        "--keylog",
                        keys[i].toString());
            }
            // Same seed: the CA, the certificate, the randoms, the key shares, the signatures and the ciphertext.
            assertThat(Files.readAllBytes(pcaps[0])).as(version).isEqualTo(Files.readAllBytes(pcaps[1]));
            assertThat(Files.readString(keys[0])).as(version).isEqualTo(Files.readString(keys[1]));
            assertThat(Files.readAllBytes(pcaps[0])).as(version).isNotEqualTo(Files.readAllBytes(pcaps[2]));
            assertThat(Files.readString(keys[0])).as(version).isNotEqualTo(Files.readString(keys[2]));
        }
    }

    @Test
    void demoWithoutASubcommandTellsTheTlsStoryThenListsTheOthers() {
        String out = run(0, "demo", "--quiet");
        assertThat(out)
                .containsSubsequence(
                        "Strata demo: tls", "HTTP: GET / -> HTTP/1.1 200 OK", "Other demos:", "./strata demo tls")
                .contains("./strata demo ping", "./strata demo tcp");
    }

    @Test
    void badChoicesAreUsageErrors() {
        assertThat(Main.run("demo", "tls", "--version", "1.3", "--key-exchange", "rsa"))
                .isEqualTo(2);
        assertThat(Main.run("demo", "tls", "--version", "1.1")).isEqualTo(2);
        assertThat(Main.run("demo", "tls", "--key-exchange", "dh")).isEqualTo(2);
        assertThat(Main.run("demo", "tls", "--seed", "x")).isEqualTo(2);
    }
}
