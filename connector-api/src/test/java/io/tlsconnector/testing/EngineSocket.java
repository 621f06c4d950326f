package io.tlsconnector.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLParameters;

/**
 * A JDK {@code SSLEngine} client over a plain socket to 127.0.0.1, for tests that must see or shape the TLS records
 * themselves: its unwrap takes one record at a time, and its writes leave as the test groups them.
 */
final class EngineSocket implements AutoCloseable {
    private final SSLEngine engine;
    private final Socket socket;
    /** Kept ready for writing between calls. */
    private final ByteBuffer netIn;

    /** Connects to 127.0.0.1:{@code port}, with SNI {@code serverName}, trusting {@code root}, offering {@code alpn}. */
    EngineSocket(int port, String serverName, X509Certificate root, String... alpn) throws IOException {
        engine = TrustingClients.sslContextTrusting(root).createSSLEngine(serverName, port);
        engine.setUseClientMode(true);
        SSLParameters parameters = engine.getSSLParameters();
        parameters.setApplicationProtocols(alpn);
        engine.setSSLParameters(parameters);
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        netIn = ByteBuffer.allocate(engine.getSession().getPacketBufferSize() * 2);
    }

    SSLEngine engine() {
        return engine;
    }

    /** A buffer for what one record decrypts to. */
    ByteBuffer newApplicationBuffer() {
        return ByteBuffer.allocate(engine.getSession().getApplicationBufferSize() * 2);
    }

    /** Runs the handshake, each flight of the client in its own write. */
    void handshake() throws IOException {
        handshake(null);
    }

    /**
     * Runs the handshake, then sends {@code early}. With {@code early} given, the client's last flight (its Finished)
     * is held back and leaves in one write with {@code early}'s records, as a client that writes its request at once
     * sends it: the server reads both together.
     */
    void handshake(ByteBuffer early) throws IOException {
        engine.beginHandshake();
        ByteArrayOutputStream held = new ByteArrayOutputStream();
        ByteBuffer none = ByteBuffer.allocate(0);
        ByteBuffer appIn = newApplicationBuffer();
        while (true) {
            switch (engine.getHandshakeStatus()) {
                case NEED_WRAP -> wrap(none, held);
                case NEED_UNWRAP, NEED_UNWRAP_AGAIN -> {
                    flush(held);
                    appIn.clear();
                    unwrapOneRecord(appIn);
                }
                case NEED_TASK -> {
                    for (Runnable task; (task = engine.getDelegatedTask()) != null; ) {
                        task.run();
                    }
                }
                default -> {
                    if (early != null) {
                        wrap(early, held);
                    }
                    flush(held);
                    return;
                }
            }
        }
    }

    /** Unwraps the next record into {@code appIn}, reading until a whole one is buffered. */
    SSLEngineResult unwrapOneRecord(ByteBuffer appIn) throws IOException {
        while (true) {
            netIn.flip();
            SSLEngineResult result = engine.unwrap(netIn, appIn);
            netIn.compact();
            if (result.getStatus() != SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                return result;
            }
            int read = socket.getInputStream().read(netIn.array(), netIn.arrayOffset() + netIn.position(), netIn.remaining());
            if (read < 0) {
                throw new IOException("the server closed the connection in the middle of a record");
            }
            netIn.position(netIn.position() + read);
        }
    }

    /** Wraps {@code plaintext} and writes its records at once. */
    void send(ByteBuffer plaintext) throws IOException {
        ByteArrayOutputStream records = new ByteArrayOutputStream();
        wrap(plaintext, records);
        flush(records);
    }

    /** Wraps {@code plaintext} (once at least, so an empty buffer yields the handshake's next flight) into {@code out}. */
    private void wrap(ByteBuffer plaintext, ByteArrayOutputStream out) throws IOException {
        do {
            ByteBuffer netOut = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
            SSLEngineResult result = engine.wrap(plaintext, netOut);
            out.write(netOut.array(), 0, netOut.position());
            if (result.getHandshakeStatus() == HandshakeStatus.NEED_TASK) {
                return;
            }
        } while (plaintext.hasRemaining());
    }

    private void flush(ByteArrayOutputStream records) throws IOException {
        if (records.size() > 0) {
            socket.getOutputStream().write(records.toByteArray());
            records.reset();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
