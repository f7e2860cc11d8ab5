package dev.strata.tls.record;

import dev.strata.tls.TlsAlertException;
import java.util.Arrays;

/**
 * Joins handshake records into handshake messages (RFC 8446 §5.1): a message may span records, and a record may hold
 * several messages. Messages larger than {@link #MAX_MESSAGE} are decode_error, so memory stays bounded.
 */
public final class HandshakeReassembler {

    /** The largest handshake message accepted (a long certificate chain fits). */
    public static final int MAX_MESSAGE = 1 << 17;

    private byte[] buf = new byte[1024];
    private int start;
    private int end;

    /** An empty reassembler. */
    public HandshakeReassembler() {}

    /** Appends a handshake record's payload. */
    public void add(byte[] data, int off, int len) {
        if (buf.length - end < len) {
            int live = end - start;
            if (buf.length - live < len) {
                buf = Arrays.copyOf(Arrays.copyOfRange(buf, start, end), Math.max(buf.length * 2, live + len));
            } else {
                System.arraycopy(buf, start, buf, 0, live);
            }
            start = 0;
            end = live;
        }
        System.arraycopy(data, off, buf, end, len);
        end += len;
    }

    /** True when a partial message is waiting for more records. */
    public boolean hasPartial() {
        return end > start;
    }

    /** The next complete message (header included), or null when none is complete yet. */
    public byte[] next() {
        int avail = end - start;
        if (avail < 4) {
            return null;
        }
        int len = ((buf[start + 1] & 0xFF) << 16) | ((buf[start + 2] & 0xFF) << 8) | (buf[start + 3] & 0xFF);
        if (len > MAX_MESSAGE) {
            throw TlsAlertException.decode("handshake message of " + len + " octets exceeds " + MAX_MESSAGE);
        }
        if (avail < 4 + len) {
            return null;
        }
        byte[] msg = Arrays.copyOfRange(buf, start, start + 4 + len);
        start += 4 + len;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return msg;
    }
}
