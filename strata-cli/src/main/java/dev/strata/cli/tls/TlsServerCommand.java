package dev.strata.cli.tls;

import dev.strata.pki.KeyPairs;
import dev.strata.pki.PemException;
import dev.strata.tls.CertifiedKey;
import dev.strata.tls.ClientAuth;
import dev.strata.tls.KeyLog;
import dev.strata.tls.PemFiles;
import dev.strata.tls.PkiVerifier;
import dev.strata.tls.TicketKeys;
import dev.strata.tls.TlsConfig;
import dev.strata.tls.io.SocketTransport;
import dev.strata.tls.io.TlsIOException;
import dev.strata.tls.io.TlsStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata tls server --port P --cert F --key F}: like {@code openssl s_server}, over the OS's sockets. With
 * {@code --www} it answers HTTP GETs with a page describing each session; without, it relays one connection at a
 * time between the peer and standard input/output.
 */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Accept TLS connections on --port with Strata's TLS over the OS's TCP, presenting --cert (and --chain)."
                    + " Each connection's session is printed on standard output.",
            "",
            "With --www, every HTTP GET is answered with a small page describing the session (version, cipher"
                    + " suite, group, ...), connections served in parallel. Without it, one connection at a time:"
                    + " the peer's data goes to standard output and standard input to the peer (its end closes the"
                    + " connection).",
            "",
            "--cafile asks clients for a certificate checked with Strata's PKI; --verify-client makes it"
                    + " mandatory. Exit status: 0 after --max-connections connections; 1 the port cannot be"
                    + " opened; 2 usage."
        })
