package dev.strata.tls.message;

import dev.strata.tls.ExtensionType;
import java.util.Arrays;

/**
 * One hello extension as carried on the wire (RFC 8446 §4.2): its type and opaque data; typed views live in the
 * extension codecs of this package.
 *
 * @param type the 16-bit extension type
 * @param data the extension_data octets
 */
public record Extension(int type, byte[] data) {

    /** Copies nothing; callers treat {@code data} as immutable. */
    public Extension {
        if ((type & ~0xFFFF) != 0) {
            throw new IllegalArgumentException("extension type " + type);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Extension e && e.type == type && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * type + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return ExtensionType.nameOf(type) + "(" + data.length + ")";
    }
}
