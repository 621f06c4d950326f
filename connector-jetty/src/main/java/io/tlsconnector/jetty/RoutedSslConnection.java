package io.tlsconnector.jetty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

import io.tlsconnector.engine.ClientHello;
import io.tlsconnector.engine.HostContext;

/**
 * A TLS connection that remembers which virtual host its ClientHello selected, so request
 * customizers can tell the servlet which host served it.
 */
public final class RoutedSslConnection extends SslConnection {
    private final HostContext host;
    private final ClientHello clientHello;

    RoutedSslConnection(ByteBufferPool pool, Executor executor, EndPoint endPoint, SSLEngine engine,
                        HostContext host, ClientHello clientHello) {
        super(pool, executor, null, endPoint, engine, false, false);
        this.host = host;
        this.clientHello = clientHello;
    }

    /** The virtual host whose SSLContext made this connection's engine. */
    public HostContext host() {
        return host;
    }

    /** What the client offered; {@code null} when the hello could not be read and the default host answered. */
    public ClientHello clientHello() {
        return clientHello;
    }
}
