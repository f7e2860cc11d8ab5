package dev.strata.cli.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --www} mode of {@code strata tls server}: answers each HTTP/1.x GET (or HEAD) with a small page
 * describing the TLS session, keeping the connection open for the next request unless the client asks to close.
 * Anything else gets a 4xx answer; a request head is limited to {@link #MAX_HEAD} octets.
 */
final class WwwResponder {

    /** The largest request head accepted (request line and header fields). */
    static final int MAX_HEAD = 16 * 1024;

    private WwwResponder() {}

    /**
     * Serves requests from {@code in} until the client closes, asks to close, or sends something malformed.
     *
     * @param sessionLines the session description, one {@code name: value} per line
     * @param peer who the client is, for the page
     * @return the number of requests answered
     */
    static int serve(InputStream in, OutputStream out, List<String> sessionLines, String peer) throws IOException {
        int answered = 0;
        while (true) {
            String head = readHead(in);
            if (head == null) {
                return answered; // the client closed between requests
            }
            String[] lines = head.split("\r?\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3 || !requestLine[2].startsWith("HTTP/1.")) {
                respond(out, 400, "Bad Request", "text/plain", "bad request line\n", true, false);
                return answered;
            }
            String method = requestLine[0];
            boolean http10 = requestLine[2].equals("HTTP/1.0");
            boolean close = http10 && !hasToken(lines, "keep-alive") || hasToken(lines, "close");
            answered++;
            if (!method.equals("GET") && !method.equals("HEAD")) {
                respond(out, 405, "Method Not Allowed", "text/plain", "only GET and HEAD\n", true, false);
                return answered;
            }
            respond(
                    out,
                    200,
                    "OK",
                    "text/html; charset=utf-8",
                    page(sessionLines, peer, lines[0]),
                    close,
                    method.equals("HEAD"));
            if (close) {
                return answered;
            }
        }
    }

    /** The page: the request and the session, as an HTML list. */
    static String page(List<String> sessionLines, String peer, String requestLine) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html><head><title>Strata TLS server</title></head><body>\n");
        sb.append("<h1>Strata TLS server</h1>\n<p>")
                .append(escape(requestLine))
                .append(" from ")
                .append(escape(peer));
        sb.append("</p>\n<pre>\n");
        for (String l : sessionLines) {
            sb.append(escape(l)).append('\n');
        }
        sb.append("</pre>\n</body></html>\n");
        return sb.toString();
    }

    private static void respond(
            OutputStream out, int status, String reason, String type, String body, boolean close, boolean head)
            throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String h = "HTTP/1.1 " + status + " " + reason + "\r\n"
                + "Server: strata\r\n"
                + "Content-Type: " + type + "\r\n"
                + "Content-Length: " + b.length + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + "\r\n";
        out.write(h.getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            out.write(b);
        }
        out.flush();
    }

    /** The request head up to the empty line, or null at the end of the stream before any octet. */
    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0; // how much of CRLF CRLF (or LF LF) has been seen
        while (true) {
            int c = in.read();
            if (c < 0) {
                if (head.size() == 0) {
                    return null;
                }
                throw new IOException("the request head ended early");
            }
            if (head.size() == 0 && (c == '\r' || c == '\n')) {
                continue; // RFC 9112 §2.2: ignore empty lines before the request line
            }
            head.write(c);
            if (head.size() > MAX_HEAD) {
                throw new IOException("request head longer than " + MAX_HEAD + " octets");
            }
            if (c == '\n') {
                state++;
                if (state == 2) {
                    return head.toString(StandardCharsets.ISO_8859_1).strip();
                }
            } else if (c != '\r') {
                state = 0;
            }
        }
    }

    private static boolean hasToken(String[] lines, String token) {
        for (int i = 1; i < lines.length; i++) {
            String l = lines[i].toLowerCase(Locale.ROOT);
            if (l.startsWith("connection:") && l.substring(11).contains(token)) {
                return true;
            }
        }
        return false;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
