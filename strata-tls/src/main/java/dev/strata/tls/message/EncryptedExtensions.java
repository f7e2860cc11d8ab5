package dev.strata.tls.message;

import dev.strata.tls.ExtensionType;
import dev.strata.tls.HandshakeType;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.List;

/**
 * EncryptedExtensions (RFC 8446 §4.3.1).
 *
 * @param extensions the extensions that do not belong in the ServerHello
 */
public record EncryptedExtensions(List<Extension> extensions) implements HandshakeMessage {

    @Override
    public HandshakeType type() {
        return HandshakeType.ENCRYPTED_EXTENSIONS;
    }

    /** Decodes an EncryptedExtensions body. */
    public static EncryptedExtensions decode(Reader r) {
        List<Extension> ext = Extensions.decode(r, "EncryptedExtensions");
        r.expectEnd("EncryptedExtensions");
        return new EncryptedExtensions(ext);
    }

    @Override
    public void encodeBody(Writer w) {
        Extensions.encode(w, extensions);
    }

    @Override
    public String describe() {
        Extension alpn = Extensions.find(extensions, ExtensionType.ALPN);
        return "extensions=" + extensions + (alpn != null ? " alpn=" + AlpnExtension.decode(alpn.data()) : "");
    }
}
