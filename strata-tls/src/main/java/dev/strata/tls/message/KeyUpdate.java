package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/**
 * KeyUpdate (RFC 8446 §4.6.3).
 *
 * @param updateRequested true for update_requested (1), false for update_not_requested (0)
 */
public record KeyUpdate(boolean updateRequested) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.KEY_UPDATE;
    }

    /** Decodes a KeyUpdate body; any value but 0 or 1 is illegal_parameter. */
    public static KeyUpdate decode(Reader r) {
        int v = r.u8("request_update");
        r.expectEnd("KeyUpdate");
        if (v > 1) {
            throw TlsAlertException.illegal("KeyUpdate request_update " + v);
        }
        return new KeyUpdate(v == 1);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u8(updateRequested ? 1 : 0);
    }

    @Override
    public String describe() {
        return updateRequested ? "update_requested" : "update_not_requested";
    }
}
