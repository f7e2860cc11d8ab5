package dev.strata.cli.ca;

import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.Pem;
import dev.strata.pki.PemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

/**
 * The files of a CA made by {@code strata ca init}: {@code root.crt} and {@code root.key}, and (unless
 * {@code --root-only}) {@code intermediate.crt} and {@code intermediate.key}. Keys are PKCS#8 PEM, mode 0600.
 *
 * @param dir the directory
 */
record CaDirectory(Path dir) {

    static final String ROOT_CERT = "root.crt";
    static final String ROOT_KEY = "root.key";
    static final String INTERMEDIATE_CERT = "intermediate.crt";
    static final String INTERMEDIATE_KEY = "intermediate.key";

    Path rootCert() {
        return dir.resolve(ROOT_CERT);
    }

    Path rootKey() {
        return dir.resolve(ROOT_KEY);
    }

    Path intermediateCert() {
        return dir.resolve(INTERMEDIATE_CERT);
    }

    Path intermediateKey() {
        return dir.resolve(INTERMEDIATE_KEY);
    }

    /** True when any CA file is already there. */
    boolean holdsCa() {
        return Files.exists(rootCert())
                || Files.exists(rootKey())
                || Files.exists(intermediateCert())
                || Files.exists(intermediateKey());
    }

    /**
     * The CA that issues end-entity certificates: the intermediate when there is one, the root otherwise.
     *
     * @throws PemException when a file is missing, unreadable, malformed, or a key does not match its certificate
     */
    CertificateAuthority loadIssuing(SecureRandom random, Clock clock) throws PemException {
        if (!Files.exists(rootCert())) {
            throw new PemException(dir + " holds no CA (no " + ROOT_CERT + "); run 'strata ca init --dir " + dir + "'");
        }
        X509Certificate root = Pem.readCertificates(rootCert()).getFirst();
        boolean hasIntermediate = Files.exists(intermediateCert());
        Path certFile = hasIntermediate ? intermediateCert() : rootCert();
        Path keyFile = hasIntermediate ? intermediateKey() : rootKey();
        X509Certificate cert = hasIntermediate ? Pem.readCertificates(certFile).getFirst() : root;
        PrivateKey key = Pem.readPrivateKey(keyFile);
        List<X509Certificate> above = hasIntermediate ? List.of(root) : List.of();
        try {
            return CertificateAuthority.load(cert, key, above, random, clock);
        } catch (IllegalArgumentException e) {
            throw new PemException(keyFile + " does not belong to " + certFile, e);
        }
    }
}
