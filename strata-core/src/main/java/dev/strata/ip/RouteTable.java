package dev.strata.ip;

import dev.strata.wire.Ip4;
import dev.strata.wire.Ip4Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * The routing table: longest-prefix match over IPv4 routes (RFC 1812 §5.2.4.3), ties broken by metric.
 *
 * <p>Routes are kept in one hash map per prefix length, and a lookup probes the lengths in use from longest to
 * shortest, so a lookup costs at most one hash probe per distinct length however many routes there are.
 */
public final class RouteTable {

    /** The routes of one prefix length, keyed by network address. */
    private static final class Level extends HashMap<Integer, Route> {
        private static final long serialVersionUID = 1L;
    }

    private final Level[] byLength = new Level[33];

    private int[] lengthsInUse = new int[0];

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
                m.values().removeIf(r -> r.iface() == iface);
                if (m.isEmpty()) {
                    byLength[len] = null;
                }
            }
        }
        recomputeLengths();
    }

    /** The route with the longest prefix containing {@code dst}, or null when none does. */
    public Route lookup(Ip4 dst) {
        int bits = dst.bits();
        for (int len : lengthsInUse) {
            Route r = byLength[len].get(bits & Ip4Prefix.maskBits(len));
            if (r != null) {
                return r;
            }
        }
        return null;
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
