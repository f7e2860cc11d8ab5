package dev.strata.bench.tcp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reference for {@link StrataConnectionRate}: the same exchange through the JDK's blocking sockets over the
 * kernel's loopback. {@code clients} threads each open a connection, send the request, read the response to the
 * server's FIN and close; one server thread accepts, reads the request, answers and closes first.
 */
public final class KernelConnectionRate {

    private KernelConnectionRate() {}

    /** Runs {@code connections} request-response connections from {@code clients} threads. */
    public static StrataConnectionRate.Result run(int connections, int clients) {
        ExecutorService pool = Executors.newFixedThreadPool(clients + 1);
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 4096);
            InetSocketAddress address = (InetSocketAddress) server.getLocalAddress();
            Future<?> serving = pool.submit(() -> {
                ByteBuffer in = ByteBuffer.allocateDirect(StrataConnectionRate.MESSAGE * 2);
                ByteBuffer answer = ByteBuffer.allocateDirect(StrataConnectionRate.MESSAGE);
                for (int i = 0; i < connections; i++) {
                    try (SocketChannel s = server.accept()) {
                        s.socket().setTcpNoDelay(true);
                        in.clear();
                        while (in.position() < StrataConnectionRate.MESSAGE && s.read(in) >= 0) {
                            // read the whole request
                        }
                        answer.clear();
                        while (answer.hasRemaining()) {
                            s.write(answer);
                        }
                    }
                }
                return null;
            });
            AtomicInteger left = new AtomicInteger(connections);
            long t0 = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < clients; t++) {
                workers.add(pool.submit(() -> {
                    ByteBuffer request = ByteBuffer.allocateDirect(StrataConnectionRate.MESSAGE);
                    ByteBuffer response = ByteBuffer.allocateDirect(StrataConnectionRate.MESSAGE * 2);
                    while (left.getAndDecrement() > 0) {
                        try (SocketChannel c = SocketChannel.open(address)) {
                            c.socket().setTcpNoDelay(true);
                            request.clear();
                            while (request.hasRemaining()) {
                                c.write(request);
                            }
                            response.clear();
                            while (c.read(response.clear()) >= 0) {
                                // to the server's FIN
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get();
            }
            long wall = System.nanoTime() - t0;
            serving.get();
            return new StrataConnectionRate.Result(connections, wall);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kernel connection benchmark failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
