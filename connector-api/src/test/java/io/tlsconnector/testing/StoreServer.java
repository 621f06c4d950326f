package io.tlsconnector.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real redis-server or memcached, started from PATH on 127.0.0.1 with an ephemeral port and a temp
 * directory, for tests. Missing programs skip locally and fail under CI, through {@link ExternalTool#require}.
 * It can be killed and started again on the same port, as an outage.
 */
public final class StoreServer implements AutoCloseable {
    private final List<String> command;
    private final int port;
    private final Path log;
    private Process process;

    private StoreServer(List<String> command, int port, Path log) {
        this.command = command;
        this.port = port;
        this.log = log;
    }

    /** redis-server without persistence: a restart comes back empty. */
    public static StoreServer redis(Path dir) {
        Path program = ExternalTool.require("redis-server");
        int port = freePort();
        return new StoreServer(List.of(program.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString()), port, dir.resolve("redis-" + port + ".log")).start();
    }

    /** memcached with 16 MiB of memory. */
    public static StoreServer memcached(Path dir) {
        Path program = ExternalTool.require("memcached");
        int port = freePort();
        return new StoreServer(List.of(program.toString(), "-p", Integer.toString(port), "-l", "127.0.0.1", "-U", "0",
                "-m", "16", "-u", System.getProperty("user.name")), port, dir.resolve("memcached-" + port + ".log")).start();
    }

    public InetSocketAddress address() {
        return InetSocketAddress.createUnresolved("127.0.0.1", port);
    }

    /** Starts the program and waits (at most 10 s) until it accepts connections. */
    public synchronized StoreServer start() {
        try {
            process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(command.get(0) + " exited at once: " + Files.readString(log));
                }
                try (Socket probe = new Socket()) {
                    probe.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return this;
                } catch (IOException notYet) {
                    Thread.sleep(20);
                }
            }
            throw new IllegalStateException(command.get(0) + " did not listen on port " + port + " within 10 s");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills the program (SIGKILL), as a crash; waits at most 10 s for it to go. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
