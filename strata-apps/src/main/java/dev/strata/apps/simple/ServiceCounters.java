package dev.strata.apps.simple;

/** What one simple service did, on TCP and UDP; written on the host's event loop. */
public final class ServiceCounters {

    /** TCP connections accepted. */
    public long accepted;
    /** TCP connections that ended normally (both FINs exchanged). */
    public long closedNormally;
    /** TCP connections reset by the peer. */
    public long reset;
    /** TCP connections that ended otherwise (aborted, timed out). */
    public long failed;
    /** Octets received over TCP. */
    public long octetsIn;
    /** Octets written over TCP. */
    public long octetsOut;
    /** UDP datagrams received. */
    public long datagramsIn;
    /** UDP datagrams sent in answer. */
    public long datagramsOut;
    /** UDP datagrams not answered because they came from a simple service's port (no echo/chargen loops). */
    public long datagramsRefused;

    ServiceCounters() {}

    @Override
    public String toString() {
        return "tcp " + accepted + " accepted (" + closedNormally + " closed, " + reset + " reset, " + failed
                + " failed), " + octetsIn + " octets in, " + octetsOut + " out; udp " + datagramsIn + " in, "
                + datagramsOut + " out, " + datagramsRefused + " refused";
    }
}
