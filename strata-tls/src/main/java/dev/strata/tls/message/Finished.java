package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.HexFormat;

/**
 * Finished (RFC 8446 §4.4.4, RFC 5246 §7.4.9): the MAC over the transcript that authenticates the handshake.
 *
 * @param verifyData verify_data (Hash.length octets in TLS 1.3, 12 in TLS 1.2)
 */
public record Finished(byte[] verifyData) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.FINISHED;
    }

    /** Decodes a Finished body; its length is checked by the state that expects it. */
    public static Finished decode(Reader r) {
        return new Finished(r.rest());
    }

    @Override
    public void encodeBody(Writer w) {
        w.bytes(verifyData);
    }

    @Override
    public String describe() {
        return "verify_data=" + HexFormat.of().formatHex(verifyData, 0, Math.min(8, verifyData.length)) + "…";
    }
}
