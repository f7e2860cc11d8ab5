package dev.strata.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;

/**
 * A sink for NSS key log lines (the SSLKEYLOGFILE format Wireshark and tshark read): {@code LABEL client_random
 * secret}, with labels such as CLIENT_HANDSHAKE_TRAFFIC_SECRET (TLS 1.3) and CLIENT_RANDOM (TLS 1.2).
 */
@FunctionalInterface
public interface KeyLog {

    /** The TLS 1.2 label: the master secret. */
    String CLIENT_RANDOM = "CLIENT_RANDOM";
    /** TLS 1.3: client_handshake_traffic_secret. */
    String CLIENT_HANDSHAKE_TRAFFIC_SECRET = "CLIENT_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3: server_handshake_traffic_secret. */
    String SERVER_HANDSHAKE_TRAFFIC_SECRET = "SERVER_HANDSHAKE_TRAFFIC_SECRET";
    /** TLS 1.3: client_application_traffic_secret_0. */
    String CLIENT_TRAFFIC_SECRET_0 = "CLIENT_TRAFFIC_SECRET_0";
    /** TLS 1.3: server_application_traffic_secret_0. */
    String SERVER_TRAFFIC_SECRET_0 = "SERVER_TRAFFIC_SECRET_0";
    /** TLS 1.3: exporter_master_secret. */
    String EXPORTER_SECRET = "EXPORTER_SECRET";

    /** Receives one complete line, without the newline. */
    void line(String line);

    /** Formats and emits one line. */
    default void log(String label, byte[] clientRandom, byte[] secret) {
        HexFormat hex = HexFormat.of();
        line(label + " " + hex.formatHex(clientRandom) + " " + hex.formatHex(secret));
    }

    /** A key log that appends lines to {@code file}, creating it if needed. */
    static KeyLog appendingTo(Path file) {
        return line -> {
            try {
                synchronized (KeyLog.class) {
                    Files.writeString(
                            file,
                            line + "\n",
                            StandardCharsets.US_ASCII,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
