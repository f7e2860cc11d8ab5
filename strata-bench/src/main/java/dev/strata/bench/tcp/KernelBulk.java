package dev.strata.bench.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The reference for {@link StrataBulk}: the same byte count through the JDK's sockets over the kernel's loopback, one
 * thread writing and one reading, with blocking {@link SocketChannel}s and direct buffers of the same size as the
 * Strata applications use (the fastest path the JDK offers: no copy between heap and native memory).
 */
public final class KernelBulk {

    private KernelBulk() {}

    /**
     * What one transfer did.
     *
     * @param bytes octets read by the receiving thread
     * @param wallNanos wall time from connect to the last octet read
     */
    public record Result(long bytes, long wallNanos) {
        /** Payload Gbit/s of wall time. */
        public double gbps() {
            return bytes * 8.0 / wallNanos;
        }
    }

    /** Sends {@code bytes} octets from one thread to another over 127.0.0.1. */
    public static Result run(long bytes) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            long t0 = System.nanoTime();
            Future<Long> reader = pool.submit(() -> {
                try (SocketChannel s = server.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(StrataBulk.APP_CHUNK);
                    long got = 0;
                    while (got < bytes) {
                        b.clear();
                        int n = s.read(b);
                        if (n < 0) {
                            break;
                        }
                        got += n;
                    }
                    return got;
                }
            });
            Future<?> writer = pool.submit(() -> {
                try (SocketChannel c = SocketChannel.open(server.getLocalAddress())) {
                    ByteBuffer b = ByteBuffer.allocateDirect(StrataBulk.APP_CHUNK);
                    for (int i = 0; i < b.capacity(); i++) {
                        b.put(i, (byte) (i * 31 + 7));
                    }
                    long left = bytes;
                    while (left > 0) {
                        b.clear();
                        if (left < b.capacity()) {
                            b.limit((int) left);
                        }
                        while (b.hasRemaining()) {
                            left -= c.write(b);
                        }
                    }
                }
                return null;
            });
            long got = reader.get();
            long wall = System.nanoTime() - t0;
            writer.get();
            if (got != bytes) {
                throw new IllegalStateException("kernel loopback delivered " + got + " of " + bytes + " octets");
            }
            return new Result(got, wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kernel loopback transfer failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