public final class TlsServerCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "P", description = "TCP port (0: any free port).")
    int port;

    @Option(names = "--cert", required = true, paramLabel = "F", description = "Certificate PEM (may hold the chain).")
    Path cert;

    @Option(names = "--key", required = true, paramLabel = "F", description = "Private key PEM of --cert.")
    Path key;

    @Option(names = "--chain", paramLabel = "F", description = "Intermediate CA certificates to send after --cert.")
    Path chain;

    @Option(names = "--cafile", paramLabel = "F", description = "CA bundle to check client certificates against.")
    Path cafile;

    @Option(names = "--verify-client", description = "Require a client certificate (needs --cafile).")
    boolean verifyClient;

    @Mixin
    VersionOptions version = new VersionOptions();

    @Option(names = "--www", description = "Answer HTTP GETs with a page describing the session.")
    boolean www;

    @Option(
            names = "--alpn",
            paramLabel = "P",
            split = ",",
            description = "Application protocols accepted, preferred first.")
    List<String> alpn = new ArrayList<>();

    @Option(names = "--keylog", paramLabel = "F", description = "Append NSS key log lines to F.")
    Path keylog;

    @Option(
            names = "--max-connections",
            paramLabel = "N",
            description = "Exit after N connections (default: serve until interrupted).")
    int maxConnections;

    /** The command; picocli fills in the fields. */
    public TlsServerCommand() {}

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        TlsConfig config = config(cl);
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        String trust = cafile == null ? "" : "verified by Strata's PKI against " + cafile;
        try (ServerSocket listener = new ServerSocket()) {
            listener.setReuseAddress(true);
            listener.bind(new InetSocketAddress(port), 64);
            out.println("strata tls server: listening on port " + listener.getLocalPort() + " ("
                    + (www ? "--www" : "relaying standard input and output") + ")");
            out.flush();
            AtomicReference<TlsStream> current = new AtomicReference<>();
            if (!www) {
                startStdinRelay(current);
            }
            List<Thread> workers = new ArrayList<>();
            AtomicInteger count = new AtomicInteger();
            while (maxConnections <= 0 || count.get() < maxConnections) {
                Socket s = listener.accept();
                int id = count.incrementAndGet();
                String peer = s.getRemoteSocketAddress().toString().replaceFirst("^/", "");
                Runnable serve = () -> serve(s, id, peer, config, trust, current, out, err);
                if (www) {
                    workers.add(
                            Thread.ofVirtual().name("strata-tls-server-" + id).start(serve));
                } else {
                    serve.run();
                }
            }
            for (Thread t : workers) {
                t.join();
            }
            return 0;
        } catch (IOException e) {
            err.println("strata tls server: port " + port + ": " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private TlsConfig config(CommandLine cl) {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(cl, "--port must be 0..65535");
        }
        if (maxConnections < 0) {
            throw new CommandLine.ParameterException(cl, "--max-connections must not be negative");
        }
        if (verifyClient && cafile == null) {
            throw new CommandLine.ParameterException(cl, "--verify-client needs --cafile");
        }
        CertifiedKey identity;
        try {
            List<X509Certificate> certs = new ArrayList<>(PemFiles.readCertificates(cert));
            if (chain != null) {
                certs.addAll(PemFiles.readCertificates(chain));
            }
            identity = new CertifiedKey(certs, PemFiles.readPrivateKey(key));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        if (!KeyPairs.belongTogether(identity.leaf().getPublicKey(), identity.privateKey())) {
            throw new CommandLine.ParameterException(cl, "--key " + key + " is not the key of --cert " + cert);
        }
        SecureRandom random = new SecureRandom();
        TlsConfig.Builder b = TlsConfig.builder()
                .versions(version.versions(cl))
                .certifiedKey(identity)
                .ticketKeys(TicketKeys.generate(random))
                .random(random);
        if (cafile != null) {
            try {
                b.verifier(PkiVerifier.trusting(Trust.fromFile(cafile).anchors()));
            } catch (PemException e) {
                throw new CommandLine.ParameterException(cl, "--cafile: " + e.getMessage());
            }
            b.clientAuth(verifyClient ? ClientAuth.REQUIRED : ClientAuth.OPTIONAL);
        }
        if (!alpn.isEmpty()) {
            b.alpn(alpn.toArray(String[]::new));
        }
        if (keylog != null) {
            b.keyLog(KeyLog.appendingTo(keylog));
        }
        return b.build();
    }

    private void serve(
            Socket s,
            int id,
            String peer,
            TlsConfig config,
            String trust,
            AtomicReference<TlsStream> current,
            PrintWriter out,
            PrintWriter err) {
        String who = "connection " + id + " from " + peer;
        try (s) {
            s.setSoTimeout(www ? 30_000 : 0);
            TlsStream tls = TlsStream.server(SocketTransport.of(s), config);
            try {
                tls.handshake();
            } catch (TlsIOException e) {
                println(err, who + ": handshake failed: " + TlsClientCommand.describe(e.failure()));
                return;
            }
            List<String> lines = SessionReport.lines(tls.summary(), trust);
            println(out, who + ": " + String.join(", ", lines));
            if (www) {
                int n = WwwResponder.serve(tls.getInputStream(), tls.getOutputStream(), lines, peer);
                tls.close();
                println(out, who + ": answered " + n + " request" + (n == 1 ? "" : "s") + ", closed");
                return;
            }
            current.set(tls);
            try {
                relayToStdout(tls.getInputStream());
                tls.close();
                println(out, who + ": closed");
            } finally {
                current.set(null);
            }
        } catch (TlsIOException e) {
            println(err, who + ": " + TlsClientCommand.describe(e.failure()));
        } catch (IOException e) {
            println(err, who + ": " + e.getMessage());
        }
    }

    private static void relayToStdout(InputStream in) throws IOException {
        PrintStream stdout = System.out;
        byte[] buf = new byte[16 * 1024];
        int n;
        while ((n = in.read(buf)) >= 0) {
            stdout.write(buf, 0, n);
            stdout.flush();
        }
    }

    /**
     * Standard input goes to the connection being served, if any (a line typed with none is dropped); at its end,
     * that connection is closed with close_notify.
     */
    private static void startStdinRelay(AtomicReference<TlsStream> current) {
        InputStream stdin = System.in;
        Thread.ofVirtual().name("strata-tls-server-stdin").start(() -> {
            byte[] buf = new byte[16 * 1024];
            int n;
            try {
                while ((n = stdin.read(buf)) >= 0) {
                    TlsStream t = current.get();
                    if (t != null) {
                        try {
                            OutputStream o = t.getOutputStream();
                            o.write(buf, 0, n);
                        } catch (IOException e) {
                            // that connection ended; the serving thread reports it
                        }
                    }
                }
                TlsStream t = current.get();
                if (t != null) {
                    t.closeOutbound(); // the end of standard input: close_notify to the connection being served
                }
            } catch (IOException e) {
                // standard input is gone, or the connection ended: nothing more to relay
            }
        });
    }

    private static void println(PrintWriter w, String line) {
        synchronized (w) {
            w.println(line);
            w.flush();
        }
    }
}
