package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/** ServerHelloDone (RFC 5246 §7.4.5): an empty message ending the server's first flight. */
public record ServerHelloDone() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO_DONE;
    }

    /** Decodes the (empty) body. */
    public static ServerHelloDone decode(Reader r) {
        r.expectEnd("ServerHelloDone");
        return new ServerHelloDone();
    }

    @Override
    public void encodeBody(Writer w) {}

    @Override
    public String describe() {
        return "";
    }
}
