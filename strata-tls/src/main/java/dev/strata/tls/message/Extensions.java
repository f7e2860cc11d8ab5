package dev.strata.tls.message;

import dev.strata.tls.TlsAlertException;
import dev.strata.tls.codec.Reader;
import dev.strata.tls.codec.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The extensions block of a hello-family message: a uint16-prefixed list of extensions (RFC 8446 §4.2). */
public final class Extensions {

    private Extensions() {}

    /** Decodes a uint16-prefixed extension list, rejecting duplicates (RFC 8446 §4.2: illegal_parameter). */
    public static List<Extension> decode(Reader r, String where) {
        Reader list = r.sub(2, where + " extensions");
        List<Extension> out = new ArrayList<>();
        Set<Integer> seen = new HashSet<>();
        while (!list.isEmpty()) {
            int type = list.u16("extension type");
            byte[] data = list.vector(2, "extension data");
            if (!seen.add(type)) {
                throw TlsAlertException.illegal(where + ": duplicate extension " + type);
            }
            out.add(new Extension(type, data));
        }
        return List.copyOf(out);
    }

    /** Encodes a uint16-prefixed extension list. */
    public static void encode(Writer w, List<Extension> extensions) {
        int mark = w.open(2);
        for (Extension e : extensions) {
            w.u16(e.type());
            w.vector(2, e.data());
        }
        w.close(mark);
    }

    /** The extension of {@code type}, or null. */
    public static Extension find(List<Extension> extensions, int type) {
        for (Extension e : extensions) {
            if (e.type() == type) {
                return e;
            }
        }
        return null;
    }

    /** True when {@code type} is present. */
    public static boolean has(List<Extension> extensions, int type) {
        return find(extensions, type) != null;
    }
}
