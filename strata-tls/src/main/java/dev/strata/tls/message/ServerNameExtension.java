package dev.strata.tls.message;

import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.nio.charset.StandardCharsets;

/** The server_name extension (RFC 6066 §3): one host_name in a ClientHello, empty in the server's answer. */
public final class ServerNameExtension {

    private static final int HOST_NAME = 0;

    private ServerNameExtension() {}

    /** Encodes a ClientHello server_name with one host_name. */
    public static byte[] encode(String hostName) {
        byte[] name = hostName.getBytes(StandardCharsets.US_ASCII);
        Writer w = new Writer(5 + name.length);
        int mark = w.open(2);
        w.u8(HOST_NAME).vector(2, name);
        w.close(mark);
        return w.toByteArray();
    }

    /** Decodes a ClientHello server_name and returns its host_name, or null when it has none. */
    public static String decode(byte[] data) {
        Reader r = Reader.of(data);
        Reader list = r.sub(2, "server_name_list");
        r.expectEnd("server_name");
        String host = null;
        if (list.isEmpty()) {
            throw TlsAlertException.decode("empty server_name_list");
        }
        while (!list.isEmpty()) {
            int type = list.u8("name_type");
            byte[] name = list.vector(2, 1, 0xFFFF, "HostName");
            if (type == HOST_NAME) {
                if (host != null) {
                    throw TlsAlertException.illegal("two host_name entries");
                }
                for (byte b : name) {
                    if (b <= 0x20 || b >= 0x7F) {
                        throw TlsAlertException.decode("host_name is not printable ASCII");
                    }
                }
                host = new String(name, StandardCharsets.US_ASCII);
            }
        }
        return host;
    }
}
