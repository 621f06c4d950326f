package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.IntConsumer;

import io.tlsconnector.internal.engine.ClientHelloParser;

/**
 * Captures the first flight a real TLS client sends: a listener on 127.0.0.1 reads until the bytes
 * form a complete ClientHello, then closes, so the client fails its handshake and exits.
 */
public final class HelloCapture {
    private HelloCapture() {
    }

    /**
     * Listens on an ephemeral port, runs {@code client} with that port, and returns the bytes received
     * up to the end of the ClientHello.
     */
    public static byte[] capture(IntConsumer client) {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            listener.setSoTimeout(15_000);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> readHello(listener), task -> {
                Thread reader = new Thread(task, "hello-capture");
                reader.setDaemon(true);
                reader.start();
            });
            CompletableFuture<Void> running = CompletableFuture.runAsync(() -> client.accept(listener.getLocalPort()), task -> {
                Thread runner = new Thread(task, "hello-capture-client");
                runner.setDaemon(true);
                runner.start();
            });
            byte[] hello = received.get(20, TimeUnit.SECONDS);
            try {
                running.get(20, TimeUnit.SECONDS);
            } catch (ExecutionException expected) {
                // the client saw its handshake cut off; that is how the capture ends
            }
            return hello;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no ClientHello captured: " + e, e);
        }
    }

    private static byte[] readHello(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            socket.setSoTimeout(15_000);
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            byte[] chunk = new byte[4096];
            while (seen.size() < 64 * 1024) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                seen.write(chunk, 0, n);
                ClientHelloParser.Status status = ClientHelloParser.parse(ByteBuffer.wrap(seen.toByteArray())).status();
                if (status != ClientHelloParser.Status.NEED_MORE_DATA) {
                    return seen.toByteArray();
                }
            }
            throw new IllegalStateException("connection ended after " + seen.size() + " bytes without a ClientHello");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
