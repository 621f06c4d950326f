package io.tlsconnector.jetty;

import java.util.concurrent.Executor;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;

import io.tlsconnector.engine.ClientHello;
import io.tlsconnector.engine.HostContext;
import io.tlsconnector.vars.SslVariables;

/**
 * A TLS connection that remembers which virtual host its ClientHello selected, so request
 * customizers can tell the servlet which host served it.
 */
public final class RoutedSslConnection extends SslConnection {
    private final HostContext host;
    private final ClientHello clientHello;
    private SSLSession variablesSession;
    private SslVariables variables;

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

    /**
     * The SSL_* variables of this connection's TLS session, computed on the first request and kept
     * for the connection's life (every keep-alive request and HTTP/2 stream shares them). Kept here,
     * not on the SSLSession: a value bound to a JSSE session stops stateless session tickets.
     */
    public synchronized SslVariables sslVariables() {
        SSLSession session = getSSLEngine().getSession();
        if (variables == null || variablesSession != session) {
            // A session created before this connection existed was resumed, not negotiated here.
            boolean resumed = session.getCreationTime() < getCreatedTimeStamp();
            variables = SslVariables.of(session, host, clientHello, resumed);
            variablesSession = session;
        }
        return variables;
    }
}
