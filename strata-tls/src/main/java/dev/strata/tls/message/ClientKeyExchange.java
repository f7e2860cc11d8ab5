package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/**
 * ClientKeyExchange (RFC 5246 §7.4.7): for ECDHE the client's ephemeral point with a uint8 length (RFC 8422 §5.7),
 * for RSA key transport the encrypted premaster secret with a uint16 length.
 *
 * @param exchange the point or the encrypted premaster secret
 * @param prefixBytes the length prefix size: 1 for ECDHE, 2 for RSA
 */
public record ClientKeyExchange(byte[] exchange, int prefixBytes) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_KEY_EXCHANGE;
    }

    /** Decodes a ClientKeyExchange body whose vector has a {@code prefixBytes}-octet length. */
    public static ClientKeyExchange decode(Reader r, int prefixBytes) {
        byte[] x = r.vector(prefixBytes, 1, prefixBytes == 1 ? 255 : 0xFFFF, "exchange_keys");
        r.expectEnd("ClientKeyExchange");
        return new ClientKeyExchange(x, prefixBytes);
    }

    @Override
    public void encodeBody(Writer w) {
        w.vector(prefixBytes, exchange);
    }

    @Override
    public String describe() {
        return (prefixBytes == 1 ? "ecdh_Yc=" : "encrypted_premaster=") + exchange.length + " octets";
    }
}
