package dev.strata.cli.ca;

import dev.strata.pki.ChainVerifier;
import dev.strata.pki.Pem;
import dev.strata.pki.PemException;
import dev.strata.pki.Purpose;
import dev.strata.pki.TrustAnchors;
import dev.strata.pki.VerificationResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code strata ca verify}: verifies a certificate chain against trust anchors with Strata's own verifier. */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verify a certificate and its chain against the trust anchors in --cafile, with Strata's own"
                    + " verifier: signatures, validity, basic constraints, path length, key usage, extended key"
                    + " usage, name constraints, host name or IP address.",
            "",
            "CERT is a PEM file whose first certificate is the one to verify; any others in it (as in"
                    + " HOST.chain.pem) and in --untrusted are candidate intermediates, in any order.",
            "",
            "Exit status: 0 the chain and name check out; 1 they do not (the reason is printed); 2 usage."
        })
final class CaVerify implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "CERT",
            description = "PEM file: the certificate, optionally followed by its chain.")
    Path cert;

    @Option(
            names = "--cafile",
            required = true,
            paramLabel = "F",
            description = "PEM bundle of trusted certificates (e.g. D/root.crt).")
    Path cafile;

    @Option(names = "--name", paramLabel = "HOST", description = "Host name or IP address the certificate must name.")
    String name;

    @Option(names = "--untrusted", paramLabel = "F", description = "PEM file of extra intermediate certificates.")
    Path untrusted;

    @Option(
            names = "--purpose",
            paramLabel = "P",
            description = "server, client or any (default: server with --name, any without).")
    String purpose;

    @Option(
            names = "--at",
            paramLabel = "TIME",
            description = "Check validity at this ISO-8601 instant instead of now, e.g. 2030-01-01T00:00:00Z.")
    String at;

    @Override
    public Integer call() {
        Purpose p = purpose();
        Instant when = instant();
        TrustAnchors anchors;
        try {
            anchors = TrustAnchors.fromPemFile(readable(cafile, "--cafile"));
        } catch (PemException e) {
            throw usage("--cafile " + cafile + ": " + e.getMessage());
        }
        List<X509Certificate> chain = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            chain.addAll(Pem.readCertificates(readable(cert, "CERT")));
        } catch (PemException e) {
            err.println(cert + ": FAILED: MALFORMED: " + e.getMessage());
            return 1;
        }
        if (untrusted != null) {
            try {
                chain.addAll(Pem.readCertificates(readable(untrusted, "--untrusted")));
            } catch (PemException e) {
                throw usage("--untrusted " + untrusted + ": " + e.getMessage());
            }
        }
        VerificationResult result = ChainVerifier.verify(chain, anchors, when, p, name);
        switch (result) {
            case VerificationResult.Valid v -> {
                out.println(cert + ": OK" + (name == null ? "" : " for " + name) + " (" + p.rfcName() + ")");
                List<X509Certificate> path = v.path();
                for (int i = 0; i < path.size(); i++) {
                    String role = i == path.size() - 1 ? " (trust anchor)" : "";
                    out.println("  " + i + " "
                            + path.get(i).getSubjectX500Principal().getName() + role);
                }
                return 0;
            }
            case VerificationResult.Invalid i -> {
                err.println(cert + ": FAILED: " + i.reason() + ": " + i.detail());
                return 1;
            }
        }
    }

    private Purpose purpose() {
        if (purpose == null) {
            return name == null ? Purpose.ANY : Purpose.SERVER_AUTH;
        }
        return switch (purpose.toLowerCase(Locale.ROOT)) {
            case "server", "serverauth" -> Purpose.SERVER_AUTH;
            case "client", "clientauth" -> Purpose.CLIENT_AUTH;
            case "any" -> Purpose.ANY;
            default -> throw usage("--purpose must be server, client or any, not '" + purpose + "'");
        };
    }

    private Instant instant() {
        if (at == null) {
            return Instant.now();
        }
        try {
            return Instant.parse(at);
        } catch (DateTimeParseException e) {
            throw usage("--at '" + at + "' is not an ISO-8601 instant such as 2030-01-01T00:00:00Z");
        }
    }

    private Path readable(Path file, String what) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw usage(what + " " + file + " is not a readable file");
        }
        return file;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
