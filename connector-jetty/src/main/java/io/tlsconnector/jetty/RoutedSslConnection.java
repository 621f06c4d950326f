package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.StringUtil;

import io.tlsconnector.spi.ConnectionPipeline;
import io.tlsconnector.spi.RecordJoin;
import io.tlsconnector.vars.SslVariables;

/**
 * A TLS connection on the virtual host its ClientHello selected: it reports the handshake to its
 * {@link ConnectionPipeline} (the log line, F39, and the handshake deadline), lets the pipeline refuse a
 * renegotiation, and closes without close_notify once the pipeline asks (ssl-unclean-shutdown, F34).
 */
public final class RoutedSslConnection extends SslConnection {
    private final ConnectionPipeline pipeline;
    private final boolean sealsEachBufferApart;
    private final boolean prefersDirectBuffers;
    private final ByteBufferPool pool;
    private final ContinuingExecutor executor;

    RoutedSslConnection(ByteBufferPool pool, Executor executor, EndPoint endPoint, SSLEngine engine, ConnectionPipeline pipeline) {
        this(pool, new ContinuingExecutor(executor), endPoint, engine, pipeline);
    }

    private RoutedSslConnection(ByteBufferPool pool, ContinuingExecutor executor, EndPoint endPoint, SSLEngine engine,
                                ConnectionPipeline pipeline) {
        // A native engine is handed direct buffers for the encrypted bytes; JSSE works best on heap ones.
        super(pool, executor, null, endPoint, engine, pipeline.prefersDirectBuffers(), pipeline.prefersDirectBuffers());
        this.pipeline = pipeline;
        this.executor = executor;
        this.sealsEachBufferApart = pipeline.sealsEachBufferApart();
        this.prefersDirectBuffers = pipeline.prefersDirectBuffers();
        this.pool = pool;
        addHandshakeListener(new SslHandshakeListener() {
            @Override
            public void handshakeSucceeded(Event event) {
                pipeline.handshakeSucceeded();
            }

            @Override
            public void handshakeFailed(Event event, Throwable failure) {
                pipeline.handshakeFailed(failure);
            }
        });
    }

    /**
     * Runs {@code upgrade} (a connection handed on, on this pool thread, at the end of its read) and then, on
     * the same thread, the read Jetty queues when the next connection starts with bytes already buffered.
     */
    void upgradeThenContinue(Runnable upgrade) {
        executor.upgradeThenContinue(upgrade);
    }

    /**
     * The TLS connection's executor. Jetty's SslConnection queues a read to another pool thread when the
     * connection above it asks to read and bytes are already buffered: right after the ClientHello is read,
     * and after the handshake when the request came with the client's Finished. Both happen at the end of
     * an upgrade on a pool thread that has nothing else to do, so that read runs next on that thread instead:
     * a thread hand-off (a futex wake-up and a context switch) less each time. Any other task, or one asked
     * for from another thread, goes to the pool.
     */
    private static final class ContinuingExecutor implements Executor {
        private final Executor pool;
        private volatile Thread upgrading;
        /** Written and read by the upgrading thread only. */
        private Runnable continuation;

        ContinuingExecutor(Executor pool) {
            this.pool = pool;
        }

        void upgradeThenContinue(Runnable upgrade) {
            upgrading = Thread.currentThread();
            boolean upgraded = false;
            try {
                upgrade.run();
                upgraded = true;
            } finally {
                upgrading = null;
                Runnable next = continuation;
                continuation = null;
                if (next != null) {
                    if (upgraded) {
                        next.run();
                    } else {
                        pool.execute(next);
                    }
                }
            }
        }

        @Override
        public void execute(Runnable task) {
            if (upgrading == Thread.currentThread() && continuation == null) {
                continuation = task;
            } else {
                pool.execute(task);
            }
        }
    }

    /** The connection as the request pipeline sees it. */
    public ConnectionPipeline pipeline() {
        return pipeline;
    }

    /** The SSL_* variables of this connection's current TLS session, computed once per session. */
    public SslVariables sslVariables() {
        return pipeline.sslVariables(getSSLEngine().getSession());
    }

    /**
     * Jetty hands the engine a response's header and body buffers together; a response that fits one record is
     * joined first where the engine would seal each buffer apart ({@link RecordJoin}).
     */
    @Override
    protected SSLEngineResult wrap(SSLEngine sslEngine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
        int total = sealsEachBufferApart ? RecordJoin.joinable(input, 0, input.length) : -1;
        if (total < 0) {
            return super.wrap(sslEngine, input, output);
        }
        // From the connector's pool, as direct as the engine's own buffers: no allocation per response.
        RetainableByteBuffer pooled = pool.acquire(total, prefersDirectBuffers);
        try {
            ByteBuffer joined = pooled.getByteBuffer();
            RecordJoin.join(input, 0, input.length, joined);
            SSLEngineResult result = super.wrap(sslEngine, new ByteBuffer[] {joined}, output);
            RecordJoin.consumed(input, 0, input.length, result.bytesConsumed());
            return result;
        } finally {
            pooled.release();
        }
    }

    @Override
    protected SSLEngineResult unwrap(SSLEngine sslEngine, ByteBuffer input, ByteBuffer output) throws SSLException {
        pipeline.beforeUnwrap(input);
        SSLEngineResult result = super.unwrap(sslEngine, input, output);
        // BoringSSL's engine can report the end of the handshake (FINISHED) on a BUFFER_UNDERFLOW or CLOSED
        // result, which Jetty does not look at: without this, such a handshake would go unreported.
        if (!pipeline.handshakeDone() && result.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.FINISHED
                && result.getStatus() != SSLEngineResult.Status.OK) {
            pipeline.handshakeSucceeded();
        }
        return result;
    }

    @Override
    protected SslEndPoint newSslEndPoint() {
        return new QuirkSslEndPoint();
    }

    /** Skips close_notify when the connection was marked for an unclean shutdown. */
    private final class QuirkSslEndPoint extends SslEndPoint {
        private SslSessionData sessionData;

        /**
         * Jetty's own asks the engine for the client's certificates on every connection; where the host never
         * asks for one, that is an exception per connection (SSLPeerUnverifiedException) for nothing.
         */
        @Override
        public SslSessionData getSslSessionData() {
            if (pipeline.mayHaveClientCertificate()) {
                return super.getSslSessionData();
            }
            SslSessionData data = sessionData;
            if (data == null) {
                SSLSession session = getSSLEngine().getSession();
                data = SslSessionData.from(session, StringUtil.toHexString(session.getId()), session.getCipherSuite(), null);
                sessionData = data;
            }
            return data;
        }

        @Override
        public void doShutdownOutput() {
            if (pipeline.closesWithoutNotify()) {
                RoutedSslConnection.this.getEndPoint().close();
            } else {
                super.doShutdownOutput();
            }
        }

        @Override
        public void doClose() {
            if (pipeline.closesWithoutNotify()) {
                RoutedSslConnection.this.getEndPoint().close();
            }
            super.doClose();
        }
    }
}
