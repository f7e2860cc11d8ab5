package dev.strata.tls.message;

import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The application_layer_protocol_negotiation extension (RFC 7301 §3.1): a list of protocol names. */
public final class AlpnExtension {

    private AlpnExtension() {}

    /** Encodes a ProtocolNameList. */
    public static byte[] encode(List<String> protocols) {
        Writer w = new Writer();
        int mark = w.open(2);
        for (String p : protocols) {
            w.vector(1, p.getBytes(StandardCharsets.UTF_8));
        }
        w.close(mark);
        return w.toByteArray();
    }

    /** Decodes a non-empty ProtocolNameList of non-empty names. */
    public static List<String> decode(byte[] data) {
        Reader r = Reader.of(data);
        Reader list = r.sub(2, "protocol_name_list");
        r.expectEnd("application_layer_protocol_negotiation");
        List<String> out = new ArrayList<>();
        while (!list.isEmpty()) {
            out.add(new String(list.vector(1, 1, 255, "ProtocolName"), StandardCharsets.UTF_8));
        }
        if (out.isEmpty()) {
            throw TlsAlertException.decode("empty ALPN protocol_name_list");
        }
        return List.copyOf(out);
    }
}
