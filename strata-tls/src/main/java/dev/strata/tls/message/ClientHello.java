package dev.strata.tls.message;

import dev.strata.tls.CipherSuite;
import dev.strata.tls.ExtensionType;
import dev.strata.tls.HandshakeType;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * ClientHello (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2).
 *
 * @param legacyVersion legacy_version (0x0303 from a TLS 1.3 client)
 * @param random the 32-octet client random
 * @param sessionId legacy_session_id, 0 to 32 octets
 * @param cipherSuites the offered suites, in the client's order
 * @param compressionMethods legacy_compression_methods (must be {0} in TLS 1.3)
 * @param extensions the extensions, in wire order (pre_shared_key last when present)
 */
public record ClientHello(
        int legacyVersion,
        byte[] random,
        byte[] sessionId,
        List<CipherSuite> cipherSuites,
        byte[] compressionMethods,
        List<Extension> extensions)
        implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.CLIENT_HELLO;
    }

    /** Decodes a ClientHello body. */
    public static ClientHello decode(Reader r) {
        int version = r.u16("legacy_version");
        byte[] random = r.bytes(32, "random");
        byte[] sessionId = r.vector(1, 0, 32, "legacy_session_id");
        Reader suites = r.sub(2, "cipher_suites");
        if (suites.remaining() < 2 || suites.remaining() % 2 != 0) {
            throw TlsAlertException.decode("cipher_suites of " + suites.remaining() + " octets");
        }
        List<CipherSuite> list = new ArrayList<>();
        while (!suites.isEmpty()) {
            list.add(CipherSuite.of(suites.u16("cipher suite")));
        }
        byte[] compression = r.vector(1, 1, 255, "legacy_compression_methods");
        List<Extension> extensions = r.isEmpty() ? List.of() : Extensions.decode(r, "ClientHello");
        r.expectEnd("ClientHello");
        for (int i = 0; i < extensions.size() - 1; i++) {
            if (extensions.get(i).type() == ExtensionType.PRE_SHARED_KEY) {
                // RFC 8446 §4.2.11: pre_shared_key MUST be the last extension.
                throw TlsAlertException.illegal("pre_shared_key is not the last extension");
            }
        }
        return new ClientHello(version, random, sessionId, List.copyOf(list), compression, extensions);
    }

    @Override
    public void encodeBody(Writer w) {
        w.u16(legacyVersion).bytes(random).vector(1, sessionId);
        int mark = w.open(2);
        for (CipherSuite s : cipherSuites) {
            w.u16(s.value());
        }
        w.close(mark);
        w.vector(1, compressionMethods);
        Extensions.encode(w, extensions);
    }

    /** The extension of {@code type}, or null. */
    public Extension extension(int type) {
        return Extensions.find(extensions, type);
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("random=").append(HexFormat.of().formatHex(random, 0, 8)).append("…");
        sb.append(" suites=").append(cipherSuites);
        Extension sni = extension(ExtensionType.SERVER_NAME);
        if (sni != null) {
            sb.append(" sni=").append(ServerNameExtension.decode(sni.data()));
        }
        Extension ks = extension(ExtensionType.KEY_SHARE);
        if (ks != null) {
            sb.append(" key_share=")
                    .append(KeyShare.decodeClient(ks.data()).stream()
                            .map(e -> e.group().toString())
                            .toList());
        }
        Extension alpn = extension(ExtensionType.ALPN);
        if (alpn != null) {
            sb.append(" alpn=").append(AlpnExtension.decode(alpn.data()));
        }
        if (extension(ExtensionType.PRE_SHARED_KEY) != null) {
            sb.append(" psk");
        }
        return sb.toString();
    }
}
