package dev.strata.cli.demo;

import dev.strata.host.Host;
import dev.strata.link.LinkParams;
import dev.strata.sim.Simulation;
import dev.strata.tcp.CloseReason;
import dev.strata.tcp.TcpConfig;
import dev.strata.tcp.TcpConnection;
import dev.strata.tcp.TcpHandler;
import dev.strata.wire.Ip4;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code strata demo tcp}: a client opens a connection with the three-way handshake, sends data, gets a short
 * answer, and closes with the four-way termination, every segment and every state change of both sides printed.
 */
@Command(
        name = "tcp",
        mixinStandardHelpOptions = true,
        description = "TCP's three-way handshake, data, and four-way termination, with each side's states.")
public final class TcpDemo implements Callable<Integer> {

    static final Ip4 CLIENT = Ip4.parse("192.0.2.10");
    static final Ip4 SERVER = Ip4.parse("192.0.2.20");
    static final int PORT = 80;

    @Mixin
    DemoOptions options = new DemoOptions();

    @Option(
            names = "--client-isn",
            paramLabel = "N",
            description = "Client's initial sequence number (default: RFC 6528).")
    Long clientIsn;

    @Option(
            names = "--server-isn",
            paramLabel = "N",
            description = "Server's initial sequence number (default: RFC 6528).")
    Long serverIsn;

    @Option(names = "--bytes", paramLabel = "N", description = "Octets the client sends (default: ${DEFAULT-VALUE}).")
    int bytes = 4000;

    @Option(names = "--loss", paramLabel = "P", description = "Frame loss on the link each way, e.g. 10%% or 0.1.")
    String loss;

    /** The command. */
    public TcpDemo() {}

    @Override
    public Integer call() throws IOException {
        if (bytes < 0) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--bytes must not be negative");
        }
        checkIsn(clientIsn, "--client-isn");
        checkIsn(serverIsn, "--server-isn");
        double p;
        try {
            p = loss == null ? 0 : LinkParams.parseProbability(loss);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), "--loss: " + e.getMessage());
        }
        return run(options, clientIsn, serverIsn, bytes, p, System.out);
    }

    private void checkIsn(Long isn, String name) {
        if (isn != null && (isn < 0 || isn > 0xFFFF_FFFFL)) {
            throw new picocli.CommandLine.ParameterException(
                    new picocli.CommandLine(this), name + " must be 0..4294967295");
        }
    }

    /** Runs the demo; returns 0 when the data arrived intact and both sides closed normally. */
    static int run(DemoOptions options, Long clientIsn, Long serverIsn, int bytes, double loss, PrintStream out)
            throws IOException {
        Simulation sim = new Simulation(options.seed);
        LinkParams cable = LinkParams.GIGABIT.withDelay(1_000_000).withLoss(loss);
        Host client = sim.addHost("client");
        Host server = sim.addHost("server");
        sim.connect(client, "eth0", "192.0.2.10/24", server, "eth0", "192.0.2.20/24", cable);
        TcpConfig clientConfig = TcpConfig.DEFAULT.withIsn(clientIsn == null ? -1 : clientIsn);
        TcpConfig serverConfig = TcpConfig.DEFAULT.withIsn(serverIsn == null ? -1 : serverIsn);

        out.println("Strata demo: tcp (seed " + options.seed + (loss > 0 ? ", loss " + loss * 100 + "% each way" : "")
                + ")");
        out.println();
        out.println("  client 192.0.2.10 ---- 1 Gbit/s, 1 ms ---- server 192.0.2.20:80");
        out.println();
        byte[] payload = new byte[bytes];
        new Random(options.seed).nextBytes(payload);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CloseReason[] ends = new CloseReason[2];
        StringBuilder answer = new StringBuilder();
        DemoTrace trace = new DemoTrace(sim, options, out, List.of("client", "server"));
        try {
            server.listen(PORT, 16, serverConfig)
                    .onAccept(c -> c.setHandler(new TcpHandler() {
                        private boolean answered;

                        @Override
                        public void readable(TcpConnection conn) {
                            ByteBuffer b = ByteBuffer.allocate(16 * 1024);
                            int n;
                            while ((n = conn.read(b.clear())) > 0) {
                                received.write(b.array(), 0, n);
                            }
                            if (!answered && received.size() == bytes) {
                                answered = true; // everything arrived: answer, as a server would
                                conn.write(ByteBuffer.wrap(("received " + bytes + " octets\n").getBytes()));
                            }
                            if (n < 0) {
                                conn.close(); // the client closed: close our side too (FIN)
                            }
                        }

                        @Override
                        public void closed(TcpConnection conn, CloseReason reason) {
                            ends[1] = reason;
                        }
                    }));
            ByteBuffer src = ByteBuffer.wrap(payload);
            client.connect(SERVER, PORT, clientConfig, new TcpHandler() {
                @Override
                public void connected(TcpConnection c) {
                    writable(c);
                }

                @Override
                public void writable(TcpConnection c) {
                    c.write(src);
                }

                @Override
                public void readable(TcpConnection c) {
                    ByteBuffer b = ByteBuffer.allocate(256);
                    while (c.read(b.clear()) > 0) {
                        answer.append(new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII));
                    }
                    if (answer.toString().endsWith("\n")) {
                        c.close(); // the answer is in: close (the four-way termination begins)
                    }
                }

                @Override
                public void closed(TcpConnection c, CloseReason reason) {
                    ends[0] = reason;
                }
            });
            sim.runUntil(() -> ends[0] != null && ends[1] != null, sim.now() + 3_600_000_000_000L);
        } finally {
            trace.close();
        }
        boolean intact = Arrays.equals(sha256(payload), sha256(received.toByteArray()));
        out.println();
        out.printf(
                Locale.ROOT,
                "client sent %d octets; server received %d, SHA-256 %s (%s); server answered \"%s\"%n",
                payload.length,
                received.size(),
                HexFormat.of().formatHex(sha256(received.toByteArray())).substring(0, 16),
                intact ? "identical" : "DIFFERENT",
                answer.toString().strip());
        out.println("client TCP: " + client.tcp().counters);
        out.println("server TCP: " + server.tcp().counters);
        out.println("ended: client " + ends[0] + ", server " + ends[1]);
        for (String line : trace.filesWritten()) {
            out.println(line);
        }
        return intact && ends[0] == CloseReason.NORMAL && ends[1] == CloseReason.NORMAL ? 0 : 1;
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
