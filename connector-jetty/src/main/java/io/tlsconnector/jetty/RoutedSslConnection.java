package io.tlsconnector.jetty;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.StringUtil;
import org.eclipse.jetty.util.thread.Invocable;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;

import io.tlsconnector.spi.ConnectionPipeline;
import io.tlsconnector.spi.RecordJoin;
import io.tlsconnector.vars.SslVariables;

/**
 * A TLS connection on the virtual host its ClientHello selected: it reports the handshake to its
 * {@link ConnectionPipeline} (the log line, F39, and the handshake deadline), lets the pipeline refuse a
 * renegotiation, and closes without close_notify once the pipeline asks (ssl-unclean-shutdown, F34).
 */
public final class RoutedSslConnection extends SslConnection {
    /** The continuations {@link ContinuingExecutor} may run next: any but one that may block on a thread that must not. */
    private static final Predicate<Runnable> UNLESS_IT_MAY_BLOCK_WHERE_NOTHING_MAY = task -> !(Invocable.isNonBlockingInvocation()
            && Invocable.getInvocationType(task) == InvocationType.BLOCKING);
    /** Only one that never blocks. */
    private static final Predicate<Runnable> NEVER_BLOCKING = task -> Invocable.getInvocationType(task) == InvocationType.NON_BLOCKING;

    private final ConnectionPipeline pipeline;
    private final boolean sealsEachBufferApart;
    private final boolean prefersDirectBuffers;
    private final ByteBufferPool pool;
    private final ContinuingExecutor executor;
    private final boolean handshakeOnSelector;
    private final Runnable fillEncrypted = super::onFillable;

    /**
     * @param handshakeOnSelector whether the handshake may run on the selector's thread (see
     *                            {@link TlsRoutingConnectionFactory}); where the host checks client certificates it
     *                            never does, as those checks may ask an OCSP responder
     */
    RoutedSslConnection(ByteBufferPool pool, Executor executor, EndPoint endPoint, SSLEngine engine, ConnectionPipeline pipeline,
                        boolean handshakeOnSelector) {
        this(pool, new ContinuingExecutor(executor), endPoint, engine, pipeline,
                handshakeOnSelector && !pipeline.mayHaveClientCertificate());
    }

