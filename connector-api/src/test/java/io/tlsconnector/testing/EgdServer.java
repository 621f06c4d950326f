package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Entropy Gathering Daemon on a UNIX socket for tests: answers command {@code 0x01 n}
 * (read without blocking) with a count byte and the next bytes of a known pool, so a test can check
 * exactly what a client received; when the pool runs out it answers a count of 0.
 */
public final class EgdServer implements AutoCloseable {
    private final ServerSocketChannel server;
    private final byte[] pool;
    private final AtomicInteger served = new AtomicInteger();
    private final Thread thread;

    private EgdServer(Path socket, byte[] pool) throws IOException {
        this.pool = pool.clone();
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "test-egd-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** Listens on {@code socket}, handing out {@code pool} once. */
    public static EgdServer start(Path socket, byte[] pool) {
        try {
            return new EgdServer(socket, pool);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes handed out so far. */
    public int served() {
        return served.get();
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                ByteBuffer command = ByteBuffer.allocate(2);
                while (true) {
                    command.clear();
                    while (command.hasRemaining()) {
                        if (client.read(command) < 0) {
                            throw new IOException("client closed");
                        }
                    }
                    if (command.get(0) != 0x01) {
                        return; // this test daemon only speaks "read without blocking"
                    }
                    int wanted = Byte.toUnsignedInt(command.get(1));
                    int count = Math.min(wanted, pool.length - served.get());
                    ByteBuffer answer = ByteBuffer.allocate(1 + count);
                    answer.put((byte) count).put(pool, served.get(), count).flip();
                    served.addAndGet(count);
                    while (answer.hasRemaining()) {
                        client.write(answer);
                    }
                }
            } catch (IOException e) {
                // the client finished, or the server was closed
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
