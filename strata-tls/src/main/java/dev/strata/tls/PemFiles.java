package dev.strata.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads the PEM files a TLS endpoint is configured with: certificate chains and private keys (PKCS#8 "PRIVATE KEY",
 * SEC1 "EC PRIVATE KEY" and PKCS#1 "RSA PRIVATE KEY"), as openssl and Strata's CA write them.
 */
public final class PemFiles {

    private PemFiles() {}

    /** All certificates in {@code file}, in file order (end-entity first for a chain). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        try {
            CertificateFactory cf = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : cf.generateCertificates(new ByteArrayInputStream(Files.readAllBytes(file)))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(file + ": no certificate found");
            }
            return List.copyOf(out);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    /** The first private key in {@code file}. */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
                PEMParser p = new PEMParser(r)) {
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
            Object o;
            while ((o = p.readObject()) != null) {
                if (o instanceof PEMKeyPair kp) {
                    return conv.getKeyPair(kp).getPrivate();
                }
                if (o instanceof PrivateKeyInfo info) {
                    return conv.getPrivateKey(info);
                }
            }
            throw new IOException(file + ": no unencrypted private key found");
        } catch (RuntimeException e) {
            throw new IOException(file + ": unreadable private key: " + e.getMessage(), e);
        }
    }

    /** A chain and its key, from a certificate (chain) file and a key file. */
    public static CertifiedKey certifiedKey(Path certificateChain, Path privateKey) throws IOException {
        return new CertifiedKey(readCertificates(certificateChain), readPrivateKey(privateKey));
    }
}
