package dev.strata.ip;

import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The routing table: longest-prefix match over IPv4 routes (RFC 1812 §5.2.4.3), ties broken by metric.
 *
 * <p>Routes are kept in one hash table per prefix length, keyed by the network address as a primitive int (no boxing
 * on the forwarding path), and a lookup probes the lengths in use from longest to shortest, so a lookup costs at
 * most one hash probe per distinct length however many routes there are. The last answer is remembered, since
 * consecutive packets mostly go to the same destination.
 */
public final class RouteTable {

    /** The routes of one prefix length, keyed by network address: open addressing with linear probing. */
    private static final class Level {
        private int[] keys = new int[8];
        private Route[] routes = new Route[8];
        private int size;

        Route get(int key) {
            int mask = keys.length - 1;
            for (int i = hash(key) & mask; ; i = (i + 1) & mask) {
                Route r = routes[i];
                if (r == null || keys[i] == key) {
                    return r;
                }
            }
        }

        void put(int key, Route route) {
            if (2 * (size + 1) > keys.length) {
                grow();
            }
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (routes[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (routes[i] == null) {
                size++;
            }
            keys[i] = key;
            routes[i] = route;
        }

        Route remove(int key) {
            int mask = keys.length - 1;
            int i = hash(key) & mask;
            while (routes[i] != null && keys[i] != key) {
                i = (i + 1) & mask;
            }
            Route old = routes[i];
            if (old == null) {
                return null;
            }
            routes[i] = null;
            size--;
            // Re-insert the rest of the cluster so that no probe sequence is cut short.
            for (int j = (i + 1) & mask; routes[j] != null; j = (j + 1) & mask) {
                Route r = routes[j];
                int k = keys[j];
                routes[j] = null;
                size--;
                put(k, r);
            }
            return old;
        }

        boolean isEmpty() {
            return size == 0;
        }

        List<Route> values() {
            List<Route> all = new ArrayList<>(size);
            for (Route r : routes) {
                if (r != null) {
                    all.add(r);
                }
            }
            return all;
        }

        private void grow() {
            int[] oldKeys = keys;
            Route[] oldRoutes = routes;
            keys = new int[oldKeys.length * 2];
            routes = new Route[oldKeys.length * 2];
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldRoutes[i] != null) {
                    put(oldKeys[i], oldRoutes[i]);
                }
            }
        }

        private static int hash(int key) {
            int h = key * 0x9E37_79B9;
            return h ^ (h >>> 16);
        }
    }

    private final Level[] byLength = new Level[33];

    private int[] lengthsInUse = new int[0];

    /** The last lookup's destination and answer, while {@link #lastValid}. */
    private int lastDestination;

    private Route lastRoute;
    private boolean lastValid;

    /** An empty table. */
    public RouteTable() {}

    /** Adds a route, replacing one for the same prefix with a worse or equal metric. */
    public void add(Route route) {
        int len = route.destination().length();
        Level m = byLength[len];
        if (m == null) {
            m = new Level();
            byLength[len] = m;
            recomputeLengths();
        }
        int key = route.destination().network().bits();
        Route old = m.get(key);
        if (old == null || route.metric() <= old.metric()) {
            m.put(key, route);
            lastValid = false;
        }
    }

    /** Adds the default route via {@code gateway}, leaving through {@code iface}. */
    public void setDefault(Ip4 gateway, NetInterface iface) {
        add(new Route(Ip4Prefix.DEFAULT, gateway, iface, 0));
    }

    /** Removes the route for exactly {@code prefix}; returns whether there was one. */
    public boolean remove(Ip4Prefix prefix) {
        Level m = byLength[prefix.length()];
        if (m == null || m.remove(prefix.network().bits()) == null) {
            return false;
        }
        lastValid = false;
        if (m.isEmpty()) {
            byLength[prefix.length()] = null;
            recomputeLengths();
        }
        return true;
    }

    /** Removes every route through {@code iface}. */
    public void removeAll(NetInterface iface) {
        for (int len = 0; len <= 32; len++) {
            Level m = byLength[len];
            if (m != null) {
                for (Route r : m.values()) {
                    if (r.iface() == iface) {
                        m.remove(r.destination().network().bits());
                    }
                }
                if (m.isEmpty()) {
                    byLength[len] = null;
                }
            }
        }
        lastValid = false;
        recomputeLengths();
    }

    /** The route with the longest prefix containing {@code dst}, or null when none does. */
    public Route lookup(Ip4 dst) {
        int bits = dst.bits();
        if (lastValid && lastDestination == bits) {
            return lastRoute;
        }
        Route found = null;
        for (int len : lengthsInUse) {
            Route r = byLength[len].get(bits & Ip4Prefix.maskBits(len));
            if (r != null) {
                found = r;
                break;
            }
        }
        lastDestination = bits;
        lastRoute = found;
        lastValid = true;
        return found;
    }

    /** Every route, longest prefix first, then by address: the order {@code ip route} would list them. */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        for (int len : lengthsInUse) {
            all.addAll(byLength[len].values());
        }
        all.sort(Comparator.comparing((Route r) -> -r.destination().length())
                .thenComparing(r -> r.destination().network()));
        return all;
    }

    private void recomputeLengths() {
        int n = 0;
        for (int len = 32; len >= 0; len--) {
            if (byLength[len] != null) {
                n++;
            }
        }
        int[] lengths = new int[n];
        int i = 0;
        for (int len = 32; len >= 0; len--) {
            if (byLength[len] != null) {
                lengths[i++] = len;
            }
        }
        lengthsInUse = lengths;
    }
}
