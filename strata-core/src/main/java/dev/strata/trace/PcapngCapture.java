package dev.strata.trace;

import dev.strata.trace.PcapngBlock.EnhancedPacket;
import dev.strata.trace.PcapngBlock.InterfaceDescription;
import dev.strata.trace.PcapngBlock.SectionHeader;
import java.util.List;

/**
 * A whole pcapng file in memory: its sections, all interfaces numbered across sections, and its packets, whose
 * interface ids index {@link #interfaces()}.
 *
 * @param sections the section headers, in file order
 * @param interfaces every interface, in file order
 * @param packets every packet, in file order (Simple Packet Blocks appear with time 0 and unknown direction)
 */
public record PcapngCapture(
        List<SectionHeader> sections, List<InterfaceDescription> interfaces, List<EnhancedPacket> packets) {

    /** Copies the lists. */
    public PcapngCapture {
        sections = List.copyOf(sections);
        interfaces = List.copyOf(interfaces);
        packets = List.copyOf(packets);
    }

    /** The interface a packet was captured on. */
    public InterfaceDescription interfaceOf(EnhancedPacket packet) {
        return interfaces.get(packet.interfaceId());
    }
}
