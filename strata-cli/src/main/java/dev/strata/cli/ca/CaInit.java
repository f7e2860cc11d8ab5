package dev.strata.cli.ca;

import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.KeyType;
import dev.strata.pki.Pem;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata ca init}: creates a root CA and, by default, an intermediate CA that issues certificates. */
@Command(
        name = "init",
        mixinStandardHelpOptions = true,
        description = {
            "Create a certificate authority in a directory.",
            "",
            "Like a serious CA, it makes two: a root CA (root.crt, root.key), the trust anchor that clients"
                    + " load with --cafile and whose key should then stay offline, and an intermediate CA"
                    + " (intermediate.crt, intermediate.key) signed by the root with pathLenConstraint 0, which"
                    + " 'strata ca issue' uses to sign server and client certificates. --root-only skips the"
                    + " intermediate, so the root signs directly.",
            "",
            "The root is valid 10 years, the intermediate 5; private keys are PKCS#8 PEM, mode 0600."
                    + " Refuses to overwrite an existing CA."
        })
final class CaInit implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--dir",
            required = true,
            paramLabel = "D",
            description = "Directory for the CA files (created if missing).")
    Path dir;

    @Option(
            names = "--name",
            paramLabel = "NAME",
            defaultValue = "Strata Test CA",
            description = "Root CA common name; the intermediate is 'NAME Intermediate' (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(
            names = "--key",
            paramLabel = "TYPE",
            defaultValue = "ec",
            description = "Key type: ec (P-256), rsa (2048), rsa3072 or ed25519 (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--root-only", description = "Make only the root CA; it then signs certificates itself.")
    boolean rootOnly;

    @Override
    public Integer call() {
        KeyType type = KeyType.parse(key)
                .orElseThrow(() -> usage("--key must be ec, rsa, rsa3072 or ed25519, not '" + key + "'"));
        if (name.isBlank()) {
            throw usage("--name must not be empty");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw usage("--dir " + dir + " is not a directory");
        }
        CaDirectory ca = new CaDirectory(dir);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (ca.holdsCa()) {
            err.println("strata ca init: " + dir + " already holds a CA; refusing to overwrite it");
            return 1;
        }
        try {
            Files.createDirectories(dir);
            SecureRandom random = new SecureRandom();
            CertificateAuthority root = CertificateAuthority.createRoot(name, type, random, Clock.systemUTC());
            Pem.writeCertificates(ca.rootCert(), List.of(root.certificate()));
            Pem.writePrivateKey(ca.rootKey(), root.privateKey());
            out.println(describe("root CA", root.certificate(), type) + ": " + ca.rootCert() + ", " + ca.rootKey());
            if (!rootOnly) {
                CertificateAuthority inter = root.createIntermediate(name + " Intermediate", type);
                Pem.writeCertificates(ca.intermediateCert(), List.of(inter.certificate()));
                Pem.writePrivateKey(ca.intermediateKey(), inter.privateKey());
                out.println(describe("intermediate CA", inter.certificate(), type) + ": " + ca.intermediateCert() + ", "
                        + ca.intermediateKey());
            }
            out.println("trust anchor for verifiers (--cafile): " + ca.rootCert());
            return 0;
        } catch (IOException | RuntimeException e) {
            err.println("strata ca init: cannot write the CA in " + dir + ": " + e.getMessage());
            return 1;
        }
    }

    static String describe(String what, X509Certificate cert, KeyType type) {
        return "created " + what + " " + cert.getSubjectX500Principal().getName() + " (" + type.cliName()
                + "), valid until " + cert.getNotAfter().toInstant();
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
