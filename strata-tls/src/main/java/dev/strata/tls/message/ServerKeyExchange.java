package dev.strata.tls.message;

import dev.strata.tls.HandshakeType;
import dev.strata.tls.NamedGroup;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;

/**
 * ServerKeyExchange for ECDHE suites (RFC 8422 §5.4, RFC 5246 §7.4.3): the server's ephemeral public key, signed.
 *
 * @param group the named curve
 * @param publicKey the encoded ephemeral public key
 * @param scheme the signature scheme
 * @param signature the signature over client_random + server_random + params
 */
public record ServerKeyExchange(NamedGroup group, byte[] publicKey, SignatureScheme scheme, byte[] signature)
        implements HandshakeMessage {

    /** ECCurveType named_curve (RFC 8422 §5.4). */
    public static final int NAMED_CURVE = 3;

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_KEY_EXCHANGE;
    }

    /** Decodes an ECDHE ServerKeyExchange body. */
    public static ServerKeyExchange decode(Reader r) {
        int curveType = r.u8("curve_type");
        if (curveType != NAMED_CURVE) {
            throw TlsAlertException.illegal("ECCurveType " + curveType + " is not named_curve");
        }
        NamedGroup group = NamedGroup.of(r.u16("namedcurve"));
        byte[] point = r.vector(1, 1, 255, "public");
        SignatureScheme scheme = SignatureScheme.of(r.u16("signature algorithm"));
        byte[] sig = r.vector(2, 1, 0xFFFF, "signature");
        r.expectEnd("ServerKeyExchange");
        return new ServerKeyExchange(group, point, scheme, sig);
    }

    /** The ServerECDHParams octets that the signature covers (after the two randoms). */
    public byte[] params() {
        return new Writer(4 + publicKey.length)
                .u8(NAMED_CURVE)
                .u16(group.value())
                .vector(1, publicKey)
                .toByteArray();
    }

    @Override
    public void encodeBody(Writer w) {
        w.bytes(params()).u16(scheme.value()).vector(2, signature);
    }

    @Override
    public String describe() {
        return "group=" + group + " scheme=" + scheme;
    }
}
