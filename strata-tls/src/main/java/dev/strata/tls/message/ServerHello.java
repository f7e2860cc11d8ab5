package dev.strata.tls.message;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * ServerHello (RFC 8446 §4.1.3, RFC 5246 §7.4.1.3), which is also the HelloRetryRequest when its random is the
 * special value of RFC 8446 §4.1.3.
 *
 * @param legacyVersion legacy_version
 * @param random the 32-octet server random
 * @param sessionId legacy_session_id_echo
 * @param cipherSuite the selected suite
 * @param compressionMethod legacy_compression_method (0)
 * @param extensions the extensions
 */
public record ServerHello(
        int legacyVersion,
        byte[] random,
        byte[] sessionId,
        CipherSuite cipherSuite,
        int compressionMethod,
        List<Extension> extensions)
        implements HandshakeMessage {

    /** SHA-256("HelloRetryRequest"): the random that marks a HelloRetryRequest (RFC 8446 §4.1.3). */
    public static final byte[] HELLO_RETRY_REQUEST_RANDOM =
            HexFormat.of().parseHex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /** The last 8 octets of a TLS 1.3 server's random when it negotiates TLS 1.2 (RFC 8446 §4.1.3). */
    public static final byte[] DOWNGRADE_TLS12 = HexFormat.of().parseHex("444f574e47524401");

    /** The last 8 octets of a TLS 1.3 server's random when it negotiates TLS 1.1 or below. */
    public static final byte[] DOWNGRADE_TLS11 = HexFormat.of().parseHex("444f574e47524400");

    @Override
    public HandshakeType type() {
        return HandshakeType.SERVER_HELLO;
    }

    /** Decodes a ServerHello body. */
    public static ServerHello decode(Reader r) {
        int version = r.u16("legacy_version");
        byte[] random = r.bytes(32, "random");
        byte[] sessionId = r.vector(1, 0, 32, "legacy_session_id_echo");
        CipherSuite suite = CipherSuite.of(r.u16("cipher_suite"));
        int compression = r.u8("legacy_compression_method");
        List<Extension> extensions = r.isEmpty() ? List.of() : Extensions.decode(r, "ServerHello");
        r.expectEnd("ServerHello");
        return new ServerHello(version, random, sessionId, suite, compression, extensions);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u16(legacyVersion).bytes(random).vector(1, sessionId).u16(cipherSuite.value());
        w.u8(compressionMethod);
        Extensions.encode(w, extensions);
    }

    /** True when this is a HelloRetryRequest. */
    public boolean isHelloRetryRequest() {
        return Arrays.equals(random, HELLO_RETRY_REQUEST_RANDOM);
    }

    /** The extension of {@code type}, or null. */
    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (isHelloRetryRequest()) {
            sb.append("HelloRetryRequest ");
        } else {
            sb.append("random=").append(HexFormat.of().formatHex(random, 0, 8)).append("… ");
        }
        sb.append("suite=").append(cipherSuite);
        Extension sv = extension(ExtensionType.SUPPORTED_VERSIONS);
        if (sv != null && sv.data().length == 2) {
            sb.append(" version=")
                    .append(dev.strata.tls.ProtocolVersion.of(((sv.data()[0] & 0xFF) << 8) | (sv.data()[1] & 0xFF)));
        }
        Extension ks = extension(ExtensionType.KEY_SHARE);
        if (ks != null && ks.data().length >= 2) {
            sb.append(" key_share=")
                    .append(dev.strata.tls.NamedGroup.of(((ks.data()[0] & 0xFF) << 8) | (ks.data()[1] & 0xFF)));
        }
        if (extension(ExtensionType.PRE_SHARED_KEY) != null) {
            sb.append(" psk");
        }
        if (extension(ExtensionType.COOKIE) != null) {
            sb.append(" cookie");
        }
        return sb.toString();
    }
}
