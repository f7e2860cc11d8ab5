package dev.strata.tcp;

/**
 * The demultiplexing table of one host's TCP: connections by their four-tuple (local address and port, remote
 * address and port), RFC 9293 §3.10.7's "if the connection exists".
 *
 * <p>An open-addressing hash table over primitive keys (the two addresses in one long, the two ports in one int),
 * so that finding the connection of an arriving segment allocates nothing and compares no objects. The connection
 * of the previous lookup is tried first. Deletion shifts the rest of a probe cluster back, so no tombstones pile up
 * as connections come and go.
 */
final class ConnectionTable {

    private static final int MIN_CAPACITY = 16;

    private long[] addresses = new long[MIN_CAPACITY];
    private int[] ports = new int[MIN_CAPACITY];
    private TcpConnection[] connections = new TcpConnection[MIN_CAPACITY];
    private int size;

    private TcpConnection last;
    private long lastAddresses;
    private int lastPorts;

    ConnectionTable() {}

    /** The number of connections. */
    int size() {
        return size;
    }

    /** The connection with this four-tuple, or null. */
    TcpConnection get(int localAddress, int localPort, int remoteAddress, int remotePort) {
        long a = addresses(localAddress, remoteAddress);
        int p = ports(localPort, remotePort);
        if (last != null && lastAddresses == a && lastPorts == p) {
            return last;
        }
        int mask = connections.length - 1;
        for (int i = hash(a, p) & mask; ; i = (i + 1) & mask) {
            TcpConnection c = connections[i];
            if (c == null) {
                return null;
            }
            if (addresses[i] == a && ports[i] == p) {
                last = c;
                lastAddresses = a;
                lastPorts = p;
                return c;
            }
        }
    }

    /** True when a connection has this four-tuple. */
    boolean contains(int localAddress, int localPort, int remoteAddress, int remotePort) {
        return get(localAddress, localPort, remoteAddress, remotePort) != null;
    }

    /** Adds {@code c} under its four-tuple, replacing any connection there. */
    void put(TcpConnection c) {
        if (2 * (size + 1) > connections.length) {
            resize(connections.length * 2);
        }
        insert(key(c), ports(c), c);
    }

    /** Removes {@code c} if it is the connection under its four-tuple. */
    void remove(TcpConnection c) {
        long a = key(c);
        int p = ports(c);
        int mask = connections.length - 1;
        int i = hash(a, p) & mask;
        while (connections[i] != null && !(addresses[i] == a && ports[i] == p)) {
            i = (i + 1) & mask;
        }
        if (connections[i] != c) {
            return;
        }
        if (last == c) {
            last = null;
        }
        connections[i] = null;
        size--;
        // Backward-shift deletion: move later members of the cluster into the hole when their home allows it.
        int hole = i;
        for (int j = (i + 1) & mask; connections[j] != null; j = (j + 1) & mask) {
            int home = hash(addresses[j], ports[j]) & mask;
            boolean movable = hole <= j ? (home <= hole || home > j) : (home <= hole && home > j);
            if (movable) {
                addresses[hole] = addresses[j];
                ports[hole] = ports[j];
                connections[hole] = connections[j];
                connections[j] = null;
                hole = j;
            }
        }
        if (connections.length > MIN_CAPACITY && 8 * size < connections.length) {
            resize(connections.length / 2);
        }
    }

    private void insert(long a, int p, TcpConnection c) {
        int mask = connections.length - 1;
        int i = hash(a, p) & mask;
        while (connections[i] != null && !(addresses[i] == a && ports[i] == p)) {
            i = (i + 1) & mask;
        }
        if (connections[i] == null) {
            size++;
        } else if (last == connections[i]) {
            last = null;
        }
        addresses[i] = a;
        ports[i] = p;
        connections[i] = c;
    }

    private void resize(int capacity) {
        long[] oldAddresses = addresses;
        int[] oldPorts = ports;
        TcpConnection[] old = connections;
        addresses = new long[capacity];
        ports = new int[capacity];
        connections = new TcpConnection[capacity];
        size = 0;
        for (int i = 0; i < old.length; i++) {
            if (old[i] != null) {
                insert(oldAddresses[i], oldPorts[i], old[i]);
            }
        }
    }

    private static long key(TcpConnection c) {
        return addresses(c.localAddress().bits(), c.remoteAddress().bits());
    }

    private static int ports(TcpConnection c) {
        return ports(c.localPort(), c.remotePort());
    }

    private static long addresses(int local, int remote) {
        return ((long) local << 32) | (remote & 0xFFFF_FFFFL);
    }

    private static int ports(int local, int remote) {
        return (local << 16) | (remote & 0xFFFF);
    }

    private static int hash(long a, int p) {
        long h = (a ^ ((long) p * 0x9E37_79B9_7F4A_7C15L)) * 0xC2B2_AE3D_27D4_EB4FL;
        return (int) (h ^ (h >>> 32));
    }
}
