package dev.strata.tls.message;

import dev.strata.tls.NamedGroup;
import dev.strata.tls.ProtocolVersion;
import dev.strata.tls.SignatureScheme;
import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;

/**
 * Extensions that are lists of 16-bit code points: supported_groups (RFC 8446 §4.2.7), signature_algorithms
 * (§4.2.3) and supported_versions (§4.2.1, the ClientHello form with a uint8 length).
 */
public final class U16Lists {

    private U16Lists() {}

    private static <T> List<T> decode(Reader r, IntFunction<T> of, String what) {
        if (r.remaining() < 2 || r.remaining() % 2 != 0) {
            throw TlsAlertException.decode(what + " list of " + r.remaining() + " octets");
        }
        List<T> out = new ArrayList<>();
        while (!r.isEmpty()) {
            out.add(of.apply(r.u16(what)));
        }
        return List.copyOf(out);
    }

    private static <T> byte[] encode(int prefixBytes, List<T> values, ToIntFunction<T> value) {
        Writer w = new Writer(2 + values.size() * 2);
        int mark = w.open(prefixBytes);
        for (T v : values) {
            w.u16(value.applyAsInt(v));
        }
        w.close(mark);
        return w.toByteArray();
    }

    /** Decodes the remaining octets of {@code r} as signature schemes. */
    public static List<SignatureScheme> schemes(Reader r) {
        return decode(r, SignatureScheme::of, "signature_algorithms");
    }

    /** Decodes supported_groups extension data. */
    public static List<NamedGroup> decodeGroups(byte[] data) {
        Reader r = Reader.of(data);
        List<NamedGroup> out = decode(r.sub(2, "named_group_list"), NamedGroup::of, "named_group_list");
        r.expectEnd("supported_groups");
        return out;
    }

    /** Encodes supported_groups extension data. */
    public static byte[] encodeGroups(List<NamedGroup> groups) {
        return encode(2, groups, NamedGroup::value);
    }

    /** Decodes signature_algorithms (or signature_algorithms_cert) extension data. */
    public static List<SignatureScheme> decodeSchemes(byte[] data) {
        Reader r = Reader.of(data);
        List<SignatureScheme> out = schemes(r.sub(2, "supported_signature_algorithms"));
        r.expectEnd("signature_algorithms");
        return out;
    }

    /** Encodes signature_algorithms extension data. */
    public static byte[] encodeSchemes(List<SignatureScheme> schemes) {
        return encode(2, schemes, SignatureScheme::value);
    }

    /** Decodes the ClientHello form of supported_versions. */
    public static List<ProtocolVersion> decodeVersions(byte[] data) {
        Reader r = Reader.of(data);
        Reader list = r.sub(1, "supported_versions");
        List<ProtocolVersion> out = decode(list, ProtocolVersion::of, "supported_versions");
        r.expectEnd("supported_versions");
        return out;
    }

    /** Encodes the ClientHello form of supported_versions. */
    public static byte[] encodeVersions(List<ProtocolVersion> versions) {
        return encode(1, versions, ProtocolVersion::value);
    }

    /** Decodes the ServerHello form of supported_versions: one version. */
    public static ProtocolVersion decodeSelectedVersion(byte[] data) {
        Reader r = Reader.of(data);
        ProtocolVersion v = ProtocolVersion.of(r.u16("selected_version"));
        r.expectEnd("supported_versions");
        return v;
    }

    /** A 2-octet big-endian value, as the ServerHello forms carry. */
    public static byte[] u16(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }
}
