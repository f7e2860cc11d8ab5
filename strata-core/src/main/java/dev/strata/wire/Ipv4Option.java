package dev.strata.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * One IPv4 header option (RFC 791 §3.1): the single-octet End of Option List and No Operation, or an option with a
 * type, a length and data, kept as raw data whatever its type.
 */
public sealed interface Ipv4Option permits Ipv4Option.Eol, Ipv4Option.Nop, Ipv4Option.Other {

    /** Type of End of Option List. */
    int TYPE_EOL = 0;
    /** Type of No Operation. */
    int TYPE_NOP = 1;
    /** Type of Record Route (RFC 791). */
    int TYPE_RECORD_ROUTE = 7;
    /** Type of Internet Timestamp (RFC 791). */
    int TYPE_TIMESTAMP = 68;
    /** Type of Loose Source and Record Route (RFC 791). */
    int TYPE_LSRR = 131;
    /** Type of Strict Source and Record Route (RFC 791). */
    int TYPE_SSRR = 137;
    /** Type of Router Alert (RFC 2113). */
    int TYPE_ROUTER_ALERT = 148;

    /** End of Option List, the single octet 0. */
    Eol EOL = new Eol();
    /** No Operation, the single octet 1. */
    Nop NOP = new Nop();

    /** The option-type octet: copied flag, class and number. */
    int type();

    /** Number of octets the option occupies. */
    int length();

    /** The End of Option List option: the options end here; what follows is padding. */
    record Eol() implements Ipv4Option {
        @Override
        public int type() {
            return TYPE_EOL;
        }

        @Override
        public int length() {
            return 1;
        }
    }

    /** The No Operation option, used to align the next option. */
    record Nop() implements Ipv4Option {
        @Override
        public int type() {
            return TYPE_NOP;
        }

        @Override
        public int length() {
            return 1;
        }
    }

    /**
     * An option with a length octet, its data kept as it was (the length octet counts type, length and data).
     *
     * @param type the option-type octet
     * @param data the option data after the length octet; copied in and out
     */
    record Other(int type, byte[] data) implements Ipv4Option {
        /** Validates the type and that the option fits in the 40-octet options area. */
        public Other {
            if (type < 2 || type > 255) {
                throw new IllegalArgumentException("IPv4 option type out of range: " + type);
            }
            if (data.length > Ipv4Options.MAX_LENGTH - 2) {
                throw new IllegalArgumentException("IPv4 option data too long: " + data.length);
            }
            data = data.clone();
        }

        /** A copy of the data. */
        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public int length() {
            return 2 + data.length;
        }

        /** True when the option is copied into every fragment (the top bit of the type). */
        public boolean copied() {
            return (type & 0x80) != 0;
        }

        /** The option class: 0 control, 2 debugging and measurement. */
        public int optionClass() {
            return (type >>> 5) & 3;
        }

        /** The option number, the low five bits of the type. */
        public int number() {
            return type & 0x1F;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other other && type == other.type && Arrays.equals(data, other.data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Other[type=" + type + ", data=" + HexFormat.of().formatHex(data) + "]";
        }
    }
}
