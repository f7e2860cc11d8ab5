package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/** HelloRequest (RFC 5246 §7.4.1.1): a TLS 1.2 server's invitation to renegotiate, which Strata declines. */
public record HelloRequest() implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.HELLO_REQUEST;
    }

    /** Decodes the (empty) body. */
    public static HelloRequest decode(Reader r) {
        r.expectEnd("HelloRequest");
        return new HelloRequest();
    }

    @Override
    public void encodeBody(Writer w) {}

    @Override
    public String describe() {
        return "";
    }
}
