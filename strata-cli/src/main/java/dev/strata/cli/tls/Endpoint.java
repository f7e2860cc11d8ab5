package dev.strata.cli.tls;

/**
 * A {@code HOST:PORT} argument: a host name, an IPv4 literal, or an IPv6 literal in brackets ({@code [::1]:443}).
 *
 * @param host the host name or address literal, without brackets
 * @param port the TCP port, 1 to 65535
 */
record Endpoint(String host, int port) {

    /** Parses {@code text}; the exception's message says what is wrong with it. */
    static Endpoint parse(String text) {
        String host;
        String port;
        if (text.startsWith("[")) {
            int close = text.indexOf("]:");
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' is not [IPV6]:PORT");
            }
            host = text.substring(1, close);
            port = text.substring(close + 2);
        } else {
            int colon = text.lastIndexOf(':');
            if (colon <= 0 || text.indexOf(':') != colon) {
                throw new IllegalArgumentException("'" + text + "' is not HOST:PORT");
            }
            host = text.substring(0, colon);
            port = text.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no host");
        }
        int p;
        try {
            p = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + port + "' is not a port number");
        }
        if (p < 1 || p > 65535) {
            throw new IllegalArgumentException("port " + p + " is outside 1..65535");
        }
        return new Endpoint(host, p);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
