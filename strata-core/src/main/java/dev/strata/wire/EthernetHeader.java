package dev.strata.wire;

import java.nio.ByteBuffer;

/**
 * An Ethernet II header to build: addresses, an optional 802.1Q tag and the payload's EtherType.
 *
 * @param destination where the frame goes
 * @param source the sending interface
 * @param vlan the 802.1Q tag, or null for an untagged frame
 * @param etherType the payload's protocol
 */
public record EthernetHeader(MacAddr destination, MacAddr source, VlanTag vlan, EtherType etherType)
        implements HeaderRecord {

    /** An untagged header. */
    public EthernetHeader(MacAddr destination, MacAddr source, EtherType etherType) {
        this(destination, source, null, etherType);
    }

    /**
     * An IEEE 802.1Q tag control field.
     *
     * @param pcp priority code point, 0..7
     * @param dei drop eligible indicator
     * @param vid VLAN identifier, 0..4095
     */
    public record VlanTag(int pcp, boolean dei, int vid) {
        /** Validates the field ranges. */
        public VlanTag {
            if (pcp < 0 || pcp > 7 || vid < 0 || vid > 4095) {
                throw new IllegalArgumentException("bad 802.1Q tag pcp=" + pcp + " vid=" + vid);
            }
        }

        /** The tag for a 16-bit TCI. */
        public static VlanTag ofTci(int tci) {
            return new VlanTag(tci >>> 13, (tci & 0x1000) != 0, tci & 0xFFF);
        }

        /** The 16-bit tag control information. */
        public int tci() {
            return (pcp << 13) | (dei ? 0x1000 : 0) | vid;
        }
    }

    @Override
    public int length() {
        return vlan == null ? EthernetFrame.HEADER_LENGTH : EthernetFrame.HEADER_LENGTH + EthernetFrame.VLAN_TAG_LENGTH;
    }

    @Override
    public void emit(ByteBuffer buf, int at) {
        destination.write(buf, at + EthernetFrame.DESTINATION);
        source.write(buf, at + EthernetFrame.SOURCE);
        if (vlan == null) {
            buf.putShort(at + EthernetFrame.TYPE, (short) etherType.value());
        } else {
            buf.putShort(at + EthernetFrame.TYPE, (short) EtherType.VLAN.value());
            buf.putShort(at + EthernetFrame.VLAN_TCI, (short) vlan.tci());
            buf.putShort(at + EthernetFrame.INNER_TYPE, (short) etherType.value());
        }
    }
}
