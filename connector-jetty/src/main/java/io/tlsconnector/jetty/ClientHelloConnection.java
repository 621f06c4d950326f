package io.tlsconnector.jetty;

import java.nio.ByteBuffer;

import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.RetainableByteBuffer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.tlsconnector.spi.ConnectionPipeline;

/**
 * The first connection on every accepted socket: reads until the ClientHello can be parsed, then
 * hands the connection, with the bytes read so far, to the TLS connection of the virtual host the
 * SNI name selects. Plain HTTP sent to the TLS port is answered with 400 and closed instead of
 * hanging (F8).
 */
final class ClientHelloConnection extends AbstractConnection implements Connection.UpgradeFrom {
    private static final Logger log = LoggerFactory.getLogger(ClientHelloConnection.class);
    /** A ClientHello of the maximum size may still come in 1-byte records: room for their headers. */
    private static final int BUFFER_SIZE = ConnectionPipeline.MAX_CLIENT_HELLO_BYTES;
    private static final long PLAIN_HTTP_LINGER_MS = 1000;

    private final Connector connector;
    private final TlsRoutingConnectionFactory factory;
    private final ConnectionPipeline pipeline;
    /** From the connector's pool, not allocated per connection (20 KB each); back to the pool once handed on or closed. */
    private final RetainableByteBuffer pooled;
    private final ByteBuffer buffer;
    private final boolean onSelector;
    private final Callback read;
    private boolean released;
    private boolean answeredPlainHttp;

    /**
     * @param onSelector whether the selector's thread reads the ClientHello itself (a non-blocking read: parsing,
     *                   picking the host, making its engine) rather than waking a pool thread for it, and then the
     *                   handshake (see {@link RoutedSslConnection})
     */
    ClientHelloConnection(EndPoint endPoint, Connector connector, TlsRoutingConnectionFactory factory,
                          ConnectionPipeline pipeline, boolean onSelector) {
        super(endPoint, connector.getExecutor());
        this.connector = connector;
        this.factory = factory;
        this.pipeline = pipeline;
        this.onSelector = onSelector;
        this.read = onSelector ? TlsRoutingConnectionFactory.selectorRead(this::onFillable, this::onFillInterestedFailed)
                : Callback.from(this::onFillable, this::onFillInterestedFailed);
        this.pooled = connector.getByteBufferPool().acquire(BUFFER_SIZE, false);
        this.buffer = pooled.getByteBuffer();
        BufferUtil.clear(buffer);
    }

    @Override
    public void onOpen() {
        super.onOpen();
        fillInterested();
    }

    @Override
    public void fillInterested() {
        fillInterested(read);
    }

    @Override
    public void onFillable() {
        try {
            if (answeredPlainHttp) {
                discardUntilClosed();
                return;
            }
            while (true) {
                int filled = getEndPoint().fill(buffer);
                if (filled < 0) {
                    getEndPoint().close();
                    return;
                }
                if (filled == 0) {
                    fillInterested();
                    return;
                }
                if (decide()) {
                    return;
                }
            }
        } catch (Throwable x) {
            log.debug("Closing {} after failure while reading the ClientHello", getEndPoint(), x);
            getEndPoint().close(x);
        }
    }

    /** @return true when the connection has been handed on or closed, false when more bytes are needed */
    private boolean decide() {
        switch (pipeline.classify(buffer)) {
            case INCOMPLETE:
                if (BufferUtil.space(buffer) > 0) {
                    return false;
                }
                log.debug("Closing {}: ClientHello records exceed {} bytes", getEndPoint(), BUFFER_SIZE);
                getEndPoint().close();
                return true;
            case TLS:
                factory.upgradeToTls(connector, getEndPoint(), buffer, pipeline, onSelector);
                return true;
            case PLAIN_HTTP:
                answerPlainHttp();
                return true;
            case REFUSED:
            default:
                getEndPoint().close();
                return true;
        }
    }

    private void answerPlainHttp() {
        answeredPlainHttp = true;
        ByteBuffer answer = pipeline.plainHttpAnswer(buffer, getEndPoint().getLocalSocketAddress());
        // Half-close after the answer and read what is left for a moment: closing with unread input
        // would make the kernel send a reset, and the client could lose the response.
        getEndPoint().setIdleTimeout(PLAIN_HTTP_LINGER_MS);
        getEndPoint().write(Callback.from(() -> {
            getEndPoint().shutdownOutput();
            fillInterested();
        }, x -> getEndPoint().close(x)), answer);
    }

    private void discardUntilClosed() throws java.io.IOException {
        while (true) {
            BufferUtil.clear(buffer);
            int filled = getEndPoint().fill(buffer);
            if (filled < 0) {
                getEndPoint().close();
                return;
            }
            if (filled == 0) {
                fillInterested();
                return;
            }
        }
    }

    @Override
    public ByteBuffer onUpgradeFrom() {
        ByteBuffer unconsumed = null;
        if (buffer.hasRemaining()) {
            unconsumed = BufferUtil.allocate(buffer.remaining());
            BufferUtil.append(unconsumed, buffer);
        }
        release();
        return unconsumed;
    }

    @Override
    public void onClose(Throwable cause) {
        super.onClose(cause);
        release();
    }

    private synchronized void release() {
        if (!released) {
            released = true;
            pooled.release();
        }
    }
}
