package dev.strata.cli.ca;

import dev.strata.pki.CertificateAuthority;
import dev.strata.pki.CertificateTemplate;
import dev.strata.pki.IssuedCertificate;
import dev.strata.pki.KeyType;
import dev.strata.pki.Pem;
import dev.strata.pki.PemException;
import dev.strata.pki.SubjectAltName;
import dev.strata.pki.Validity;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata ca issue}: issues a TLS server (or client) certificate from the CA in a directory. */
@Command(
        name = "issue",
        mixinStandardHelpOptions = true,
        description = {
            "Issue a TLS certificate from the CA in --dir (its intermediate, or the root with --root-only).",
            "",
            "Writes into D: HOST.crt (the certificate), HOST.key (its PKCS#8 private key, mode 0600) and"
                    + " HOST.chain.pem (the certificate followed by the intermediate: what a server sends, leaf"
                    + " first).",
            "",
            "A server certificate names HOST and every --dns/--ip in its subjectAltName (HOST may be a DNS"
                    + " name or an IP address) and allows serverAuth. With --client it allows clientAuth, HOST is"
                    + " only the subject common name, and the subjectAltName holds just the --dns/--ip given."
        })
final class CaIssue implements Callable<Integer> {

    private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:@-]{0,199}");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--dir", required = true, paramLabel = "D", description = "The CA directory ('strata ca init').")
    Path dir;

    @Option(
            names = "--name",
            required = true,
            paramLabel = "HOST",
            description = "Host name or IP address (or client name); also the base of the file names.")
    String name;

    @Option(
            names = "--dns",
            paramLabel = "NAME",
            description = "An extra DNS name (repeatable; '*.example.com' allowed).")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDR", description = "An extra IPv4 or IPv6 address (repeatable).")
    List<String> ips = new ArrayList<>();

    @Option(
            names = "--days",
            paramLabel = "N",
            defaultValue = "365",
            description = "Days of validity, from one hour ago (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--client", description = "Issue a client certificate (clientAuth) instead of a server one.")
    boolean client;

    @Option(
            names = "--key",
            paramLabel = "TYPE",
            defaultValue = "ec",
            description = "Key type: ec (P-256), rsa (2048), rsa3072 or ed25519 (default: ${DEFAULT-VALUE}).")
    String key;

    @Override
    public Integer call() {
        KeyType type = KeyType.parse(key)
                .orElseThrow(() -> usage("--key must be ec, rsa, rsa3072 or ed25519, not '" + key + "'"));
        if (!FILE_SAFE.matcher(name).matches()) {
            throw usage("--name '" + name + "' cannot name the files: use letters, digits and . _ : @ -");
        }
        if (days < 1 || days > 36500) {
            throw usage("--days must be between 1 and 36500, not " + days);
        }
        List<SubjectAltName> sans = new ArrayList<>();
        if (!client) {
            sans.add(parseName(name, "--name"));
        }
        for (String d : dns) {
            sans.add(dnsName(d));
        }
        for (String ip : ips) {
            sans.add(ipAddress(ip));
        }
        if (!Files.isDirectory(dir)) {
            throw usage("--dir " + dir + " is not a directory; create a CA with 'strata ca init --dir " + dir + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        CertificateAuthority ca;
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        try {
            ca = new CaDirectory(dir).loadIssuing(random, clock);
        } catch (PemException e) {
            throw usage("--dir " + dir + ": " + e.getMessage());
        }
        Instant start = clock.instant().minus(CertificateAuthority.BACKDATE);
        Validity validity = Validity.starting(start, Duration.ofDays(days).plus(CertificateAuthority.BACKDATE));
        Instant caEnd = ca.certificate().getNotAfter().toInstant();
        if (validity.notAfter().isAfter(caEnd)) {
            throw usage("--days " + days + " would outlive the issuing CA, which expires at " + caEnd);
        }
        KeyPair keys = type.generate(random);
        CertificateTemplate template = client
                ? CertificateTemplate.tlsClient(CertificateAuthority.cn(name), keys.getPublic(), validity, sans)
                : CertificateTemplate.tlsServer(CertificateAuthority.cn(name), keys.getPublic(), validity, sans);
        IssuedCertificate issued = ca.issue(template, keys);
        Path crt = dir.resolve(name + ".crt");
        Path keyFile = dir.resolve(name + ".key");
        Path chain = dir.resolve(name + ".chain.pem");
        try {
            Pem.writeCertificates(crt, List.of(issued.certificate()));
            Pem.writePrivateKey(keyFile, issued.privateKey());
            Pem.writeCertificates(chain, issued.chain());
        } catch (IOException e) {
            err.println("strata ca issue: cannot write the certificate files in " + dir + ": " + e.getMessage());
            return 1;
        }
        out.println("issued " + (client ? "client" : "server") + " certificate "
                + issued.certificate().getSubjectX500Principal().getName()
                + (template.subjectAltNames().isEmpty() ? "" : " " + template.subjectAltNames())
                + " (" + type.cliName() + "), serial "
                + issued.certificate().getSerialNumber().toString(16)
                + ", valid until " + validity.notAfter() + ", signed by "
                + ca.certificate().getSubjectX500Principal().getName());
        out.println("wrote " + crt + ", " + keyFile + ", " + chain);
        return 0;
    }

    private SubjectAltName parseName(String text, String option) {
        try {
            return SubjectAltName.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage(option + " '" + text + "' is neither a valid DNS name nor an IP address");
        }
    }

    private SubjectAltName dnsName(String text) {
        try {
            return SubjectAltName.dns(text);
        } catch (IllegalArgumentException e) {
            throw usage("--dns '" + text + "' is not a valid DNS name");
        }
    }

    private SubjectAltName ipAddress(String text) {
        try {
            return SubjectAltName.ip(text);
        } catch (IllegalArgumentException e) {
            throw usage("--ip '" + text + "' is not an IPv4 or IPv6 address");
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
