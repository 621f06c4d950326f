package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;

import io.tlsconnector.runtime.TlsRuntime;
import io.tlsconnector.config.Engine;
import io.tlsconnector.internal.engine.HandshakeLog;
import io.tlsconnector.internal.engine.ClientHello;
import io.tlsconnector.internal.engine.HandshakeGuard;
import io.tlsconnector.internal.engine.LoadedHost;
import io.tlsconnector.internal.engine.Renegotiation;
import io.tlsconnector.vars.SslVariables;
import io.tlsconnector.vars.ConnectionRecord;

/**
 * A TLS connection that remembers which runtime and virtual host its ClientHello selected, so the
 * request customizer can give servlets the host and the SSL_* variables of the connection; reports
 * its handshake to {@link HandshakeLog} and to the handshake guard, and can close without
 * close_notify for clients that need it (ssl-unclean-shutdown, F34).
 */
public final class RoutedSslConnection extends SslConnection {
    private final TlsRuntime runtime;
    private final ConnectionRecord connection;
    private final long startNanos = System.nanoTime();
    /** The most plaintext one TLS record carries. */
    private static final int MAX_RECORD_PLAINTEXT = 16384;
    private final HandshakeGuard.Pending pending;
    private final boolean sealsEachBufferApart;
    private final AtomicBoolean handshakeReported = new AtomicBoolean();
    private volatile boolean handshakeDone;
    private volatile boolean uncleanShutdown;

    RoutedSslConnection(ByteBufferPool pool, Executor executor, EndPoint endPoint, SSLEngine engine,
                        TlsRuntime runtime, LoadedHost host, ClientHello clientHello, HandshakeGuard.Pending pending) {
        super(pool, executor, null, endPoint, engine, false, false);
        this.runtime = runtime;
        this.connection = new ConnectionRecord(host, clientHello, engine);
        this.pending = pending;
        this.sealsEachBufferApart = host.engine() == Engine.BORINGSSL;
        addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                succeeded(event.getSSLEngine());
            }

            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                pending.done();
                HandshakeLog.failed(endPoint.getRemoteSocketAddress(), host, clientHello, failure);
            }
        });
    }

    /** The runtime that chose the host (a reload since then does not change this connection). */
    public TlsRuntime runtime() {
        return runtime;
    }

    /** The virtual host whose SSLContext made this connection's engine. */
    public LoadedHost host() {
        return connection.host();
    }

    /** What the client offered; {@code null} when the hello could not be read and the default host answered. */
    public ClientHello clientHello() {
        return connection.clientHello();
    }

    /** The SNI name the client sent, or null. */
    public String sni() {
        return connection.sni();
    }

    /** What requests on this connection see of it. */
    public ConnectionRecord tlsConnection() {
        return connection;
    }

    /** The SSL_* variables of this connection's current TLS session, computed once per session. */
    public SslVariables sslVariables() {
        return connection.sslVariables(getSSLEngine().getSession());
    }

    /** From now on this connection closes its TCP connection without sending a TLS close_notify alert. */
    public void uncleanShutdown() {
        uncleanShutdown = true;
    }

    /**
     * Jetty hands the engine a response's header and body buffers together; JSSE seals them in one
     * record, BoringSSL's engine in one record per buffer. A response that fits one record (16 KiB of
     * plaintext) is joined first, so it leaves in one record on both engines (fewer bytes and packets).
     */
    @Override
    protected SSLEngineResult wrap(SSLEngine sslEngine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
        if (!sealsEachBufferApart || input.length < 2) {
            return super.wrap(sslEngine, input, output);
        }
        int total = 0;
        int filled = 0;
        for (ByteBuffer buffer : input) {
            if (buffer.hasRemaining()) {
                filled++;
                total += buffer.remaining();
            }
        }
        if (filled < 2 || total > MAX_RECORD_PLAINTEXT) {
            return super.wrap(sslEngine, input, output);
        }
        ByteBuffer joined = ByteBuffer.allocate(total);
        for (ByteBuffer buffer : input) {
            joined.put(buffer.duplicate());
        }
        joined.flip();
        SSLEngineResult result = super.wrap(sslEngine, new ByteBuffer[] {joined}, output);
        int consumed = result.bytesConsumed();
        for (ByteBuffer buffer : input) {
            int taken = Math.min(consumed, buffer.remaining());
            buffer.position(buffer.position() + taken);
            consumed -= taken;
        }
        return result;
    }

    @Override
    protected SSLEngineResult unwrap(SSLEngine sslEngine, ByteBuffer input, ByteBuffer output) throws SSLException {
        Renegotiation.refuse(sslEngine, input, handshakeDone);
        SSLEngineResult result = super.unwrap(sslEngine, input, output);
        // BoringSSL's engine can report the end of the handshake (FINISHED) on a BUFFER_UNDERFLOW or CLOSED
        // result, which Jetty does not look at: without this, such a handshake would go unreported.
        if (!handshakeDone && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED
                && result.getStatus() != SSLEngineResult.Status.OK) {
            succeeded(sslEngine);
        }
        return result;
    }

    private void succeeded(SSLEngine engine) {
        handshakeDone = true;
        if (handshakeReported.compareAndSet(false, true)) {
            pending.done();
            HandshakeLog.succeeded(getEndPoint().getRemoteSocketAddress(), sni(), connection.host().serverName(),
                    engine.getSession(), engine, startNanos);
        }
    }

    @Override
    protected SslEndPoint newSslEndPoint() {
        return new QuirkSslEndPoint();
    }

    /** Skips close_notify when the connection was marked for an unclean shutdown. */
    private final class QuirkSslEndPoint extends SslEndPoint {
        @Override
        public void doShutdownOutput() {
            if (uncleanShutdown) {
                RoutedSslConnection.this.getEndPoint().close();
            } else {
                super.doShutdownOutput();
            }
        }

        @Override
        public void doClose() {
            if (uncleanShutdown) {
                RoutedSslConnection.this.getEndPoint().close();
            }
            super.doClose();
        }
    }
}
