package dev.strata.cli.tls;

import dev.strata.pki.PemException;
import dev.strata.tls.CertificateVerifier;
import dev.strata.tls.KeyLog;
import dev.strata.tls.PemFiles;
import dev.strata.tls.PkiVerifier;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.TlsFailure;
import dev.strata.tls.io.SocketTransport;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code strata tls client HOST:PORT}: like {@code openssl s_client}, over the OS's sockets. Handshakes, prints
 * what was negotiated, then copies standard input to the peer and the peer to standard output.
 */
@Command(
        name = "client",
        mixinStandardHelpOptions = true,
        description = {
            "Connect to HOST:PORT with Strata's TLS over the OS's TCP, print the session summary, then copy"
                    + " standard input to the peer and the peer's data to standard output.",
            "",
            "Certificates are checked with Strata's own PKI against --cafile (default: the system's CA bundle)"
                    + " and the name HOST or --servername. At the end of standard input a TLS 1.3 client sends"
                    + " close_notify and half-closes (the peer may still answer); a TLS 1.2 client waits for the"
                    + " peer to close, since a TLS 1.2 close_notify makes the peer discard what it has not sent.",
            "",
            "Exit status: 0 the peer closed with close_notify; 1 the connection, handshake or verification"
                    + " failed, or the peer ended without close_notify (a truncation); 2 usage."
        })
public final class TlsClientCommand implements Callable<Integer> {

