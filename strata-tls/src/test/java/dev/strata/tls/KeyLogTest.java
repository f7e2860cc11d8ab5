package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.strata.testing.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NSS key log lines: Strata's secrets must be exactly those openssl logs for the same connection, so Wireshark can
 * decrypt a capture with either file.
 */
@SuppressWarnings("try") // the peer process is held open for the scope of the try
class KeyLogTest {

    @TempDir
    Path dir;

    private Set<String> lines(Path file) throws Exception {
        Set<String> out = new TreeSet<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank() && !l.startsWith("#")) {
                out.add(l.trim().toLowerCase(java.util.Locale.ROOT));
            }
        }
        return out;
    }

    private void compareWithOpenssl(ProtocolVersion v) throws Exception {
        InteropTest.dir = dir;
        InteropTest.certificates();
        Path theirs = dir.resolve("openssl.keys");
        int port = InteropTest.freePort();
        List<String> ours = new CopyOnWriteArrayList<>();
        List<String> args = new ArrayList<>(List.of("-keylogfile", theirs.toString()));
        args.add(v.equals(ProtocolVersion.TLS13) ? "-tls1_3" : "-tls1_2");
        try (ChildProcess p = InteropTest.opensslServer(port, "ec", args)) {
            InteropTest.strataGet(
                    port,
                    InteropTest.strataClient(InteropTest.ec, v)
                            .keyLog(ours::add)
                            .build(),
                    "server.example");
        }
        Set<String> mine = new TreeSet<>();
        ours.forEach(l -> mine.add(l.toLowerCase(java.util.Locale.ROOT)));
        assertThat(mine).isEqualTo(lines(theirs));
        if (v.equals(ProtocolVersion.TLS13)) {
            assertThat(mine).hasSize(5);
            assertThat(ours)
                    .anyMatch(l -> l.startsWith("CLIENT_HANDSHAKE_TRAFFIC_SECRET "))
                    .anyMatch(l -> l.startsWith("SERVER_TRAFFIC_SECRET_0 "));
        } else {
            assertThat(ours).singleElement().satisfies(l -> assertThat(l).startsWith("CLIENT_RANDOM "));
        }
    }

    @Test
    void tls13LinesMatchOpenssl() throws Exception {
        compareWithOpenssl(ProtocolVersion.TLS13);
    }

    @Test
    void tls12LinesMatchOpenssl() throws Exception {
        compareWithOpenssl(ProtocolVersion.TLS12);
    }

    @Test
    void appendingToAFileWritesOneLinePerSecret() throws Exception {
        Path f = dir.resolve("strata.keys");
        TlsEngine s = TlsEngine.server(
                Tls13HandshakeTest.server(Tls13HandshakeTest.EC).build());
        TlsEngine c = TlsEngine.client(
                Tls13HandshakeTest.client(Tls13HandshakeTest.EC)
                        .keyLog(KeyLog.appendingTo(f))
                        .build(),
                "server.example");
        Loopback.pump(c, s);
        List<String> l = Files.readAllLines(f);
        assertThat(l).hasSize(5).allMatch(x -> x.matches("[A-Z_0-9]+ [0-9a-f]{64} [0-9a-f]{64}"));
    }
}
