package dev.strata.tls.io;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A reliable, ordered byte stream that TLS can run over: an OS socket, a socket channel, or Strata's own TCP.
 * Blocking: {@link #read} waits for at least one byte or the end of the stream.
 */
public interface ByteStreamTransport extends AutoCloseable {

    /** Reads into {@code dst}; returns the number of bytes read (at least 1), or -1 at the end of the stream. */
    int read(ByteBuffer dst) throws IOException;

    /** Writes all of {@code src}. */
    void write(ByteBuffer src) throws IOException;

    /** Closes the sending direction (TCP FIN); reading may go on. The default closes nothing. */
    default void shutdownOutput() throws IOException {}

    /** Closes the stream. */
    @Override
    void close() throws IOException;
}
