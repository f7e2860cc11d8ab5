package dev.strata.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.strata.tls.TestPki.KeyType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM credentials as openssl writes them (SEC1 EC, PKCS#8 RSA and Ed25519) load and work in a handshake. */
class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void keysAndChainsLoadAndHandshake() throws Exception {
        for (KeyType t : KeyType.values()) {
            TestPki.Issued issued = TestPki.issue(t, t, true, "server.example");
            TestPki.writePem(issued, dir, t + "-");
            CertifiedKey ck = PemFiles.certifiedKey(dir.resolve(t + "-cert.pem"), dir.resolve(t + "-key.pem"));
            assertThat(ck.leaf()).isEqualTo(issued.key().leaf());
            // Encodings differ (openssl adds the public key to SEC1); the handshake below proves it is the same key.
            assertThat(ck.privateKey().getAlgorithm())
                    .isEqualTo(issued.key().privateKey().getAlgorithm());
            TlsEngine s = TlsEngine.server(TlsConfig.builder().certifiedKey(ck).build());
            TlsEngine c = TlsEngine.client(
                    TlsConfig.builder()
                            .verifier(TestPki.trusting(PemFiles.readCertificates(dir.resolve(t + "-ca.pem"))
                                    .getFirst()))
                            .build(),
                    "server.example");
            Loopback.pump(c, s);
            assertThat(c.failure()).as(t.toString()).isEmpty();
        }
    }

    @Test
    void garbageIsAClearError() throws Exception {
        Path f = dir.resolve("junk.pem");
        Files.writeString(f, "not a pem file\n");
        assertThatThrownBy(() -> PemFiles.readPrivateKey(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("junk.pem");
        assertThatThrownBy(() -> PemFiles.readCertificates(f))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("junk.pem");
    }
}
