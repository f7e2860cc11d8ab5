package dev.strata.apps.simple;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The simple services every TCP/IP host once offered (the internal services of inetd), each on TCP and UDP: a
 * closed set of names, so a Java enum.
 */
public enum SimpleService {
    /** RFC 862: sends back whatever it receives. */
    ECHO("echo", 7),
    /** RFC 863: throws away whatever it receives. */
    DISCARD("discard", 9),
    /** RFC 867: sends the current date and time as text, then closes. */
    DAYTIME("daytime", 13),
    /** RFC 864: sends a stream of printable characters, ignoring what it receives. */
    CHARGEN("chargen", 19);

    private final String serviceName;
    private final int port;

    SimpleService(String serviceName, int port) {
        this.serviceName = serviceName;
        this.port = port;
    }

    /** The service's name as /etc/services writes it, e.g. {@code echo}. */
    public String serviceName() {
        return serviceName;
    }

    /** The well-known port, on TCP and UDP alike. */
    public int port() {
        return port;
    }

    /**
     * The service called {@code name} (case does not matter).
     *
     * @throws IllegalArgumentException naming the unknown service and the known ones
     */
    public static SimpleService named(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (SimpleService s : values()) {
            if (s.serviceName.equals(n)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown service '" + name.trim() + "' (known: " + known() + ")");
    }

    /**
     * The services of a comma-separated list such as {@code echo,discard}, without repeats, in the order given.
     *
     * @throws IllegalArgumentException for an unknown or empty name
     */
    public static List<SimpleService> parseList(String list) {
        Set<SimpleService> out = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            if (part.isBlank()) {
                throw new IllegalArgumentException("empty service name in '" + list + "' (known: " + known() + ")");
            }
            out.add(named(part));
        }
        return new ArrayList<>(out);
    }

    /** The names of all services, comma-separated. */
    public static String known() {
        StringBuilder sb = new StringBuilder();
        for (SimpleService s : values()) {
            sb.append(sb.isEmpty() ? "" : ", ").append(s.serviceName);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return serviceName;
    }
}