    static final int CONNECT_TIMEOUT_MS = 10_000;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "HOST:PORT", description = "Where to connect, e.g. localhost:4433.")
    String target;

    @Mixin
    VersionOptions version = new VersionOptions();

    @Option(names = "--cafile", paramLabel = "F", description = "PEM bundle of trusted CA certificates.")
    Path cafile;

    @Option(
            names = "--servername",
            paramLabel = "NAME",
            description = "Name for SNI and the certificate check (default: HOST).")
    String servername;

    @Option(
            names = "--alpn",
            paramLabel = "P",
            split = ",",
            description = "Application protocols to offer, preferred first, e.g. h2,http/1.1.")
    List<String> alpn = new ArrayList<>();

    @Option(names = "--cert", paramLabel = "F", description = "Client certificate (chain) PEM, with --key.")
    Path cert;

    @Option(names = "--key", paramLabel = "F", description = "Private key PEM of --cert.")
    Path key;

    @Option(
            names = "--keylog",
            paramLabel = "F",
            description = "Append NSS key log lines to F, for Wireshark (default: $SSLKEYLOGFILE if set).")
    Path keylog;

    @Option(names = "--insecure", description = "Do not verify the peer's certificate (tests only!).")
    boolean insecure;

    @Option(names = "--quiet", description = "Print no session summary: standard output carries the peer's data only.")
    boolean quiet;

    private String trustDescription = "";

    /** The command; picocli fills in the fields. */
    public TlsClientCommand() {}

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        Endpoint endpoint;
        try {
            endpoint = Endpoint.parse(target);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        TlsConfig config = config(cl);
        String name = servername != null ? servername : endpoint.host();
        PrintWriter err = cl.getErr();

        Socket socket = new Socket();
        TlsStream tls;
        try {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MS);
            tls = TlsStream.client(SocketTransport.of(socket), config, name);
            tls.handshake();
        } catch (TlsIOException e) {
            closeQuietly(socket);
            err.println("strata tls client: handshake with " + endpoint + " failed: " + describe(e.failure()));
            return 1;
        } catch (IOException e) {
            closeQuietly(socket);
            err.println("strata tls client: cannot connect to " + endpoint + ": " + e.getMessage());
            return 1;
        }
        if (!quiet) {
            PrintWriter out = cl.getOut();
            out.println("connected to " + endpoint + " as " + name);
            for (String line : SessionReport.lines(tls.summary(), trustDescription)) {
                out.println(line);
            }
            out.println("---");
            out.flush();
        }
        return relay(tls, socket, err);
    }

    private TlsConfig config(CommandLine cl) {
        TlsConfig.Builder b = TlsConfig.builder().versions(version.versions(cl));
        if (!alpn.isEmpty()) {
            b.alpn(alpn.toArray(String[]::new));
        }
        if (insecure && cafile != null) {
            throw new CommandLine.ParameterException(cl, "--insecure and --cafile exclude each other");
        }
        CertificateVerifier verifier;
        if (insecure) {
            verifier = CertificateVerifier.insecureTrustAll();
            trustDescription = "NOT VERIFIED (--insecure)";
            cl.getErr().println("strata tls client: warning: --insecure: the peer's certificate is not checked");
        } else {
            Trust.Loaded loaded;
            try {
                loaded = cafile != null
                        ? Trust.fromFile(cafile)
                        : Trust.system()
                                .orElseThrow(() ->
                                        new PemException("no system CA bundle found: give --cafile F (or --insecure)"));
            } catch (PemException e) {
                throw new CommandLine.ParameterException(cl, "--cafile: " + e.getMessage());
            }
            verifier = PkiVerifier.trusting(loaded.anchors());
            trustDescription = loaded.describe();
        }
        b.verifier(verifier);
        if ((cert == null) != (key == null)) {
            throw new CommandLine.ParameterException(cl, "--cert and --key go together");
        }
        if (cert != null) {
            try {
                b.certifiedKey(PemFiles.certifiedKey(cert, key));
            } catch (IOException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--cert/--key: " + e.getMessage());
            }
        }
        Path log = keylog;
        if (log == null
                && System.getenv("SSLKEYLOGFILE") != null
                && !System.getenv("SSLKEYLOGFILE").isBlank()) {
            log = Path.of(System.getenv("SSLKEYLOGFILE"));
        }
        if (log != null) {
            b.keyLog(KeyLog.appendingTo(log));
        }
        return b.build();
    }

    /** Standard input to the peer (on a virtual thread), the peer to standard output (here), until the peer ends. */
    private int relay(TlsStream tls, Socket socket, PrintWriter err) {
        boolean tls13 = tls.summary().version().equals(ProtocolVersion.TLS13);
        InputStream stdin = System.in;
        PrintStream stdout = System.out;
        Thread.ofVirtual().name("strata-tls-client-stdin").start(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                OutputStream toPeer = tls.getOutputStream();
                int n;
                while ((n = stdin.read(buf)) >= 0) {
                    toPeer.write(buf, 0, n);
                }
                if (tls13) {
                    tls.closeOutbound(); // RFC 8446 §6.1: a half-close; the peer may still answer
                }
            } catch (IOException e) {
                // the connection ended: the reading side reports why
            }
        });
        try (socket) {
            InputStream fromPeer = tls.getInputStream();
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = fromPeer.read(buf)) >= 0) {
                stdout.write(buf, 0, n);
                stdout.flush();
            }
            tls.close(); // answers the peer's close_notify (TLS 1.3; TLS 1.2 answered already)
            return 0;
        } catch (TlsIOException e) {
            stdout.flush();
            err.println("strata tls client: " + describe(e.failure()));
            return 1;
        } catch (IOException e) {
            stdout.flush();
            err.println("strata tls client: connection failed: " + e.getMessage());
            return 1;
        }
    }

    /** A failure in one line: the alert, who sent it, and why (without repeating the alert's name). */
    static String describe(TlsFailure f) {
        if (f.alert().value() == 0) {
            return f.reason(); // a truncation: no alert was involved
        }
        String name = f.alert().alertName();
        String why = f.reason().startsWith(name + ": ") ? f.reason().substring(name.length() + 2) : f.reason();
        return (f.sentByUs() ? "sent " : "received ") + name + " alert: " + why;
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing a failed socket
        }
    }
}
