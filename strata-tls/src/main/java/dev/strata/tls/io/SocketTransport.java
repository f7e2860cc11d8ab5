package dev.strata.tls.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** {@link ByteStreamTransport} over a {@link java.net.Socket} or a blocking {@link SocketChannel}. */
public final class SocketTransport implements ByteStreamTransport {

    private final Socket socket;
    private final SocketChannel channel;
    private final InputStream in;
    private final OutputStream out;

    private SocketTransport(Socket socket, SocketChannel channel) throws IOException {
        this.socket = socket;
        this.channel = channel;
        this.in = socket != null ? socket.getInputStream() : null;
        this.out = socket != null ? socket.getOutputStream() : null;
    }

    /** A transport over a connected socket. */
    public static SocketTransport of(Socket socket) throws IOException {
        return new SocketTransport(socket, null);
    }

    /** A transport over a connected channel, which is put in blocking mode. */
    public static SocketTransport of(SocketChannel channel) throws IOException {
        channel.configureBlocking(true);
        return new SocketTransport(null, channel);
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (channel != null) {
            return channel.read(dst);
        }
        int n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) {
            dst.position(dst.position() + n);
        }
        return n;
    }

    @Override
    public void write(ByteBuffer src) throws IOException {
        if (channel != null) {
            while (src.hasRemaining()) {
                channel.write(src);
            }
            return;
        }
        out.write(src.array(), src.arrayOffset() + src.position(), src.remaining());
        out.flush();
        src.position(src.limit());
    }

    @Override
    public void shutdownOutput() throws IOException {
        if (channel != null) {
            channel.shutdownOutput();
        } else if (!socket.isOutputShutdown()) {
            socket.shutdownOutput();
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        } else {
            socket.close();
        }
    }
}