    private RoutedSslConnection(ByteBufferPool pool, ContinuingExecutor executor, EndPoint endPoint, SSLEngine engine,
                                ConnectionPipeline pipeline, boolean handshakeOnSelector) {
        // A native engine is handed direct buffers for the encrypted bytes; JSSE works best on heap ones.
        super(pool, executor, null, endPoint, engine, pipeline.prefersDirectBuffers(), pipeline.prefersDirectBuffers());
        this.pipeline = pipeline;
        this.executor = executor;
        this.sealsEachBufferApart = pipeline.sealsEachBufferApart();
        this.prefersDirectBuffers = pipeline.prefersDirectBuffers();
        this.pool = pool;
        this.handshakeOnSelector = handshakeOnSelector;
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
     * Runs {@code upgrade} (a connection handed on at the end of its read) and then, on the same thread, the
     * read Jetty queues when the next connection starts with bytes already buffered, unless that read may block
     * and this thread must not (the selector's).
     */
    void upgradeThenContinue(Runnable upgrade) {
        executor.runThenContinue(upgrade, UNLESS_IT_MAY_BLOCK_WHERE_NOTHING_MAY);
    }

    /**
     * A read of the encrypted bytes; a read Jetty queues meanwhile for the connection above, because bytes are
     * already buffered (a request decrypted with the end of the handshake, a pipelined one), runs next on this
     * thread when it never blocks: it can then run wherever this read runs, the selector's thread included.
     */
    @Override
    public void onFillable() {
        executor.runThenContinue(fillEncrypted, NEVER_BLOCKING);
    }

    /**
     * The TLS connection's executor. Jetty's SslConnection queues a read to another pool thread when the
     * connection above it asks to read and bytes are already buffered: right after the ClientHello is read,
     * after the handshake when the request came with the client's Finished, after a read that decrypted more
     * than one request. These happen at the end of work on a thread that then has nothing else to do, so that
     * read runs next on that thread instead, where it may: a thread hand-off (a futex wake-up and a context
     * switch) less each time. Any other task, or one asked for from another thread, goes to the pool.
     */
    private static final class ContinuingExecutor implements Executor {
        private final Executor pool;
        /** The work running now with a continuation, if any; another thread may start its own at any time. */
        private final AtomicReference<Frame> running = new AtomicReference<>();

        ContinuingExecutor(Executor pool) {
            this.pool = pool;
        }

        /** One run of {@link #runThenContinue}: its thread, which task it may keep, and the one it keeps. */
        private static final class Frame {
            final Thread thread = Thread.currentThread();
            final Predicate<Runnable> allowed;
            /** Written and read by {@link #thread} only. */
            Runnable continuation;

            Frame(Predicate<Runnable> allowed) {
                this.allowed = allowed;
            }
        }

        /**
         * Runs {@code work}, then the task this thread handed the executor meanwhile if {@code allowed} accepts it,
         * then the one that task handed on, and so on; a task handed on by work that failed goes to the pool. Nested,
         * as an upgrade inside a read is, the inner work's tasks run at its own end.
         */
        void runThenContinue(Runnable work, Predicate<Runnable> allowed) {
            Frame outer = running.get();
            Frame frame = new Frame(allowed);
            running.set(frame);
            try {
                Runnable next = work;
                while (next != null) {
                    frame.continuation = null;
                    try {
                        next.run();
                    } catch (Throwable x) {
                        if (frame.continuation != null) {
                            pool.execute(frame.continuation);
                        }
                        throw x;
                    }
                    next = frame.continuation;
                }
            } finally {
                // Back to the enclosing run on this thread, unless another thread's run has taken over meanwhile.
                running.compareAndSet(frame, outer != null && outer.thread == frame.thread ? outer : null);
            }
        }

        @Override
        public void execute(Runnable task) {
            Frame frame = running.get();
            if (frame != null && frame.thread == Thread.currentThread() && frame.continuation == null && frame.allowed.test(task)) {
                frame.continuation = task;
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

    /**
     * Skips close_notify when the connection was marked for an unclean shutdown, and lets the selector's thread run
     * the handshake.
     */
    private final class QuirkSslEndPoint extends SslEndPoint {
        private SslSessionData sessionData;

        /**
         * The connection that waits for the end of the handshake to pick the application protocol asks to read as a
         * connection that may block (Jetty's default); its reads run the handshake and nothing else, so where the
         * handshake may run on the selector's thread they are declared non-blocking. The selector then runs them
         * itself instead of waking a pool thread for each flight of the client, and runs them as a non-blocking
         * invocation: what they start that may block (the first request, an HTTP/2 stream) then goes to the pool.
         */
        @Override
        public void fillInterested(Callback callback) {
            if (handshakeOnSelector && EngineAlpnConnectionFactory.negotiates(getConnection())
                    && Invocable.getInvocationType(callback) == InvocationType.BLOCKING) {
                super.fillInterested(TlsRoutingConnectionFactory.selectorRead(callback::succeeded, callback::failed));
            } else {
                super.fillInterested(callback);
            }
        }

        /**
         * An HTTP/2 connection chosen at the end of a handshake run on the selector's thread starts on a pool thread,
         * as before the handshake ran there: its first read, run on the selector's thread inside the handshake's,
         * could leave a stream unanswered (bench/h2-stall-check.sh: 4 stalls in 28 runs, none in 18 with this; BENCHMARKS.md,
         * change 13). An HTTP/2 connection lives for many requests, so that is one hand-off per many.
         */
        @Override
        public void upgrade(Connection newConnection) {
            if (newConnection instanceof HTTP2Connection && Invocable.isNonBlockingInvocation()) {
                getExecutor().execute(Invocable.from(InvocationType.BLOCKING, () -> super.upgrade(newConnection)));
            } else {
                super.upgrade(newConnection);
            }
        }

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
