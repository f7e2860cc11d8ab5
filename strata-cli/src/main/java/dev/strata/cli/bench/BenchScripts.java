package dev.strata.cli.bench;

/**
 * The small python3 programs the TAP benchmark runs on the kernel's side: the same client and server code whichever
 * stack is on the other end, so that Strata and the kernel are measured with the same tools.
 */
final class BenchScripts {

    private BenchScripts() {}

    /**
     * {@code send HOST PORT SECONDS}: sends zeros for SECONDS, half-closes, waits for the peer's FIN; prints octets
     * and seconds from the first send to that FIN.
     */
    static final String SEND = """
            import socket, sys, time
            host, port, secs = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
            s = socket.create_connection((host, port), timeout=120)
            buf = bytes(1 << 18)
            n = 0
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < secs:
                n += s.send(buf)
            s.shutdown(socket.SHUT_WR)
            while s.recv(65536):
                pass
            print(n, time.perf_counter() - t0)
            """;

    /**
     * {@code sink PORT}: accepts one connection and reads it to the end; prints octets and seconds from the accept
     * to the end of the stream.
     */
    static final String SINK = """
            import socket, sys, time
            ls = socket.socket()
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind(("0.0.0.0", int(sys.argv[1])))
            ls.listen(1)
            print("listening", flush=True)
            s, _ = ls.accept()
            buf = bytearray(1 << 20)
            n = 0
            t0 = time.perf_counter()
            while True:
                k = s.recv_into(buf)
                if k == 0:
                    break
                n += k
            print(n, time.perf_counter() - t0, flush=True)
            s.close()
            """;

    /** {@code echo PORT}: accepts one connection and echoes it until the peer closes (the kernel's echo server). */
    static final String ECHO = """
            import socket, sys
            ls = socket.socket()
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind(("0.0.0.0", int(sys.argv[1])))
            ls.listen(1)
            print("listening", flush=True)
            s, _ = ls.accept()
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while True:
                b = s.recv(65536)
                if not b:
                    break
                s.sendall(b)
            s.close()
            """;

    /**
     * {@code pingpong HOST PORT ROUNDS}: sends 64 octets and waits for all 64 back, ROUNDS times (after 100 rounds of
     * warm-up); prints each round trip in nanoseconds, one per line.
     */
    static final String PINGPONG = """
            import socket, sys, time
            host, port, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
            s = socket.create_connection((host, port), timeout=30)
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            msg = bytes(range(64))
            out = []
            for i in range(rounds + 100):
                t0 = time.perf_counter_ns()
                s.sendall(msg)
                got = 0
                while got < 64:
                    got += len(s.recv(64 - got))
                if i >= 100:
                    out.append(time.perf_counter_ns() - t0)
            s.close()
            print("\\n".join(map(str, out)))
            """;
}
