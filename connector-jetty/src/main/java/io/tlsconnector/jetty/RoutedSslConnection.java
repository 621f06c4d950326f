package io.tlsconnector.jetty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

import io.tlsconnector.engine.ClientHello;
import io.tlsconnector.engine.HostContext;
import io.tlsconnector.vars.SslVariables;
import io.tlsconnector.vars.TlsConnection;

/**
 * A TLS connection that remembers which virtual host its ClientHello selected, so the request
 * customizer can give servlets the host and the SSL_* variables of the connection.
 */
public final class RoutedSslConnection extends SslConnection {
    private final TlsConnection connection;

    RoutedSslConnection(ByteBufferPool pool, Executor executor, EndPoint endPoint, SSLEngine engine,
                        HostContext host, ClientHello clientHello) {
        super(pool, executor, null, endPoint, engine, false, false);
        this.connection = new TlsConnection(host, clientHello);
    }

    /** The virtual host whose SSLContext made this connection's engine. */
    public HostContext host() {
        return connection.host();
    }

    /** What the client offered; {@code null} when the hello could not be read and the default host answered. */
    public ClientHello clientHello() {
        return connection.clientHello();
    }

    /** What requests on this connection see of it. */
    public TlsConnection tlsConnection() {
        return connection;
    }

    /** The SSL_* variables of this connection's current TLS session, computed once per session. */
    public SslVariables sslVariables() {
        return connection.sslVariables(getSSLEngine().getSession());
    }
}
